// SPDX-License-Identifier: Apache-2.0
#include "engines/names/affiliation.h"

#include <algorithm>
#include <cctype>

namespace highfence::names {
namespace {

struct Country {
  std::string_view written;  // lower case for Latin
  std::string_view code;
};

constexpr Country kCountries[] = {
    {"china", "CN"},
    {"p.r. china", "CN"},
    {"pr china", "CN"},
    {"p. r. china", "CN"},
    {"people's republic of china", "CN"},
    {"prc", "CN"},
    {"中国", "CN"},
    {"中華人民共和国", "CN"},
    {"中华人民共和国", "CN"},
    {"japan", "JP"},
    {"日本", "JP"},
    {"usa", "US"},
    {"u.s.a.", "US"},
    {"united states", "US"},
    {"united states of america", "US"},
    {"uk", "GB"},
    {"united kingdom", "GB"},
    {"korea", "KR"},
    {"south korea", "KR"},
    {"republic of korea", "KR"},
    {"대한민국", "KR"},
    {"한국", "KR"},
    {"taiwan", "TW"},
    {"台湾", "TW"},
    {"台灣", "TW"},
    {"hong kong", "HK"},
    {"香港", "HK"},
    {"singapore", "SG"},
    {"germany", "DE"},
    {"france", "FR"},
    {"russia", "RU"},
    {"russian federation", "RU"},
    {"iran", "IR"},
    {"india", "IN"},
    {"australia", "AU"},
    {"canada", "CA"},
    {"italy", "IT"},
    {"spain", "ES"},
    {"netherlands", "NL"},
    {"switzerland", "CH"},
    {"sweden", "SE"},
    {"pakistan", "PK"},
    {"belarus", "BY"},
    {"north korea", "KP"},
    {"dprk", "KP"},
    {"syria", "SY"},
};

// Words that make a part an organisation, strongest first.
constexpr std::string_view kOrgWords[] = {
    "univ",   "institut", "academ", "college", "laborator", "hospital",    "corporation", "company",  "co.",  "ltd",
    "inc",    "gmbh",     "center", "centre",  "school",    "polytechnic", "agency",      "ministry", "大学", "大學",
    "研究所", "研究院",   "科学院", "公司",    "会社",      "中心",        "센터",        "대학"};
constexpr std::string_view kDepartmentStarts[] = {"dept",          "department",      "school of",  "faculty",
                                                  "division",      "graduate school", "college of", "lab of",
                                                  "laboratory of", "key laboratory",  "state key",  "institute of"};
// CJK units below the organisation, cut off after it: 北京航空航天大学 | 物理学院.
// 学院 ends an organisation too (北京电子科技学院 | 计算机学院) except inside 学院大学
// (東北学院大学, 関西学院大学); so does a (state key) laboratory, which registries hold as a
// record of its own (无线通信接入技术国家重点实验室).
constexpr std::string_view kCjkOrgEnds[] = {"大学",     "大學",   "研究院", "研究所", "科学院", "有限公司",
                                            "株式会社", "대학교", "学院",   "學院",   "实验室", "實驗室"};
// An institute of the organisation that registries hold as its own record (中国科学院 |
// 计算技术研究所, 東北大学 | 金属材料研究所): kept with the organisation; its parent is found
// through the registry. Schools and departments (学院, 研究科, 学部) are cut off.
constexpr std::string_view kCjkInstituteEnds[] = {"研究所", "研究院", "研究中心"};
// A Japanese address: a 〒 postcode or a prefecture (県 is the Japanese form; Chinese
// addresses write 县 / 縣), 東京都, 北海道, 大阪府, 京都府.
constexpr std::string_view kJapaneseAddressCues[] = {"〒", "県", "東京都", "北海道", "大阪府", "京都府"};

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  std::string out(s.substr(b, e - b + 1));
  while (!out.empty() &&
         (out.back() == '.' && out.size() > 1 && std::isdigit(static_cast<unsigned char>(out[out.size() - 2]))))
    out.pop_back();
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool IsOrganisation(std::string_view lower) {
  return std::any_of(std::begin(kOrgWords), std::end(kOrgWords),
                     [&](std::string_view w) { return Contains(lower, w); });
}

bool IsDepartment(std::string_view lower) {
  return std::any_of(std::begin(kDepartmentStarts), std::end(kDepartmentStarts),
                     [&](std::string_view w) { return lower.starts_with(w); });
}

// Splits on , ; ， 、 ；
std::vector<std::string> Parts(std::string_view raw) {
  std::vector<std::string> parts;
  std::string current;
  for (size_t i = 0; i < raw.size();) {
    const std::string_view rest = raw.substr(i);
    size_t sep = 0;
    if (rest[0] == ',' || rest[0] == ';') sep = 1;
    for (std::string_view s : {std::string_view("，"), std::string_view("、"), std::string_view("；")}) {
      if (rest.starts_with(s)) sep = s.size();
    }
    if (sep > 0) {
      parts.push_back(Trim(current));
      current.clear();
      i += sep;
      continue;
    }
    current += raw[i++];
  }
  parts.push_back(Trim(current));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

// A postcode inside a part: the longest run of digits (with one inner '-') of ≥ 4 digits,
// or a Japanese 〒123-4567. Removes it from the part and returns it.
// Full-width digits and hyphens (９８０－８５７６, as Japanese addresses print them) → ASCII.
std::string AsciiDigits(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == 0xEF && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(in[i + 2]);
      if (d >= 0x90 && d <= 0x99) {  // U+FF10..U+FF19
        out += static_cast<char>('0' + (d - 0x90));
        i += 2;
        continue;
      }
      if (d == 0x8D) {  // U+FF0D full-width hyphen-minus
        out += '-';
        i += 2;
        continue;
      }
    }
    out += in[i];
  }
  return out;
}

std::string TakePostcode(std::string* part) {
  std::string& s = *part;
  s = AsciiDigits(s);
  size_t best_b = 0, best_len = 0, digits_best = 0;
  for (size_t i = 0; i < s.size();) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i, digits = 0;
    while (j < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[j])) ||
            (s[j] == '-' && j + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[j + 1])) && j > i))) {
      digits += s[j] != '-';
      ++j;
    }
    if (digits >= 4 && digits > digits_best) best_b = i, best_len = j - i, digits_best = digits;
    i = j;
  }
  if (digits_best == 0) return {};
  std::string code = s.substr(best_b, best_len);
  s.erase(best_b, best_len);
  if (const size_t mark = s.find("〒"); mark != std::string::npos) s.erase(mark, std::string_view("〒").size());
  s = Trim(s);
  return code;
}

