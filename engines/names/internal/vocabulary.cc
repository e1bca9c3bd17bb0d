// SPDX-License-Identifier: Apache-2.0
#include "engines/names/internal/vocabulary.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace highfence::names::internal {
namespace {

struct Pair {
  std::string_view from;
  std::string_view to;
};

constexpr std::array kAbbreviations = {
    Pair{"univ", "university"},
    Pair{"uni", "university"},
    Pair{"inst", "institute"},
    Pair{"instit", "institute"},
    Pair{"tech", "technology"},
    Pair{"technol", "technology"},
    Pair{"natl", "national"},
    Pair{"nat", "national"},
    Pair{"nat'l", "national"},
    Pair{"acad", "academy"},
    Pair{"sci", "sciences"},
    Pair{"science", "sciences"},
    Pair{"co", "company"},
    Pair{"corp", "corporation"},
    Pair{"ltd", "limited"},
    Pair{"lab", "laboratory"},
    Pair{"labs", "laboratory"},
    Pair{"laboratories", "laboratory"},
    Pair{"ctr", "center"},
    Pair{"centre", "center"},
    Pair{"cent", "center"},
    Pair{"dept", "department"},
    Pair{"intl", "international"},
    Pair{"int'l", "international"},
    Pair{"eng", "engineering"},
    Pair{"engn", "engineering"},
    Pair{"res", "research"},
    Pair{"coll", "college"},
    Pair{"hosp", "hospital"},
    Pair{"assoc", "association"},
    Pair{"soc", "society"},
    Pair{"found", "foundation"},
    Pair{"grp", "group"},
    Pair{"technologies", "technology"},
    Pair{"universities", "university"},
    Pair{"&", "and"},
};

// Entity-type words: what kind of body it is, not which one.
constexpr std::string_view kLatinForm[] = {
    "university", "universite",  "universitat",  "universidad",  "universidade", "universita", "universiteit",
    "college",    "institute",   "institut",     "instituto",    "istituto",     "academy",    "academie",
    "academia",   "akademie",    "school",       "laboratory",   "center",       "centro",     "centrum",
    "company",    "corporation", "incorporated", "inc",          "limited",      "llc",        "plc",
    "gmbh",       "ag",          "sa",           "srl",          "bv",           "kk",         "group",
    "holdings",   "holding",     "technology",   "department",   "faculty",      "division",   "bureau",
    "office",     "hospital",    "foundation",   "association",  "society",      "council",    "agency",
    "ministry",   "polytechnic", "organization", "organisation", "daigaku",      "daxue",      "xueyuan",
    "gakuin",     "kenkyusho",   "kenkyuusho",   "kenkyujo",     "kenkyuujo",    "yanjiusuo",  "yanjiuyuan",
    "kexueyuan",  "zhongxin",    "gongsi",       "youxian",      "jituan",       "kabushiki",  "kaisha",
    "gaisha",     "jishu",       "gijutsu"};

// Common, meaningful, but not distinctive alone.
constexpr std::string_view kLatinGeneric[] = {
    "national", "state",   "international", "engineering", "research", "industrial", "industry", "medical",
    "normal",   "federal", "central",       "general",     "science",  "sciences",   "applied",  "advanced",
    "royal",    "public",  "private",       "scientific",  "chinese",  "japan",      "china"};

constexpr std::string_view kLatinStop[] = {"of",  "and", "the", "for", "in",  "at", "on", "de", "du", "des", "la", "le",
                                           "del", "di",  "der", "und", "fur", "y",  "e",  "et", "a",  "an",  "zu"};

// Folded (simplified) CJK and Hangul organisation-form words, longest first.
constexpr std::string_view kNativeForm[] = {"股份有限公司", "有限责任公司", "独立行政法人", "国立研究开发法人",
                                            "株式会社",     "有限会社",     "合同会社",     "有限公司",
                                            "研究中心",     "高等学校",     "大学校",       "科学院",
                                            "研究所",       "研究院",       "实验室",       "研究室",
                                            "대학교",       "연구소",       "연구원",       "주식회사",
                                            "大学",         "学院",         "中心",         "公司",
                                            "集团",         "技术",         "科技",         "医院",
                                            "学校",         "协会",         "学会",         "机构",
                                            "财团",         "法人",         "会社",         "大學",
                                            "대학",         "센터",         "학교",         "병원",
                                            "회사",         "그룹",         "기술"};

// 工业 / 工程 stay distinctive: they are what tells 哈尔滨工业大学 from 哈尔滨工程大学.
constexpr std::string_view kNativeGeneric[] = {"国立", "国家", "中国", "日本", "科学", "国际"};

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view token) {
  return std::find(std::begin(words), std::end(words), token) != std::end(words);
}

}  // namespace

std::string_view ExpandAbbreviation(std::string_view token) {
  for (const Pair& p : kAbbreviations) {
    if (p.from == token) return p.to;
  }
  return token;
}

TokenClass LatinTokenClass(std::string_view token) {
  if (Contains(kLatinStop, token)) return TokenClass::kStop;
  if (Contains(kLatinForm, token)) return TokenClass::kForm;
  if (Contains(kLatinGeneric, token)) return TokenClass::kGeneric;
  return TokenClass::kNormal;
}

TokenClass NativeTokenClass(std::string_view token) {
  if (Contains(kNativeForm, token)) return TokenClass::kForm;
  if (Contains(kNativeGeneric, token)) return TokenClass::kGeneric;
  return TokenClass::kNormal;
}

const std::string_view* NativeFormWords(size_t* count) {
  *count = std::size(kNativeForm);
  return kNativeForm;
}

std::string FoldRomaji(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    const char next = i + 1 < in.size() ? in[i + 1] : '\0';
    const char next2 = i + 2 < in.size() ? in[i + 2] : '\0';
    if (c == 'o' && (next == 'u' || next == 'o')) {  // ou, oo → o
      out += 'o';
      ++i;
      continue;
    }
    const bool next2_consonant = next2 != '\0' && std::string_view("aeiouy").find(next2) == std::string_view::npos;
    if (c == 'o' && next == 'h' && (next2 == '\0' || next2_consonant)) {  // Satoh, Ohno → sato, ono
      out += 'o';
      ++i;
      continue;
    }
    if (c == 'u' && next == 'u') {  // uu → u
      out += 'u';
      ++i;
      continue;
    }
    if (c == 's' && next == 'h' && next2 == 'i') {  // shi → si
      out += "si";
      i += 2;
      continue;
    }
    if (c == 'c' && next == 'h' && next2 == 'i') {  // chi → ti
      out += "ti";
      i += 2;
      continue;
    }
    if (c == 't' && next == 's' && next2 == 'u') {  // tsu → tu
      out += "tu";
      i += 2;
      continue;
    }
    if (c == 'f' && next == 'u') {  // fu → hu
      out += "hu";
      ++i;
      continue;
    }
    if (c == 'j' && next == 'i') {  // ji → zi
      out += "zi";
      ++i;
      continue;
    }
    if (c == 'm' && (next == 'b' || next == 'p') && !out.empty()) {  // shimbun → shinbun
      out += 'n';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace highfence::names::internal
