// SPDX-License-Identifier: Apache-2.0
// Provenance of the shipped keyword lists (data/keywords/*.tsv, docs/formats/keywords.md):
// every row names a real entry of its source document, and every term marked `verbatim` or
// `extracted` occurs word for word in that entry's text in ../shared/data/technology.
// Reads the files with its own small TSV reader so that it does not depend on the loader.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/csv.h"
#include "tests/support/data.h"

namespace highfence::technology {
namespace {

namespace fs = std::filesystem;
using testing::CsvTable;
using testing::ReadCsvOrFail;
using testing::ReadFileOrFail;
using testing::RepoPath;
using testing::SharedData;

const std::vector<std::string> kColumns = {"id",         "lang",       "term",       "variants", "areas",
                                           "source_doc", "source_ref", "derivation", "weight",   "note"};

struct Row {
  std::string file;
  int line = 0;
  std::map<std::string, std::string> f;
  std::string Where() const { return file + ":" + std::to_string(line); }
};

struct TsvFile {
  std::string name;
  std::map<std::string, std::string> meta;  // "# key: value" lines
  std::vector<std::string> header;
  std::vector<Row> rows;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

TsvFile ReadTsv(const fs::path& path) {
  TsvFile file;
  file.name = path.filename().string();
  std::istringstream in(ReadFileOrFail(path));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      static const std::regex kMeta(R"(^#\s*([a-z_]+):\s*(.*)$)");
      std::smatch m;
      if (file.header.empty() && std::regex_match(line, m, kMeta)) file.meta[m[1]] = m[2];
      continue;
    }
    std::vector<std::string> cells = Split(line, '\t');
    if (file.header.empty()) {
      file.header = cells;
      continue;
    }
    Row row{file.name, n, {}};
    EXPECT_EQ(cells.size(), file.header.size()) << file.name << ":" << n << ": wrong number of columns";
    for (size_t i = 0; i < file.header.size() && i < cells.size(); ++i) row.f[file.header[i]] = cells[i];
    file.rows.push_back(std::move(row));
  }
  return file;
}

std::vector<TsvFile> KeywordFiles() {
  std::vector<TsvFile> files;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(RepoPath("data/keywords"))) {
    if (e.path().extension() == ".tsv" && e.path().filename() != "readiness_cues.tsv") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) files.push_back(ReadTsv(p));
  return files;
}

// Plain comparison form: full-width ASCII → ASCII, ideographic space → space, ASCII lower
// case, whitespace runs → one space. No NFKC: a term must be literally in the source.
std::string Plain(const std::string& s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0)
      len = 4, cp = c & 0x07;
    else if (c >= 0xE0)
      len = 3, cp = c & 0x0F;
    else if (c >= 0xC0)
      len = 2, cp = c & 0x1F;
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    std::string bytes = s.substr(i, len);
    i += len;
    if (cp >= 0xFF01 && cp <= 0xFF5E) bytes = std::string(1, static_cast<char>(cp - 0xFEE0));
    if (cp == 0x3000) bytes = " ";
    if (bytes.size() == 1) {
      char a = bytes[0];
      if (a == ' ' || a == '\t' || a == '\n' || a == '\r') {
        space = true;
        continue;
      }
      if (a >= 'A' && a <= 'Z') bytes[0] = static_cast<char>(a - 'A' + 'a');
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += bytes;
  }
  return out;
}