const Country* FindCountry(std::string_view part) {
  const std::string lower = Lower(part);
  for (const Country& c : kCountries) {
    if (lower == c.written) return &c;
  }
  return nullptr;
}

}  // namespace

Affiliation SplitAffiliation(std::string_view raw) {
  Affiliation a;
  std::vector<std::string> parts = Parts(raw);
  int org_index = -1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string lower = Lower(parts[i]);
    if (!IsDepartment(lower) && IsOrganisation(lower)) {
      org_index = static_cast<int>(i);
      break;
    }
  }
  // With no clear organisation, an institute or laboratory named like a department
  // ("Institute of Physics", "State Key Laboratory of …") is one in its own right.
  static constexpr std::string_view kUnitsOfTheirOwn[] = {"institute of", "laboratory of", "key laboratory",
                                                          "state key", "lab of"};
  for (size_t i = 0; org_index < 0 && i < parts.size(); ++i) {
    const std::string lower = Lower(parts[i]);
    if (std::any_of(std::begin(kUnitsOfTheirOwn), std::end(kUnitsOfTheirOwn),
                    [&](std::string_view w) { return lower.starts_with(w); }))
      org_index = static_cast<int>(i);
  }
  // With no organisation word ("Esade", "Thailand Science Research and Innovation"), the first
  // part that is neither a department nor a country; then any part with an organisation word.
  for (size_t i = 0; org_index < 0 && i < parts.size(); ++i)
    if (!IsDepartment(Lower(parts[i])) && FindCountry(parts[i]) == nullptr) org_index = static_cast<int>(i);
  for (size_t i = 0; org_index < 0 && i < parts.size(); ++i)
    if (IsOrganisation(Lower(parts[i]))) org_index = static_cast<int>(i);
  if (org_index < 0 && !parts.empty()) org_index = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string part = parts[i];
    if (static_cast<int>(i) == org_index) {
      // 北京航空航天大学物理学院 → organisation + department.
      size_t cut = std::string::npos;
      for (std::string_view end : kCjkOrgEnds) {
        size_t at = part.find(end);
        const bool school = end == "学院" || end == "學院";
        while (school && at != std::string::npos &&
               (part.compare(at + end.size(), 6, "大学") == 0 || part.compare(at + end.size(), 6, "大學") == 0))
          at = part.find(end, at + end.size());
        if (at != std::string::npos && (cut == std::string::npos || at + end.size() < cut)) cut = at + end.size();
      }
      if (cut != std::string::npos && cut < part.size()) {
        size_t longest = cut;  // the end of an institute right after the organisation
        for (std::string_view end : kCjkInstituteEnds) {
          const size_t at = part.rfind(end);
          if (at != std::string::npos && at >= cut && at + end.size() > longest) longest = at + end.size();
        }
        // Only when nothing but the institute's own name lies between: no school in between.
        const std::string_view between = std::string_view(part).substr(cut, longest - cut);
        if (longest > cut && !Contains(between, "学院") && !Contains(between, "學院") && !Contains(between, "学部") &&
            !Contains(between, "研究科"))
          cut = longest;
      }
      if (cut != std::string::npos && cut < part.size()) {
        std::string rest = Trim(std::string_view(part).substr(cut));
        part = Trim(std::string_view(part).substr(0, cut));
        if (!rest.empty()) a.departments.push_back(rest);
      }
      if (std::string code = TakePostcode(&part); !code.empty() && a.postcode.empty()) a.postcode = code;
      a.organisation = part;
      continue;
    }
    if (const Country* c = FindCountry(part); c != nullptr && a.country.empty()) {
      a.country = part;
      a.country_code = std::string(c->code);
      continue;
    }
    const std::string lower = Lower(part);
    if (IsDepartment(lower) || (static_cast<int>(i) < org_index && IsOrganisation(lower))) {
      a.departments.push_back(part);
      continue;
    }
    std::string code = TakePostcode(&part);
    if (!code.empty() && a.postcode.empty()) a.postcode = code;
    if (part.empty()) continue;
    if (const Country* c = FindCountry(part); c != nullptr && a.country.empty()) {
      a.country = part;
      a.country_code = std::string(c->code);
      continue;
    }
    if (a.city.empty() && static_cast<int>(i) > org_index && std::count(part.begin(), part.end(), ' ') <= 2) {
      a.city = part;
      continue;
    }
    a.other.push_back(part);
  }
  bool japanese_address = false;
  for (size_t i = 0; i < parts.size(); ++i)  // not the organisation's own part (宮城県立…)
    for (std::string_view cue : kJapaneseAddressCues)
      japanese_address = japanese_address || (static_cast<int>(i) != org_index && Contains(parts[i], cue));
  if (a.country_code.empty() && japanese_address) a.country_code = "JP";
  return a;
}

}  // namespace highfence::names