std::string NoSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// source_ref → the entry's text, for every source document in ../shared/data/technology.
std::map<std::string, std::string> SourceEntries() {
  std::map<std::string, std::string> texts;
  const std::string t = "technology/";
  {
    CsvTable csv = ReadCsvOrFail(SharedData(t + "export_control_jp_yushutsurei/beppyo1_subitems.csv"));
    int item = csv.Column("item_no"), sub = csv.Column("sub_no"), text = csv.Column("sub_text_ja"),
        lead = csv.Column("lead_ja");
    for (const auto& r : csv.rows) {
      std::string ref = "別表第一 " + r[item] + (r[sub].empty() ? "" : "(" + r[sub] + ")");
      texts[ref] = r[lead] + " " + r[text];
    }
  }
  {
    CsvTable csv = ReadCsvOrFail(SharedData(t + "export_control_eu_dual_use_no_liste2/dual_use_entries.csv"));
    std::vector<std::string> lines =
        Split(ReadFileOrFail(SharedData(t + "export_control_eu_dual_use_no_liste2/dual_use_list_appendix2.txt")), '\n');
    int code = csv.Column("code"), line_no = csv.Column("line_no");
    std::vector<std::pair<int, std::string>> starts;
    for (const auto& r : csv.rows) starts.emplace_back(std::stoi(r[line_no]), r[code]);
    std::sort(starts.begin(), starts.end());
    for (size_t i = 0; i < starts.size(); ++i) {
      size_t from = starts[i].first - 1;
      size_t to = i + 1 < starts.size() ? starts[i + 1].first - 1 : lines.size();
      std::string text;
      for (size_t l = from; l < to && l < lines.size(); ++l) text += lines[l] + "\n";
      texts["EU " + starts[i].second] = text;
    }
  }
  auto add = [&](const std::string& file, const std::string& prefix, const std::string& key,
                 const std::vector<std::string>& text_columns) {
    CsvTable csv = ReadCsvOrFail(SharedData(t + file));
    int k = csv.Column(key);
    for (const auto& r : csv.rows) {
      std::string text;
      for (const auto& c : text_columns) text += r[csv.Column(c)] + " ";
      std::string name = r[k];
      // "(news paraphrase)" annotates how the field was reported; the ref may leave it out.
      static const std::regex kAnnot(R"(\s*\(news paraphrase\)$)");
      std::string bare = std::regex_replace(name, kAnnot, "");
      texts[prefix + name] = text;
      texts[prefix + bare] = text;
    }
  };
  add("jp_20_areas/important_technology_areas_20.csv", "重要技術領域 ", "no", {"name_ja"});
  add("jp_critical_products/specified_critical_products_12.csv", "特定重要物資 ", "no",
      {"name_ja", "detail_ja", "source_quote_ja"});
  add("jp_essential_infrastructure/essential_infrastructure_sectors.csv", "基幹インフラ ", "sector_ja",
      {"sector_ja", "facility_or_subtype_ja", "source_quote_ja"});
  add("jp_specific_critical_tech/k_program_specific_critical_tech_PARTIAL.csv", "特定重要技術 ", "name_ja",
      {"name_ja", "source_quote_ja"});
  add("jp_patent_secrecy/specified_technical_fields_PARTIAL.csv", "特定技術分野 ", "field_name_ja_as_reported",
      {"field_name_ja_as_reported", "source_quote_ja"});
  add("foreign/us_cet_list_2024_areas.csv", "US CET ", "no", {"area_en"});
  add("foreign/uk_nsia_17_sectors.csv", "UK NSIA ", "no", {"sector_en"});
  add("foreign/au_critical_technologies_2023_fields.csv", "AU CTL ", "no", {"field_en"});
  return texts;
}

// Which source_ref prefixes each source_doc may cite.
bool RefFitsDoc(const std::string& doc, const std::string& ref) {
  static const std::map<std::string, std::vector<std::string>> kPrefixes = {{"export_control", {"別表第一 ", "EU "}},
                                                                            {"tech_areas", {"重要技術領域 "}},
                                                                            {"critical_products", {"特定重要物資 "}},
                                                                            {"infrastructure", {"基幹インフラ "}},
                                                                            {"critical_tech", {"特定重要技術 "}},
                                                                            {"patent_secrecy", {"特定技術分野 "}},
                                                                            {"us_cet", {"US CET "}},
                                                                            {"uk_nsia", {"UK NSIA "}},
                                                                            {"au_ctl", {"AU CTL "}}};
  auto it = kPrefixes.find(doc);
  if (it == kPrefixes.end()) return false;
  for (const auto& p : it->second) {
    if (ref.rfind(p, 0) == 0) return true;
  }
  return false;
}

TEST(KeywordProvenanceTest, EveryFileHasMetadataAndTheDocumentedHeader) {
  std::vector<TsvFile> files = KeywordFiles();
  ASSERT_GE(files.size(), 7u);
  for (auto& file : files) {
    for (const char* key : {"name", "source_document", "source", "as_of", "licence"}) {
      EXPECT_FALSE(file.meta[key].empty()) << file.name << ": metadata line '# " << key << ":' missing";
    }
    EXPECT_EQ(file.header, kColumns) << file.name << ": header row differs from docs/formats/keywords.md";
    EXPECT_FALSE(file.rows.empty()) << file.name;
  }
}

TEST(KeywordProvenanceTest, IdsAreUniqueAcrossFilesAndWellFormed) {
  static const std::regex kId("^[A-Za-z0-9._-]+$");
  std::map<std::string, std::string> seen;
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) {
      const std::string& id = row.f.at("id");
      EXPECT_TRUE(std::regex_match(id, kId)) << row.Where() << ": bad id '" << id << "'";
      auto [it, inserted] = seen.emplace(id, row.Where());
      EXPECT_TRUE(inserted) << row.Where() << ": id " << id << " already used at " << it->second;
    }
  }
}

TEST(KeywordProvenanceTest, FieldsHaveValidValues) {
  static const std::set<std::string> kDerivations = {"verbatim", "extracted", "translated_here", "synonym_here"};
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) {
      const auto& f = row.f;
      EXPECT_TRUE(f.at("lang") == "ja" || f.at("lang") == "en") << row.Where() << ": lang";
      EXPECT_FALSE(f.at("term").empty()) << row.Where() << ": empty term";
      EXPECT_EQ(f.at("term").find('|'), std::string::npos) << row.Where() << ": '|' belongs in variants";
      for (const auto& v : Split(f.at("variants"), '|')) {
        if (!f.at("variants").empty()) {
          EXPECT_FALSE(v.empty()) << row.Where() << ": empty variant";
        }
      }
      EXPECT_TRUE(kDerivations.count(f.at("derivation")))
          << row.Where() << ": derivation '" << f.at("derivation") << "'";
      EXPECT_EQ(f.at("source_doc"), file.meta.at("source_document"))
          << row.Where() << ": source_doc differs from the file's";
      double w = std::stod(f.at("weight"));
      EXPECT_GE(w, 0.05) << row.Where();
      EXPECT_LE(w, 1.0) << row.Where();
      for (const auto& a : Split(f.at("areas"), ';')) {
        int n = std::stoi(a);
        EXPECT_TRUE(n >= 1 && n <= 20) << row.Where() << ": area " << a;
      }
    }
  }
}

TEST(KeywordProvenanceTest, EverySourceRefNamesARealEntry) {
  std::map<std::string, std::string> entries = SourceEntries();
  ASSERT_GT(entries.count("別表第一 四(十九)"), 0u);
  ASSERT_GT(entries.count("EU 6A008"), 0u);
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) {
      const std::string& ref = row.f.at("source_ref");
      EXPECT_TRUE(RefFitsDoc(row.f.at("source_doc"), ref))
          << row.Where() << ": '" << ref << "' is not a " << row.f.at("source_doc") << " reference";
      EXPECT_GT(entries.count(ref), 0u) << row.Where() << ": no such source entry '" << ref << "'";
    }
  }
}

TEST(KeywordProvenanceTest, VerbatimAndExtractedTermsOccurInTheCitedEntry) {
  std::map<std::string, std::string> entries = SourceEntries();
  int checked = 0;
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) {
      const std::string& d = row.f.at("derivation");
      if (d != "verbatim" && d != "extracted") continue;
      auto it = entries.find(row.f.at("source_ref"));
      if (it == entries.end()) continue;  // reported by EverySourceRefNamesARealEntry
      std::string text = Plain(it->second), term = Plain(row.f.at("term"));
      bool found = text.find(term) != std::string::npos || NoSpaces(text).find(NoSpaces(term)) != std::string::npos;
      EXPECT_TRUE(found) << row.Where() << ": " << d << " term '" << row.f.at("term") << "' is not in "
                         << row.f.at("source_ref");
      ++checked;
    }
  }
  EXPECT_GT(checked, 400);
}

TEST(KeywordProvenanceTest, PinnedEntriesCarryTheirTerms) {
  // Real entries, pinned by reference: 別表第一 四(十九) 重力勾配計 and EU 9A011 scramjet.
  std::map<std::string, std::string> entries = SourceEntries();
  EXPECT_NE(entries["別表第一 四(十九)"].find("重力勾配計"), std::string::npos);
  EXPECT_NE(Plain(entries["EU 9A011"]).find("scramjet"), std::string::npos);
  std::set<std::string> terms;
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) terms.insert(row.f.at("source_ref") + "|" + row.f.at("term"));
  }
  EXPECT_TRUE(terms.count("別表第一 四(十九)|重力勾配計"));
  EXPECT_TRUE(terms.count("別表第一 四(十九)|gravity gradiometer"));
  EXPECT_TRUE(terms.count("EU 9A011|scramjet"));
}

TEST(KeywordProvenanceTest, EveryAreaHasJapaneseAndEnglishKeywordsAndTheTotalIsLarge) {
  std::map<std::pair<int, std::string>, int> count;
  size_t total = 0;
  for (const auto& file : KeywordFiles()) {
    for (const auto& row : file.rows) {
      ++total;
      for (const auto& a : Split(row.f.at("areas"), ';')) ++count[{std::stoi(a), row.f.at("lang")}];
    }
  }
  for (int area = 1; area <= 20; ++area) {
    int ja = count[std::make_pair(area, std::string("ja"))];
    int en = count[std::make_pair(area, std::string("en"))];
    EXPECT_GE(ja, 5) << "area " << area << " has too few ja keywords";
    EXPECT_GE(en, 5) << "area " << area << " has too few en keywords";
  }
  EXPECT_GE(total, 800u);
}

TEST(KeywordProvenanceTest, ReadinessCuesHaveTheirOwnColumns) {
  TsvFile file = ReadTsv(RepoPath("data/keywords/readiness_cues.tsv"));
  static const std::set<std::string> kCues = {"prototype",          "demonstration",  "field_trial",
                                              "system_integration", "implementation", "mass_production"};
  EXPECT_EQ(file.header, (std::vector<std::string>{"id", "lang", "term", "variants", "cue", "note"}));
  EXPECT_EQ(file.meta["licence"], "Apache-2.0");
  std::set<std::string> ids, langs;
  for (const auto& row : file.rows) {
    EXPECT_TRUE(ids.insert(row.f.at("id")).second) << row.Where() << ": duplicate id";
    EXPECT_TRUE(kCues.count(row.f.at("cue"))) << row.Where() << ": cue '" << row.f.at("cue") << "'";
    EXPECT_FALSE(row.f.at("term").empty()) << row.Where();
    langs.insert(row.f.at("lang"));
  }
  EXPECT_EQ(langs, (std::set<std::string>{"ja", "en"}));
  EXPECT_GE(file.rows.size(), 30u);
}

}  // namespace
}  // namespace highfence::technology
