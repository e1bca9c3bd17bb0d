// SPDX-License-Identifier: Apache-2.0
// eval_names: labelled evaluation of entity matching (懸念先照合の評価) on the real lists.
// Imports the official lists and ROR from ../shared/data, builds an EntityChecker, generates
// labelled queries by program (aliases, cross-script names, degraded primary names, affiliation
// lines composed from real records, and six kinds of negatives), runs them once at the lowest
// threshold and prints precision / recall per category and list at 0.70 / 0.75 / 0.80 / 0.85
// as markdown, the same name queries without and with ROR loaded (as `highfence check NAME`
// now runs them), and where each affiliation line resolved in the registry. With --throughput
// it also runs one million queries on 2 threads against lists + ROR (+ Hipo), then against that
// index scaled to 120,000 entities with synthetic organisations (bench only), comparing the
// indexed query with NameIndex::QueryExhaustive on a sample. docs/benchmarks.md explains the
// categories and what the evaluation leaves out.
//
//   scripts/eval_names.sh [--throughput] [--out FILE]
//   eval_names [--set eval_set.tsv] [--misses eval_misses.tsv] [--throughput]
#include <iconv.h>
#include <mecab.h>
#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/checking/entity_checker.h"
#include "domain/lists/catalog.h"

namespace highfence::checking {
namespace {

namespace fs = std::filesystem;

constexpr double kThresholds[] = {0.70, 0.75, 0.80, 0.85};
constexpr const char* kListIds[] = {
    "jp_meti_eul", "us_entity_list",  "us_csl", "us_dod_1286", "us_dod_1260h",       "us_bis_mieu",
    "ca_nro",      "aspi_unitracker", "un",     "ofac",        "jp_mof_asset_freeze"};
// Score at or above which a ROR record is taken to be a list entry under its registry name
// (the ROR ↔ list link that supplies ja/zh names of listed organisations).
constexpr double kLinkThreshold = 0.9;

fs::path DataDir() {
  const char* env = std::getenv("HF_SHARED_DATA_DIR");
  return fs::path(env != nullptr ? env : HF_SHARED_DATA_DIR);
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "eval_names: %s\n", message.c_str());
  std::exit(1);
}

// ---- small text helpers (only for generating and de-duplicating queries, never for scoring)

// Code points of UTF-8 text; invalid bytes become U+FFFD.
std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "Latn", "Hani", "Jpan", "Hang", "Cyrl", "Arab" or "Othr": the script a name is written in.
std::string ScriptOf(std::string_view s) {
  bool han = false, kana = false, hangul = false, cyrillic = false, arabic = false, other = false;
  for (char32_t c : Decode(s)) {
    if (c < 0x250 || (c >= 0x1E00 && c < 0x1F00) || (c >= 0x2000 && c < 0x2070) || (c >= 0xFF00 && c < 0xFF60))
      continue;
    if ((c >= 0x4E00 && c < 0xA000) || (c >= 0x3400 && c < 0x4DC0) || (c >= 0xF900 && c < 0xFB00) || c >= 0x20000)
      han = true;
    else if (c >= 0x3040 && c < 0x3100)
      kana = true;
    else if ((c >= 0xAC00 && c < 0xD7B0) || (c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190))
      hangul = true;
    else if (c >= 0x400 && c < 0x530)
      cyrillic = true;
    else if (c >= 0x600 && c < 0x700)
      arabic = true;
    else if (c >= 0x3000 && c < 0x3040)
      continue;  // CJK punctuation
    else
      other = true;
  }
  if (hangul) return "Hang";
  if (kana) return "Jpan";
  if (han) return "Hani";
  if (cyrillic) return "Cyrl";
  if (arabic) return "Arab";
  return other ? "Othr" : "Latn";
}

// Lower-cased ASCII, ASCII punctuation → space, full-width ASCII folded, spaces collapsed;
// other characters kept. Used for exact-equality checks only.
std::string Fold(std::string_view s) {
  std::string out;
  for (char32_t c : Decode(s)) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    if (c == 0x3000) c = ' ';
    if (c < 0x80) {
      if (std::isalnum(static_cast<int>(c)))
        out += static_cast<char>(std::tolower(static_cast<int>(c)));
      else if (!out.empty() && out.back() != ' ')
        out += ' ';
    } else {
      Encode(c, out);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> Tokens(std::string_view folded) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < folded.size()) {
    size_t e = folded.find(' ', b);
    if (e == std::string::npos) e = folded.size();
    if (e > b) out.emplace_back(folded.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Order-free folded form without "the": "The Harbin Institute of Technology" ≡
// "harbin institute of technology" ≡ "Institute of Technology, Harbin".
std::string TokenSetKey(std::string_view s) {
  std::vector<std::string> t = Tokens(Fold(s));
  std::erase(t, "the");
  std::sort(t.begin(), t.end());
  std::string out;
  for (const auto& x : t) out += (out.empty() ? "" : " ") + x;
  return out;
}

std::string ReplaceWord(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  while (at != std::string::npos) {
    const size_t end = at + from.size();
    const bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(s[at - 1]));
    const bool right = end == s.size() || !std::isalpha(static_cast<unsigned char>(s[end]));
    if (left && right) {
      s.replace(at, from.size(), to);
      at = s.find(from, at + to.size());
    } else {
      at = s.find(from, at + 1);
    }
  }
  return s;
}

std::string FullWidth(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c > 0x20 && c < 0x7F)
      Encode(static_cast<char32_t>(0xFF01 + (c - 0x21)), out);
    else
      out += c;
  }
  return out;
}

std::string ReadGzip(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) Die("cannot open " + path.string());
  std::string content;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) content.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return content;
}

std::vector<nlohmann::json> ReadJsonLines(const fs::path& path) {
  std::vector<nlohmann::json> out;
  const std::string content = ReadGzip(path);
  size_t b = 0;
  while (b < content.size()) {
    size_t e = content.find('\n', b);
    if (e == std::string::npos) e = content.size();
    if (e > b) {
      auto j = nlohmann::json::parse(content.begin() + static_cast<long>(b), content.begin() + static_cast<long>(e),
                                     nullptr, false);
      if (!j.is_discarded()) out.push_back(std::move(j));
    }
    b = e + 1;
  }
  return out;
}

// ---- the labelled set

struct LabelledQuery {
  std::string category;  // alias, cross_script, transformed, neg_registry, neg_generic, neg_person, neg_mext
  std::string group;     // list id for positives; sub-kind for negatives
  std::string kind;      // how the query was made
  std::string query;
  std::optional<names::Kind> as;  // queried as organisation / person / either
  std::string country;
  std::vector<std::string> expected;  // "list:entry"; empty for negatives
  // Entries of other lists with a full name equal to one of the expected entry's (the same
  // person or organisation listed twice, e.g. MOF and UN): a hit on them is neither TP nor FP.
  std::vector<std::string> same_entity;
  // Category affiliation / neg_affiliation: the query is a raw affiliation line, run through
  // CheckAffiliation; the registry record it should resolve to ("" = not judged).
  bool affiliation = false;
  std::string expected_record;
};

struct Outcome {
  std::vector<std::pair<std::string, double>> hits;  // "list:entry", score (≥ lowest threshold)
  std::string best_name;                             // primary name of the best hit
  std::string resolved;                              // affiliations: the registry record, "" = no confident match
};

std::string Key(const std::string& list, const std::string& entry) {
  return list + ":" + entry;
}

names::Kind KindOf(model::EntityType t) {
  return t == model::EntityType::kPerson ? names::Kind::kPerson : names::Kind::kOrganisation;
}

struct Data {
  std::vector<model::ListSnapshot> snapshots;
  model::Registry ror;
  std::vector<nlohmann::json> mext;
  std::vector<nlohmann::json> hipo;
};

Data Load() {
  Data d;
  const fs::path dir = DataDir();
  for (const char* id : kListIds) {
    const lists::CatalogEntry* c = lists::FindList(id);
    if (c == nullptr || c->import == nullptr) Die(std::string("no importer for ") + id);
    auto snap = c->import(dir / c->info.default_file);
    if (!snap) Die(snap.error().message);
    d.snapshots.push_back(std::move(*snap));
  }
  const lists::CatalogEntry* ror = lists::FindList("ror");
  auto registry = ror->import_registry(dir / ror->info.default_file);
  if (!registry) Die(registry.error().message);
  d.ror = std::move(*registry);
  d.mext = ReadJsonLines(dir / "registry/jp_universities_mext_r4.jsonl.gz");
  d.hipo = ReadJsonLines(dir / "registry/hipo_world_universities.jsonl.gz");
  return d;
}

EntityChecker MustBuild(std::vector<model::ListSnapshot> snapshots,
                        std::optional<model::Registry> registry = std::nullopt, const Options& options = {}) {
  auto c = EntityChecker::Build(std::move(snapshots), std::move(registry), options);
  if (!c) Die(c.error().message);
  return std::move(*c);
}

std::vector<Outcome> Run(const EntityChecker& checker, const std::vector<LabelledQuery>& queries) {
  std::vector<Outcome> out(queries.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < queries.size(); i = next++) {
      CheckOptions o;
      o.kind = queries[i].as;
      o.country = queries[i].country;
      o.threshold = kThresholds[0];
      o.max_results = 10;  // the default
      std::vector<ListHit> hits;
      if (queries[i].affiliation) {
        AffiliationResult a = checker.CheckAffiliation(queries[i].query, o);
        if (a.resolved) out[i].resolved = a.resolved->id;
        hits = std::move(a.hits);
      } else {
        hits = checker.Check(queries[i].query, o).hits;
      }
      for (const ListHit& h : hits) out[i].hits.emplace_back(Key(h.list_id, h.entry_id), h.match.score);
      if (!hits.empty()) out[i].best_name = hits[0].primary_name + " (" + hits[0].match.record_name + ")";
    }
  };
  std::thread helper(work);
  work();
  helper.join();
  return out;
}

// Entries with names in two scripts, and the list snapshots with one side of each such entry
// removed (so that a query in the other script can only be answered across scripts).
struct Ablation {
  std::vector<model::ListSnapshot> without_nonlatin;  // Latin names only, for these entries
  std::vector<model::ListSnapshot> without_latin;     // non-Latin names only, for these entries
  std::vector<LabelledQuery> queries;
};

bool ChineseEntry(const model::ListEntry& e);

Ablation CrossScriptInLists(const std::vector<model::ListSnapshot>& snapshots) {
  Ablation a{snapshots, snapshots, {}};
  for (size_t s = 0; s < snapshots.size(); ++s) {
    for (size_t e = 0; e < snapshots[s].entries.size(); ++e) {
      const model::ListEntry& entry = snapshots[s].entries[e];
      if (entry.type == model::EntityType::kVessel) continue;
      std::vector<const model::Name*> latin, other;
      for (const auto& n : entry.names) (ScriptOf(n.text) == "Latn" ? latin : other).push_back(&n);
      if (latin.empty() || other.empty()) continue;
      const std::string key = Key(entry.list_id, entry.entry_id);
      for (const model::Name* n : other) {
        a.queries.push_back(
            {"cross_script", entry.list_id, ScriptOf(n->text) + "→Latn", n->text, KindOf(entry.type), "", {key}});
        // The list's own katakana name of a Chinese organisation (MOF writes シャンハイ・ドンフェン・
        // シッピング…): also counted in the katakana category.
        if (entry.type == model::EntityType::kOrganisation && ScriptOf(n->text) == "Jpan" && ChineseEntry(entry))
          a.queries.push_back(
              {"katakana", entry.list_id, "official_katakana_vs_latin_only", n->text, KindOf(entry.type), "", {key}});
      }
      a.queries.push_back({"cross_script",
                           entry.list_id,
                           "Latn→" + ScriptOf(other[0]->text),
                           latin[0]->text,
                           KindOf(entry.type),
                           "",
                           {key}});
      auto& keep_latin = a.without_nonlatin[s].entries[e].names;
      std::erase_if(keep_latin, [](const model::Name& n) { return ScriptOf(n.text) != "Latn"; });
      auto& keep_other = a.without_latin[s].entries[e].names;
      std::erase_if(keep_other, [](const model::Name& n) { return ScriptOf(n.text) == "Latn"; });
    }
  }
  return a;
}

// "(a.k.a.:", "（別称": the label of an alias column left as an alias by an importer.
bool IsAliasMarker(const std::string& folded) {
  static const std::set<std::string> kMarkers = {"a k a", "aka", "f k a", "fka", "別称", "別名", "旧称", "通称"};
  return kMarkers.count(folded) > 0;
}

std::vector<LabelledQuery> Aliases(const std::vector<model::ListSnapshot>& snapshots, size_t* artefacts) {
  std::vector<LabelledQuery> out;
  *artefacts = 0;
  for (const auto& snap : snapshots) {
    for (const auto& e : snap.entries) {
      if (e.type == model::EntityType::kVessel || e.names.empty()) continue;
      const std::string primary = Fold(e.names[0].text);
      std::set<std::string> seen;
      for (size_t i = 1; i < e.names.size(); ++i) {
        const model::Name& n = e.names[i];
        if (n.kind == model::NameKind::kPrimary || n.kind == model::NameKind::kTranslation) continue;
        const std::string folded = Fold(n.text);
        if (folded.empty() || folded == primary || !seen.insert(folded).second) continue;
        if (IsAliasMarker(folded)) {  // an importer artefact, not a name: counted, not asked
          ++*artefacts;
          continue;
        }
        out.push_back({"alias",
                       snap.list_id,
                       model::NameKindName(n.kind),
                       n.text,
                       KindOf(e.type),
                       "",
                       {Key(e.list_id, e.entry_id)}});
      }
    }
  }
  return out;
}

std::vector<LabelledQuery> Transformed(const std::vector<model::ListSnapshot>& snapshots) {
  static const std::pair<const char*, const char*> kAbbreviations[] = {
      {"University", "Univ."},    {"UNIVERSITY", "UNIV."},    {"Institute", "Inst."},  {"INSTITUTE", "INST."},
      {"Technology", "Tech."},    {"TECHNOLOGY", "TECH."},    {"Company", "Co."},      {"COMPANY", "CO."},
      {"Corporation", "Corp."},   {"CORPORATION", "CORP."},   {"Limited", "Ltd."},     {"LIMITED", "LTD."},
      {"International", "Int'l"}, {"INTERNATIONAL", "INT'L"}, {"Laboratory", "Lab."},  {"LABORATORY", "LAB."},
      {"Academy", "Acad."},       {"ACADEMY", "ACAD."},       {"Industries", "Inds."}, {"INDUSTRIES", "INDS."}};
  std::vector<LabelledQuery> out;
  for (const auto& snap : snapshots) {
    for (const auto& e : snap.entries) {
      if (e.type == model::EntityType::kVessel || e.names.empty()) continue;
      const std::string& name = e.names[0].text;
      if (ScriptOf(name) != "Latn") continue;
      const names::Kind as = KindOf(e.type);
      const std::string key = Key(e.list_id, e.entry_id);
      auto add = [&](const char* kind, const std::string& q) {
        if (q != name && !Fold(q).empty()) out.push_back({"transformed", snap.list_id, kind, q, as, "", {key}});
      };
      std::string lower = name, upper = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      add("lower_case", lower);
      add("upper_case", upper);
      std::string abbreviated = name;
      for (const auto& [from, to] : kAbbreviations) abbreviated = ReplaceWord(abbreviated, from, to);
      add("abbreviated", abbreviated);
      std::string bare;
      for (char c : name) {
        if (std::string_view(".,-()'\"/&;:").find(c) == std::string_view::npos)
          bare += c;
        else if (c == '-' || c == '/')
          bare += ' ';
      }
      add("no_punctuation", bare);
      add("full_width", FullWidth(name));
      // A letter dropped from the middle of the longest word (a typing slip).
      std::vector<std::string> words = Tokens(name);
      if (!words.empty()) {
        auto longest =
            std::max_element(words.begin(), words.end(), [](auto& a, auto& b) { return a.size() < b.size(); });
        if (longest->size() >= 6 && std::isalpha(static_cast<unsigned char>((*longest)[longest->size() / 2]))) {
          std::string typo = name;
          typo.erase(name.find(*longest) + longest->size() / 2, 1);
          add("dropped_letter", typo);
        }
      }
      if (as == names::Kind::kPerson && words.size() >= 2) {
        // Family name first ↔ last: "KIM Jong Un" → "Jong Un KIM".
        std::string swapped;
        for (size_t i = 1; i < words.size(); ++i) swapped += words[i] + " ";
        add("word_order", swapped + words[0]);
      }
    }
  }
  return out;
}

// ROR ↔ list link: a ROR record is a list entry when one of its Latin non-acronym names
// matches the entry at ≥ kLinkThreshold with the record's country.
std::map<size_t, std::vector<std::string>> LinkRegistry(const EntityChecker& checker, const model::Registry& ror) {
  std::map<size_t, std::vector<std::string>> links;
  std::vector<LabelledQuery> probes;
  std::vector<size_t> owner;
  for (size_t i = 0; i < ror.records.size(); ++i) {
    for (const auto& n : ror.records[i].names) {
      if (n.kind == model::NameKind::kAcronym || ScriptOf(n.text) != "Latn") continue;
      probes.push_back({"", "", "", n.text, names::Kind::kOrganisation, ror.records[i].country_code, {}});
      owner.push_back(i);
    }
  }
  const std::vector<Outcome> found = Run(checker, probes);
  for (size_t p = 0; p < probes.size(); ++p) {
    for (const auto& [key, score] : found[p].hits) {
      auto& v = links[owner[p]];
      if (score >= kLinkThreshold && std::find(v.begin(), v.end(), key) == v.end()) v.push_back(key);
    }
    if (links.count(owner[p]) && links[owner[p]].empty()) links.erase(owner[p]);
  }
  return links;
}

std::vector<LabelledQuery> RegistryLabels(const Data& d, const std::map<size_t, std::vector<std::string>>& links) {
  std::unordered_map<std::string, const model::ListEntry*> entries;
  for (const auto& s : d.snapshots)
    for (const auto& e : s.entries) entries[Key(e.list_id, e.entry_id)] = &e;
  std::vector<LabelledQuery> out;
  for (const auto& [record, keys] : links) {
    const model::OrgRecord& r = d.ror.records[record];
    std::set<std::string> listed_names;  // names the linked entries already carry
    std::vector<size_t> cjk_lengths;
    for (const auto& k : keys) {
      for (const auto& n : entries[k]->names) {
        listed_names.insert(Fold(n.text));
        if (ScriptOf(n.text) != "Latn") cjk_lengths.push_back(Decode(n.text).size());
      }
    }
    for (const auto& n : r.names) {
      const std::string script = ScriptOf(n.text);
      if (script == "Latn" || n.kind == model::NameKind::kAcronym || listed_names.count(Fold(n.text))) continue;
      // Same length as a listed CJK name but written differently: a variant-character pair
      // that exists in the data (e.g. a traditional-script list name, a simplified ROR label).
      const bool variant =
          std::find(cjk_lengths.begin(), cjk_lengths.end(), Decode(n.text).size()) != cjk_lengths.end();
      std::string list_id = keys[0].substr(0, keys[0].find(':'));
      out.push_back({"cross_script", list_id, std::string("ror_label_") + script + (variant ? "_variant" : ""), n.text,
                     names::Kind::kOrganisation, "", keys});
    }
  }
  return out;
}

// Negatives (a): ROR organisations on no list that share a distinctive word or the city with
// a listed organisation. "On no list" is decided without the engine: no name of the record
// (or of its parents) equals a list name token for token, and none contains a listed
// organisation's whole name (campuses, institutes of a listed university).
std::vector<LabelledQuery> RegistryNegatives(const Data& d, const std::map<size_t, std::vector<std::string>>& links,
                                             size_t per_kind, size_t* excluded_out, std::vector<char>* excluded_flags) {
  static const std::unordered_set<std::string> kCommon = {
      "university",  "institute", "technology",   "research",   "science",       "sciences",    "academy",
      "national",    "state",     "engineering",  "center",     "centre",        "company",     "limited",
      "corporation", "group",     "industry",     "industrial", "international", "china",       "chinese",
      "russian",     "iran",      "iranian",      "korea",      "korean",        "japan",       "federal",
      "central",     "college",   "school",       "laboratory", "hospital",      "ministry",    "foundation",
      "development", "trading",   "technologies", "systems",    "with",          "from",        "ltd",
      "llc",         "co",        "inc",          "and",        "the",           "for",         "public",
      "joint",       "stock",     "open",         "scientific", "production",    "association", "enterprise",
      "general",     "society",   "medical"};
  std::set<std::string> list_keys;                    // token-set keys of all list names
  std::vector<std::vector<std::string>> listed_orgs;  // folded token sequences of listed organisations (≥ 2 tokens)
  for (const auto& s : d.snapshots) {
    for (const auto& e : s.entries) {
      for (const auto& n : e.names) {
        list_keys.insert(TokenSetKey(n.text));
        if (e.type == model::EntityType::kOrganisation && n.kind != model::NameKind::kAcronym) {
          auto t = Tokens(Fold(n.text));
          if (t.size() >= 2) listed_orgs.push_back(std::move(t));
        }
      }
    }
  }
  auto contains_listed = [&](const std::vector<std::string>& t) {
    for (const auto& l : listed_orgs) {
      if (l.size() > t.size()) continue;
      if (std::search(t.begin(), t.end(), l.begin(), l.end()) != t.end()) return true;
    }
    return false;
  };
  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < d.ror.records.size(); ++i) by_id[d.ror.records[i].id] = i;
  std::vector<char> excluded(d.ror.records.size(), 0);
  for (size_t i = 0; i < d.ror.records.size(); ++i) {
    for (const auto& n : d.ror.records[i].names) {
      if (n.kind == model::NameKind::kAcronym) continue;
      if (list_keys.count(TokenSetKey(n.text)) || contains_listed(Tokens(Fold(n.text)))) excluded[i] = 1;
    }
  }
  for (size_t i = 0; i < d.ror.records.size(); ++i) {  // children of excluded records
    for (const auto& rel : d.ror.records[i].relationships) {
      auto it = by_id.find(rel.id);
      if (rel.type == "parent" && it != by_id.end() && excluded[it->second] == 1) excluded[i] = 2;
    }
  }
  *excluded_out = static_cast<size_t>(std::count_if(excluded.begin(), excluded.end(), [](char c) { return c != 0; }));
  *excluded_flags = excluded;

  // Distinctive words of listed organisations: ≥ 4 letters, not a common word, in at most
  // 300 ROR records. Cities of listed organisations: from list addresses and linked records.
  std::unordered_map<std::string, int> df;
  for (const auto& r : d.ror.records) {
    std::set<std::string> seen;
    for (const auto& n : r.names)
      for (auto& t : Tokens(Fold(n.text))) seen.insert(t);
    for (const auto& t : seen) ++df[t];
  }
  std::set<std::string> distinctive, cities;
  for (const auto& s : d.snapshots) {
    for (const auto& e : s.entries) {
      if (e.type != model::EntityType::kOrganisation) continue;
      for (const auto& n : e.names)
        for (auto& t : Tokens(Fold(n.text)))
          if (t.size() >= 4 && ScriptOf(t) == "Latn" && !kCommon.count(t) && df[t] > 0 && df[t] <= 300)
            distinctive.insert(t);
      for (const auto& a : e.addresses)
        if (!a.city.empty()) cities.insert(Fold(a.city));
    }
  }
  for (const auto& [record, keys] : links)
    if (!d.ror.records[record].city.empty()) cities.insert(Fold(d.ror.records[record].city));

  std::vector<LabelledQuery> by_token, by_city;
  for (size_t i = 0; i < d.ror.records.size(); ++i) {
    const model::OrgRecord& r = d.ror.records[i];
    if (excluded[i] || links.count(i) || r.status != "active" || r.names.empty()) continue;
    const std::string& name = r.names[0].text;
    if (ScriptOf(name) != "Latn") continue;
    std::string shared;
    for (auto& t : Tokens(Fold(name)))
      if (distinctive.count(t)) shared = t;
    if (!shared.empty()) {
      by_token.push_back({"neg_registry", "shared_word", "word:" + shared, name, names::Kind::kOrganisation, "", {}});
      by_token.back().expected_record = r.id;
    } else if (!r.city.empty() && cities.count(Fold(r.city))) {
      by_city.push_back({"neg_registry", "same_city", "city:" + r.city, name, names::Kind::kOrganisation, "", {}});
      by_city.back().expected_record = r.id;
    }
  }
  // A fixed, spread-out sample: every k-th record in file order.
  auto sample = [per_kind](std::vector<LabelledQuery> v) {
    if (v.size() <= per_kind) return v;
    std::vector<LabelledQuery> out;
    for (size_t i = 0; i < per_kind; ++i) out.push_back(v[i * v.size() / per_kind]);
    return out;
  };
  std::vector<LabelledQuery> out = sample(std::move(by_token));
  for (auto& q : sample(std::move(by_city))) out.push_back(std::move(q));
  return out;
}

std::vector<LabelledQuery> GenericNegatives() {
  // Queries with nothing but organisation-form or generic words.
  static const char* kGeneric[] = {"University",
                                   "Co., Ltd.",
                                   "Institute of Technology",
                                   "研究所",
                                   "大学",
                                   "株式会社",
                                   "有限公司",
                                   "Limited",
                                   "Company",
                                   "Corporation",
                                   "LLC",
                                   "GmbH",
                                   "Inc.",
                                   "Group",
                                   "National University",
                                   "State University",
                                   "Research Institute",
                                   "Academy of Sciences",
                                   "研究院",
                                   "工业大学",
                                   "科技有限公司",
                                   "国立大学法人",
                                   "Trading Company",
                                   "International",
                                   "Engineering University",
                                   "Laboratory",
                                   "Center",
                                   "The University",
                                   "Institute",
                                   "Science and Technology",
                                   "Industrial Company",
                                   "Joint Stock Company"};
  std::vector<LabelledQuery> out;
  for (const char* q : kGeneric) out.push_back({"neg_generic", "generic", "form_words", q, std::nullopt, "", {}});
  return out;
}

// Negatives (c): common personal names, as people. Ten common family names and ten common
// given names per language, combined (100 per language and writing).
//  - Japanese family names: top 10 of 名字由来net's national ranking (佐藤 … 加藤); given
//    names: frequent names in 明治安田生命's annual birth-name rankings across decades.
//  - Chinese family names: top 10 of 公安部 户籍人口 statistics (王 李 张 刘 陈 杨 黄 赵 吴 周);
//    given names: the most frequent single/double given names in the same reports (伟 芳 娜 …).
//  - Korean family names: top 10 of the 2015 Statistics Korea census (김 이 박 최 정 강 조 윤 장 임);
//    given names: frequent names in Korean birth registrations (민준 서연 지훈 …).
//  - English family names: top 10 of the US Census 2010 surnames; given names: top names of
//    the US Social Security Administration's 100-year list.
struct CommonName {
  const char* latin;
  const char* native;  // nullptr for English
};
const CommonName kJaFamily[] = {
    {"Sato", "佐藤"},     {"Suzuki", "鈴木"},   {"Takahashi", "高橋"}, {"Tanaka", "田中"},    {"Ito", "伊藤"},
    {"Watanabe", "渡辺"}, {"Yamamoto", "山本"}, {"Nakamura", "中村"},  {"Kobayashi", "小林"}, {"Kato", "加藤"}};
const CommonName kJaGiven[] = {{"Hiroshi", "浩"},  {"Kenichi", "健一"}, {"Daisuke", "大輔"}, {"Shota", "翔太"},
                               {"Takuya", "拓也"}, {"Yuko", "裕子"},    {"Keiko", "恵子"},   {"Yoko", "陽子"},
                               {"Miho", "美穂"},   {"Sakura", "さくら"}};
const CommonName kZhFamily[] = {{"Wang", "王"}, {"Li", "李"},    {"Zhang", "张"}, {"Liu", "刘"}, {"Chen", "陈"},
                                {"Yang", "杨"}, {"Huang", "黄"}, {"Zhao", "赵"},  {"Wu", "吴"},  {"Zhou", "周"}};
const CommonName kZhGiven[] = {{"Wei", "伟"},       {"Fang", "芳"},  {"Na", "娜"},  {"Min", "敏"}, {"Jing", "静"},
                               {"Xiuying", "秀英"}, {"Qiang", "强"}, {"Lei", "磊"}, {"Jun", "军"}, {"Yong", "勇"}};
const CommonName kKoFamily[] = {{"Kim", "김"},  {"Lee", "이"}, {"Park", "박"}, {"Choi", "최"}, {"Jung", "정"},
                                {"Kang", "강"}, {"Cho", "조"}, {"Yoon", "윤"}, {"Jang", "장"}, {"Lim", "임"}};
const CommonName kKoGiven[] = {{"Min-jun", "민준"},  {"Seo-yeon", "서연"}, {"Ji-hoon", "지훈"},   {"Ji-young", "지영"},
                               {"Hyun-woo", "현우"}, {"Su-jin", "수진"},   {"Young-soo", "영수"}, {"Jung-hee", "정희"},
                               {"Sung-min", "성민"}, {"Eun-ji", "은지"}};
const CommonName kEnFamily[] = {{"Smith", nullptr},     {"Johnson", nullptr}, {"Williams", nullptr}, {"Brown", nullptr},
                                {"Jones", nullptr},     {"Garcia", nullptr},  {"Miller", nullptr},   {"Davis", nullptr},
                                {"Rodriguez", nullptr}, {"Martinez", nullptr}};
const CommonName kEnGiven[] = {{"James", nullptr},  {"Mary", nullptr},     {"John", nullptr},    {"Patricia", nullptr},
                               {"Robert", nullptr}, {"Jennifer", nullptr}, {"Michael", nullptr}, {"Linda", nullptr},
                               {"David", nullptr},  {"Elizabeth", nullptr}};

std::vector<LabelledQuery> PersonNegatives(const std::vector<model::ListSnapshot>& snapshots, size_t* excluded) {
  std::set<std::string> listed;
  for (const auto& s : snapshots)
    for (const auto& e : s.entries)
      if (e.type == model::EntityType::kPerson)
        for (const auto& n : e.names) listed.insert(TokenSetKey(n.text));
  std::vector<LabelledQuery> out;
  *excluded = 0;
  auto add = [&](const std::string& group, std::string q) {
    if (listed.count(TokenSetKey(q)) || listed.count(Fold(q))) {
      ++*excluded;
      return;
    }
    out.push_back({"neg_person", group, "common_name", std::move(q), names::Kind::kPerson, "", {}});
  };
  for (const auto& f : kJaFamily)
    for (const auto& g : kJaGiven) {
      add("ja-Latn (given family)", std::string(g.latin) + " " + f.latin);
      add("ja-Jpan (family given)", std::string(f.native) + " " + g.native);
    }
  for (const auto& f : kZhFamily)
    for (const auto& g : kZhGiven) {
      add("zh-Latn (family given)", std::string(f.latin) + " " + g.latin);
      add("zh-Hani (family given)", std::string(f.native) + g.native);
    }
  for (const auto& f : kKoFamily)
    for (const auto& g : kKoGiven) {
      add("ko-Latn (family given)", std::string(f.latin) + " " + g.latin);
      add("ko-Hang (family given)", std::string(f.native) + g.native);
    }
  for (const auto& f : kEnFamily)
    for (const auto& g : kEnGiven) add("en-Latn (given family)", std::string(g.latin) + " " + f.latin);
  return out;
}

// Negatives (d): Japanese universities of the MEXT list that are on no list.
std::vector<LabelledQuery> MextNegatives(const Data& d, size_t* excluded) {
  std::set<std::string> listed;
  for (const auto& s : d.snapshots)
    for (const auto& e : s.entries)
      for (const auto& n : e.names) listed.insert(TokenSetKey(n.text));
  std::vector<LabelledQuery> out;
  *excluded = 0;
  for (const auto& u : d.mext) {
    const std::string ja = u.value("name_ja", ""), en = u.value("name_en", "");
    if (listed.count(TokenSetKey(ja)) || (!en.empty() && listed.count(TokenSetKey(en)))) {
      ++*excluded;
      continue;
    }
    if (!ja.empty()) {
      out.push_back({"neg_mext", "ja, no country", "mext_ja", ja, names::Kind::kOrganisation, "", {}});
      out.push_back({"neg_mext", "ja, country JP", "mext_ja", ja, names::Kind::kOrganisation, "JP", {}});
    }
    if (!en.empty()) out.push_back({"neg_mext", "en, no country", "mext_en", en, names::Kind::kOrganisation, "", {}});
  }
  return out;
}

// ---- katakana renderings of Chinese organisation names

// IPAdic's place names (名詞,固有名詞,地域) with their katakana readings, from the dictionary
// source Debian ships with mecab-ipadic (EUC-JP CSV): 北京 ペキン, 南京 ナンキン, 天津
// テンシン, 上海 シャンハイ, 西安 シーアン / セイアン. Only places that are Chinese cities
// are kept: the pinyin of the kanji (ICU Han-Latin, simplified forms) equals the city of at
// least kMinCityRecords ROR records located in CN, HK, TW or MO ("Beijing", "Nanjing"), and of
// several readings only IPAdic's most frequent (lowest word cost) is kept, so that Japanese
// readings of the same characters (天津 アマツ, a place in Chiba) drop out.
constexpr const char* kIpadicPlaces = "/usr/share/mecab/dic/ipadic/Noun.place.csv";
constexpr int kMinCityRecords = 10;

struct Renderer {
  std::unique_ptr<opencc::SimpleConverter> s2t, t2jp, t2s;
  std::unique_ptr<icu::Transliterator> han_latin;
  std::vector<std::pair<std::string, std::string>> places;  // kanji (Japanese forms) → katakana
  std::set<std::string> used;                               // "北京→ペキン" actually used
  std::shared_ptr<mecab_t> yomi;                            // MeCab -Oyomi (IPAdic readings)

  std::string Japanese(const std::string& s) const { return t2jp->Convert(s2t->Convert(s)); }
  std::string Pinyin(const std::string& han) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(t2s->Convert(han));
    han_latin->transliterate(u);
    std::string out, latin;
    u.toUTF8String(latin);
    for (char c : latin)
      if (std::isalpha(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(c));
    return out;
  }
  // The whole name in katakana as a Japanese officer hears it (ハルビンコウギョウダイガク,
  // ペキンコウクウコウテンダイガク): the leading place's IPAdic reading, the rest read by MeCab
  // (IPAdic) in its Japanese character forms. "" when MeCab leaves a word unread.
  std::string WholeKatakana(const std::string& han) {
    const std::string jp = Japanese(han);
    std::string city, rest = jp;
    for (const auto& [kanji, kana] : places)
      if (kanji.size() > jp.size() - rest.size() && jp.size() > kanji.size() && jp.compare(0, kanji.size(), kanji) == 0)
        city = kana, rest = jp.substr(kanji.size());
    const char* read = mecab_sparse_tostr(yomi.get(), rest.c_str());
    if (read == nullptr) return "";
    std::string out = city + read;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    for (char32_t c : Decode(out))
      if (!((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC)) return "";
    return out;
  }
  // Katakana renderings of a Chinese name: its leading place (longest IPAdic match) in
  // katakana, the rest in Japanese character forms. Empty when no place leads the name.
  std::vector<std::string> Render(const std::string& han) {
    const std::string jp = Japanese(han);
    size_t best = 0;
    for (const auto& [kanji, kana] : places)
      if (kanji.size() > best && jp.size() > kanji.size() && jp.compare(0, kanji.size(), kanji) == 0)
        best = kanji.size();
    std::vector<std::string> out;
    if (best == 0) return out;
    for (const auto& [kanji, kana] : places) {
      if (kanji.size() != best || jp.compare(0, best, kanji) != 0) continue;
      out.push_back(kana + jp.substr(best));
      used.insert(kanji + "→" + kana);
    }
    return out;
  }
};

std::string EucJpToUtf8(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "EUC-JP");
  if (cd == reinterpret_cast<iconv_t>(-1)) Die("iconv: EUC-JP unsupported");
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) Die("iconv failed on ipadic CSV");
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

Renderer MakeRenderer(const model::Registry& ror) {
  Renderer r;
  try {
    r.s2t = std::make_unique<opencc::SimpleConverter>("/usr/share/opencc/s2t.json");
    r.t2jp = std::make_unique<opencc::SimpleConverter>("/usr/share/opencc/t2jp.json");
    r.t2s = std::make_unique<opencc::SimpleConverter>("/usr/share/opencc/t2s.json");
  } catch (const std::exception& e) {
    Die(std::string("OpenCC: ") + e.what());
  }
  r.yomi.reset(mecab_new2("-Oyomi"), mecab_destroy);
  if (!r.yomi) Die("MeCab (mecab-ipadic-utf8) unavailable");
  UErrorCode status = U_ZERO_ERROR;
  r.han_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) Die("ICU Han-Latin unavailable");
  std::map<std::string, int> cities;
  for (const auto& rec : ror.records) {
    if (rec.country_code != "CN" && rec.country_code != "HK" && rec.country_code != "TW" && rec.country_code != "MO")
      continue;
    std::string c;
    for (char ch : rec.city)
      if (std::isalpha(static_cast<unsigned char>(ch))) c += static_cast<char>(std::tolower(ch));
    if (!c.empty()) ++cities[c];
  }
  std::ifstream f(kIpadicPlaces, std::ios::binary);
  if (!f) Die(std::string("cannot open ") + kIpadicPlaces + " (mecab-ipadic)");
  const std::string csv = EucJpToUtf8(std::string(std::istreambuf_iterator<char>(f), {}));
  std::map<std::string, std::vector<std::pair<int, std::string>>> cheapest;  // kanji → (cost, reading)
  size_t b = 0;
  while (b < csv.size()) {
    size_t e = csv.find('\n', b);
    if (e == std::string::npos) e = csv.size();
    std::vector<std::string> field;
    size_t fb = b;
    for (size_t i = b; i <= e; ++i) {
      if (i == e || csv[i] == ',') {
        field.push_back(csv.substr(fb, i - fb));
        fb = i + 1;
      }
    }
    b = e + 1;
    if (field.size() < 12 || field[6] != "地域") continue;
    const std::string& kanji = field[0];
    const std::string& kana = field[11];
    if (ScriptOf(kanji) != "Hani" || Decode(kanji).size() < 2 || kana.empty()) continue;
    bool katakana = true;
    for (char32_t c : Decode(kana)) katakana = katakana && ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC);
    auto city = cities.find(r.Pinyin(kanji));
    if (!katakana || city == cities.end() || city->second < kMinCityRecords) continue;
    const int cost = std::atoi(field[3].c_str());
    auto& best = cheapest[kanji];
    if (best.empty() || cost < best[0].first) best.clear();
    if (best.empty() || cost == best[0].first) best.emplace_back(cost, kana);
  }
  for (const auto& [kanji, readings] : cheapest)
    for (const auto& [cost, kana] : readings)
      if (std::find(r.places.begin(), r.places.end(), std::make_pair(kanji, kana)) == r.places.end())
        r.places.emplace_back(kanji, kana);
  return r;
}

bool ChineseEntry(const model::ListEntry& e) {
  auto chinese = [](const std::string& c) { return c == "CN" || c == "HK" || c == "TW" || c == "MO"; };
  for (const auto& c : e.countries)
    if (chinese(c.code)) return true;
  for (const auto& a : e.addresses) {
    if (chinese(a.country_code)) return true;
    for (const char* w : {"中華人民共和国", "香港", "中国", "China", "CHINA", "Hong Kong", "HONG KONG"})
      if (a.text.find(w) != std::string::npos) return true;
  }
  return false;
}

// Positives: each Chinese-character name of a listed organisation whose name begins with a
// Chinese city that IPAdic reads in katakana, so rendered (北京航空航天大学 → ペキン航空航天大学).
std::vector<LabelledQuery> KatakanaRenderings(const std::vector<model::ListSnapshot>& snapshots, Renderer& r) {
  std::vector<LabelledQuery> out;
  for (const auto& snap : snapshots) {
    for (const auto& e : snap.entries) {
      if (e.type != model::EntityType::kOrganisation) continue;
      std::set<std::string> seen;
      for (const auto& n : e.names) {
        if (ScriptOf(n.text) != "Hani") continue;
        if (std::string whole = r.WholeKatakana(n.text); !whole.empty() && seen.insert(whole).second)
          out.push_back({"katakana",
                         snap.list_id,
                         "whole_name_katakana",
                         whole,
                         names::Kind::kOrganisation,
                         "",
                         {Key(e.list_id, e.entry_id)}});
        for (std::string& q : r.Render(n.text)) {
          if (!seen.insert(q).second) continue;
          out.push_back({"katakana",
                         snap.list_id,
                         "place_reading_ipadic",
                         std::move(q),
                         names::Kind::kOrganisation,
                         "",
                         {Key(e.list_id, e.entry_id)}});
        }
      }
    }
  }
  return out;
}

// Negatives (e): the same renderings of Chinese organisations in ROR that are on no list.
std::vector<LabelledQuery> KatakanaNegatives(const Data& d, const std::vector<char>& excluded,
                                             const std::map<size_t, std::vector<std::string>>& links, Renderer& r,
                                             size_t limit) {
  std::vector<LabelledQuery> all, wholes;
  for (size_t i = 0; i < d.ror.records.size(); ++i) {
    const model::OrgRecord& rec = d.ror.records[i];
    if (excluded[i] || links.count(i) || rec.status != "active") continue;
    for (const auto& n : rec.names) {
      if (ScriptOf(n.text) != "Hani") continue;
      for (std::string& q : r.Render(n.text))
        all.push_back(
            {"neg_katakana", "ror_cn", "place_reading_ipadic", std::move(q), names::Kind::kOrganisation, "", {}});
      if (std::string whole = r.WholeKatakana(n.text); !whole.empty())
        wholes.push_back(
            {"neg_katakana", "ror_cn_whole", "whole_name_katakana", whole, names::Kind::kOrganisation, "", {}});
    }
  }
  auto sample = [limit](std::vector<LabelledQuery>& v) {
    if (v.size() <= limit) return v;
    std::vector<LabelledQuery> out;
    for (size_t i = 0; i < limit; ++i) out.push_back(v[i * v.size() / limit]);
    return out;
  };
  std::vector<LabelledQuery> out = sample(all);
  for (auto& q : sample(wholes)) out.push_back(std::move(q));
  return out;
}

// ---- affiliation strings (CheckAffiliation)
//
// Raw affiliation lines composed from real records in the formats researchers write them:
// "Dept. of Physics, <organisation>, <city> <postcode>, <country>" (English; departments from
// a fixed list, taken in turn), "<组织><学院>，<postcode> 中国" (Chinese), "<組織の日本字体>
// 大学院工学研究科, 中国" and "<katakana city>…" (Japanese renderings of a Chinese name), and
// for Japanese universities the MEXT record's own graduate schools and campus address
// ("東北大学大学院工学研究科, 〒980－8579 宮城県仙台市…"). Postcodes and cities are the
// records' own (list addresses, ROR city, MEXT campus); none is invented.
const char* const kDepartmentsEn[] = {"Dept. of Physics",
                                      "School of Materials Science and Engineering",
                                      "College of Computer Science and Technology",
                                      "Department of Mechanical Engineering",
                                      "School of Electronic and Information Engineering",
                                      "Faculty of Chemistry",
                                      "Graduate School of Engineering",
                                      "Department of Applied Mathematics"};
const char* const kDepartmentsZh[] = {"物理学院", "材料科学与工程学院", "计算机科学与技术学院", "机电工程学院",
                                      "电子信息工程学院"};
const char* const kDepartmentsJa[] = {"大学院工学研究科", "理学部物理学科", "大学院情報科学研究科", "材料工学科"};
const std::map<std::string, std::vector<std::string>>& CountryNames() {
  static const std::map<std::string, std::vector<std::string>> kNames = {
      {"CN", {"China", "P.R. China", "People's Republic of China"}},
      {"RU", {"Russia", "Russian Federation"}},
      {"IR", {"Iran"}},
      {"PK", {"Pakistan"}},
      {"KP", {"DPRK"}},
      {"HK", {"Hong Kong"}},
      {"TW", {"Taiwan"}},
      {"BY", {"Belarus"}},
      {"SY", {"Syria"}},
      {"JP", {"Japan"}},
      {"US", {"USA", "United States"}},
      {"GB", {"UK", "United Kingdom"}},
      {"KR", {"Republic of Korea", "South Korea"}},
      {"DE", {"Germany"}},
      {"FR", {"France"}},
      {"IN", {"India"}},
      {"AU", {"Australia"}},
      {"CA", {"Canada"}},
      {"IT", {"Italy"}},
      {"ES", {"Spain"}},
      {"SG", {"Singapore"}},
      {"NL", {"Netherlands"}},
      {"CH", {"Switzerland"}},
      {"SE", {"Sweden"}}};
  return kNames;
}

// A postcode printed in one of the addresses: the first run of 5 or 6 digits standing alone.
std::string PostcodeIn(const std::vector<model::Address>& addresses) {
  for (const auto& a : addresses) {
    const std::string& t = a.text;
    for (size_t i = 0; i < t.size();) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
      const bool alone = (i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]))) &&
                         (j == t.size() || !std::isalnum(static_cast<unsigned char>(t[j])));
      if (alone && (j - i == 5 || j - i == 6)) return t.substr(i, j - i);
      i = j;
    }
  }
  return "";
}

// "Dept. of Physics, Beihang University, Beijing 100191, China", varied by n.
std::string EnglishAffiliation(size_t n, const std::string& org, const std::string& city, const std::string& postcode,
                               const std::string& country_code) {
  const std::string dept = kDepartmentsEn[n % std::size(kDepartmentsEn)];
  std::string place = city;
  if (!postcode.empty()) place += (place.empty() ? "" : " ") + postcode;
  std::string country;
  auto it = CountryNames().find(country_code);
  if (it != CountryNames().end()) country = it->second[(n / 2) % it->second.size()];
  std::string out = n % 3 == 2 ? org + ", " + dept : dept + ", " + org;  // "HIT, School of …" also occurs
  if (!place.empty()) out += ", " + place;
  if (!country.empty()) out += ", " + country;
  return out;
}

std::vector<LabelledQuery> Affiliations(const Data& d, const std::map<size_t, std::vector<std::string>>& links,
                                        const std::vector<LabelledQuery>& registry_negatives,
                                        const std::vector<char>& excluded, Renderer& renderer) {
  std::vector<LabelledQuery> out;
  std::unordered_map<std::string, const model::ListEntry*> entries;
  for (const auto& s : d.snapshots)
    for (const auto& e : s.entries) entries[Key(e.list_id, e.entry_id)] = &e;
  std::unordered_map<std::string, std::string> record_of_entry;  // list key → linked ROR id
  for (const auto& [record, keys] : links)
    for (const auto& k : keys) record_of_entry.emplace(k, d.ror.records[record].id);
  auto add = [&](const char* category, const std::string& group, const std::string& kind, std::string q,
                 std::vector<std::string> expected, std::string record) {
    LabelledQuery lq{category, group, kind, std::move(q), names::Kind::kOrganisation, "", std::move(expected)};
    lq.affiliation = true;
    lq.expected_record = std::move(record);
    out.push_back(std::move(lq));
  };
  auto first = [](const std::vector<model::Name>& ns, const char* script) -> std::string {
    for (const auto& n : ns)
      if (n.kind != model::NameKind::kAcronym && ScriptOf(n.text) == script) return n.text;
    return "";
  };
  size_t n = 0;
  // Positives (1): ROR records linked to list entries, under the registry's names.
  for (const auto& [record, keys] : links) {
    const model::OrgRecord& r = d.ror.records[record];
    std::vector<model::Address> addresses;
    for (const auto& k : keys)
      addresses.insert(addresses.end(), entries[k]->addresses.begin(), entries[k]->addresses.end());
    const std::string postcode = PostcodeIn(addresses);
    const std::string latin = first(r.names, "Latn"), han = first(r.names, "Hani");
    if (!latin.empty())
      add("affiliation", "ror_linked", "en", EnglishAffiliation(n++, latin, r.city, postcode, r.country_code), keys,
          r.id);
    if (!han.empty() && (r.country_code == "CN" || r.country_code == "HK" || r.country_code == "TW")) {
      const std::string zh_dept = kDepartmentsZh[n++ % std::size(kDepartmentsZh)];
      add("affiliation", "ror_linked", "zh", han + zh_dept + (postcode.empty() ? "，中国" : "，" + postcode + " 中国"),
          keys, r.id);
      // Japanese graduate schools only after a university's name; other bodies as named.
      const std::string ja = renderer.Japanese(han);
      const bool university = ja.ends_with("大学") || ja.ends_with("大學");
      const std::string ja_dept = university ? kDepartmentsJa[n++ % std::size(kDepartmentsJa)] : " ";
      add("affiliation", "ror_linked", "ja", ja + ja_dept + ", 中国", keys, r.id);
      for (const std::string& k : renderer.Render(han))
        add("affiliation", "ror_linked", "ja_katakana_city", k + ja_dept + ", 中国", keys, r.id);
    }
  }
  // Positives (2): research organisations of the lists under their own primary name.
  static const std::set<std::string> kResearchLists = {"aspi_unitracker", "us_entity_list", "ca_nro", "us_dod_1286",
                                                       "jp_meti_eul"};
  static const char* const kResearchWords[] = {"univ", "institut", "academy", "research", "laborator", "college"};
  for (const auto& s : d.snapshots) {
    if (!kResearchLists.count(s.list_id)) continue;
    for (const auto& e : s.entries) {
      if (e.type != model::EntityType::kOrganisation) continue;
      const std::string latin = first(e.names, "Latn");
      std::string lower = Fold(latin);
      if (latin.empty() || std::none_of(std::begin(kResearchWords), std::end(kResearchWords),
                                        [&](const char* w) { return lower.find(w) != std::string::npos; }))
        continue;
      const std::string key = Key(e.list_id, e.entry_id);
      std::string city;
      for (const auto& a : e.addresses)
        if (city.empty()) city = a.city;
      std::string country = e.countries.empty() ? "" : e.countries[0].code;
      auto rec = record_of_entry.find(key);
      add("affiliation", s.list_id, "en_list_name",
          EnglishAffiliation(n++, latin, city, PostcodeIn(e.addresses), country), {key},
          rec == record_of_entry.end() ? "" : rec->second);
      const std::string han = first(e.names, "Hani");
      if (!han.empty() && country == "CN")
        add("affiliation", s.list_id, "zh_list_name", han + kDepartmentsZh[n++ % std::size(kDepartmentsZh)] + "，中国",
            {key}, rec == record_of_entry.end() ? "" : rec->second);
    }
  }
  // Negatives (1): the ROR organisations of negatives (a), in English format with their city.
  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < d.ror.records.size(); ++i) by_id[d.ror.records[i].id] = i;
  for (size_t k = 0; k < registry_negatives.size(); k += 2) {  // every second: 1,500
    const model::OrgRecord& r = d.ror.records[by_id.at(registry_negatives[k].expected_record)];
    add("neg_affiliation", "ror_" + registry_negatives[k].group, "en",
        EnglishAffiliation(n++, registry_negatives[k].query, r.city, "", r.country_code), {}, r.id);
  }
  // Negatives (2): Chinese organisations of ROR on no list, in Chinese format.
  std::vector<std::pair<std::string, std::string>> zh;  // affiliation, record id
  for (size_t i = 0; i < d.ror.records.size(); ++i) {
    const model::OrgRecord& r = d.ror.records[i];
    if (excluded[i] || links.count(i) || r.status != "active" || r.country_code != "CN") continue;
    const std::string han = first(r.names, "Hani");
    if (!han.empty()) zh.emplace_back(han + kDepartmentsZh[i % std::size(kDepartmentsZh)] + "，中国", r.id);
  }
  for (size_t k = 0; k < 500 && k < zh.size(); ++k) {
    const auto& [q, id] = zh[k * zh.size() / std::min<size_t>(500, zh.size())];
    add("neg_affiliation", "ror_cn_zh", "zh", q, {}, id);
  }
  // Negatives (3): Japanese universities (MEXT) with their own graduate schools and campus
  // address in Japanese, and in English (department, name, Japan).
  for (const auto& u : d.mext) {
    const std::string ja = u.value("name_ja", ""), en = u.value("name_en", "");
    const auto ids = u.value("ror_ids_by_name_match", nlohmann::json::array());
    const std::string record = ids.size() == 1 ? "https://ror.org/" + ids[0].get<std::string>() : "";
    const auto schools = u.value("graduate_schools", nlohmann::json::array());
    const auto campuses = u.value("campuses", nlohmann::json::array());
    if (!ja.empty()) {
      std::string school =
          schools.empty() ? std::string("工学部") : "大学院" + schools[n % schools.size()].get<std::string>();
      std::string address = u.value("address", "");
      if (!campuses.empty() && campuses[0].contains("post"))
        address = "〒" + campuses[0].value("post", "") + " " + campuses[0].value("addr", "");
      add("neg_affiliation", "mext_ja", "ja", ja + school + (address.empty() ? "" : ", " + address), {}, record);
    }
    if (!en.empty())
      add("neg_affiliation", "mext_en", "en",
          std::string(kDepartmentsEn[n % std::size(kDepartmentsEn)]) + ", " + en + ", Japan", {}, record);
    ++n;
  }
  return out;
}

// Fills same_entity of positive queries: entries sharing a full name (two or more words, or
// a CJK name of three or more characters) with an expected entry.
void MarkSameEntities(const std::vector<model::ListSnapshot>& snapshots, std::vector<LabelledQuery>& set) {
  std::unordered_map<std::string, std::vector<std::string>> by_name;
  std::unordered_map<std::string, std::vector<std::string>> names_of;
  for (const auto& s : snapshots) {
    for (const auto& e : s.entries) {
      for (const auto& n : e.names) {
        const std::string k = TokenSetKey(n.text);
        const bool full = ScriptOf(n.text) == "Latn" ? Tokens(k).size() >= 2 : Decode(k).size() >= 3;
        if (!full || n.kind == model::NameKind::kAcronym) continue;
        by_name[k].push_back(Key(e.list_id, e.entry_id));
        names_of[Key(e.list_id, e.entry_id)].push_back(k);
      }
    }
  }
  for (LabelledQuery& q : set) {
    for (const std::string& expected : q.expected) {
      for (const std::string& k : names_of[expected]) {
        for (const std::string& other : by_name[k]) {
          if (std::find(q.expected.begin(), q.expected.end(), other) == q.expected.end() &&
              std::find(q.same_entity.begin(), q.same_entity.end(), other) == q.same_entity.end())
            q.same_entity.push_back(other);
        }
      }
    }
  }
}

// ---- scoring and tables

struct Counts {
  size_t n = 0, tp = 0, fp = 0, fn = 0, tn = 0;
};

bool IsNegative(const LabelledQuery& q) {
  return q.expected.empty();
}

void Tally(const LabelledQuery& q, const Outcome& o, double t, Counts& c) {
  ++c.n;
  bool any = false, right = false;
  for (const auto& [key, score] : o.hits) {
    if (score < t) continue;
    if (std::find(q.same_entity.begin(), q.same_entity.end(), key) != q.same_entity.end()) continue;
    any = true;
    if (std::find(q.expected.begin(), q.expected.end(), key) != q.expected.end()) right = true;
  }
  if (IsNegative(q)) {
    (any ? c.fp : c.tn)++;
    return;
  }
  if (right)
    ++c.tp;
  else
    ++c.fn;
  if (any && !right) ++c.fp;
}

std::string Ratio(size_t a, size_t b) {
  if (b == 0) return "–";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(a) / static_cast<double>(b));
  return buf;
}

void Table(std::FILE* out, const std::string& category, const std::vector<LabelledQuery>& qs,
           const std::vector<Outcome>& os, bool by_kind) {
  std::map<std::string, std::vector<size_t>> groups;
  bool negative = false;
  for (size_t i = 0; i < qs.size(); ++i) {
    if (qs[i].category != category) continue;
    negative = IsNegative(qs[i]);
    groups[by_kind ? qs[i].kind : qs[i].group].push_back(i);
    groups["**all**"].push_back(i);
  }
  if (groups.empty()) return;
  std::fprintf(out, "\n| %s | n |", by_kind ? "kind" : "group");
  for (double t : kThresholds) std::fprintf(out, " t=%.2f %s |", t, negative ? "TNR (TN/FP)" : "P / R (TP/FP/FN)");
  std::fprintf(out, "\n|---|---:|");
  for (size_t i = 0; i < std::size(kThresholds); ++i) std::fprintf(out, "---|");
  std::fprintf(out, "\n");
  for (const auto& [name, idx] : groups) {
    std::fprintf(out, "| %s | %zu |", name.c_str(), idx.size());
    for (double t : kThresholds) {
      Counts c;
      for (size_t i : idx) Tally(qs[i], os[i], t, c);
      if (negative)
        std::fprintf(out, " %s (%zu/%zu) |", Ratio(c.tn, c.n).c_str(), c.tn, c.fp);
      else
        std::fprintf(out, " %s / %s (%zu/%zu/%zu) |", Ratio(c.tp, c.tp + c.fp).c_str(),
                     Ratio(c.tp, c.tp + c.fn).c_str(), c.tp, c.fp, c.fn);
    }
    std::fprintf(out, "\n");
  }
}

std::string Clean(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string Expected(const LabelledQuery& q) {
  if (q.expected.empty()) return "none";
  std::string s;
  for (const auto& k : q.expected) s += (s.empty() ? "" : "|") + k;
  return s;
}

// ---- throughput

// One timed run: kTotal queries on kThreads threads, then the brute-force baseline on a sample.
struct Timing {
  size_t entities = 0, names = 0, keys = 0;
  double build_s = 0, memory_mb = 0;
  double wall_s = 0, cpu_s = 0, hit_share = 0, p50 = 0, p99 = 0, max = 0;
  double fast_mean_us = 0, brute_mean_ms = 0;
  size_t judged = 0, agree = 0;
  std::map<std::string, std::vector<float>> by_category;  // µs
};
constexpr size_t kTotal = 1000000;
constexpr int kThreads = 2;
constexpr size_t kSample = 200;

double Percentile(std::vector<float>& v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : static_cast<double>(v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))]);
}

Timing Measure(const std::vector<names::NameRecord>& records, size_t entities,
               const std::vector<std::pair<std::string, std::optional<names::Kind>>>& queries,
               const std::vector<const LabelledQuery*>& labelled) {
  Timing t;
  t.entities = entities;
  const auto b0 = std::chrono::steady_clock::now();
  auto built = names::NameIndex::Build(records, {});
  t.build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();
  if (!built) Die(built.error().message);
  const names::NameIndex& index = *built;
  t.names = index.name_count();
  t.keys = index.key_count();
  t.memory_mb = static_cast<double>(index.memory_bytes()) / (1 << 20);

  std::vector<std::vector<std::pair<float, uint32_t>>> latencies(kThreads);  // µs, query index
  const std::clock_t cpu0 = std::clock();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  std::atomic<size_t> hits{0};
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      auto& lat = latencies[th];
      lat.reserve(kTotal / kThreads + 1);
      size_t local_hits = 0;
      for (size_t i = th; i < kTotal; i += kThreads) {
        const auto qi = static_cast<uint32_t>((i * 7919) % queries.size());
        const auto& [q, kind] = queries[qi];
        names::QueryOptions o;
        o.kind = kind;
        o.threshold = 0.75;
        const auto a = std::chrono::steady_clock::now();
        local_hits += !index.Query(q, o).empty();
        lat.emplace_back(std::chrono::duration<float, std::micro>(std::chrono::steady_clock::now() - a).count(), qi);
      }
      hits += local_hits;
    });
  }
  for (auto& th : threads) th.join();
  t.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  t.cpu_s = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  t.hit_share = static_cast<double>(hits) / kTotal;
  std::vector<float> all;
  for (auto& l : latencies) {
    for (const auto& [us, qi] : l) {
      all.push_back(us);
      t.by_category[labelled[qi]->category].push_back(us);
    }
  }
  t.p50 = Percentile(all, 0.5), t.p99 = Percentile(all, 0.99), t.max = Percentile(all, 1.0);

  // Brute force on a sample, single thread, in the same run: every key scored.
  double fast_s = 0, brute_s = 0;
  for (size_t i = 0; i < kSample; ++i) {
    const auto& [q, kind] = queries[(i * 104729) % queries.size()];
    names::QueryOptions o;
    o.kind = kind;
    o.threshold = 0.75;
    auto a = std::chrono::steady_clock::now();
    const auto fast = index.Query(q, o);
    auto b = std::chrono::steady_clock::now();
    const auto brute = index.QueryExhaustive(q, o);
    auto c = std::chrono::steady_clock::now();
    fast_s += std::chrono::duration<double>(b - a).count();
    brute_s += std::chrono::duration<double>(c - b).count();
    if (!brute.empty()) {
      ++t.judged;
      t.agree += !fast.empty() && fast[0].record == brute[0].record;
    }
  }
  t.fast_mean_us = 1e6 * fast_s / kSample;
  t.brute_mean_ms = 1e3 * brute_s / kSample;
  return t;
}

// Synthetic organisations for the scaled run (bench only, never shipped): real organisation
// names re-composed. Entity i of the real organisations (in index order) is paired with
// entity j = (i·7919 + 13) mod n of another country: the synthetic name is the first half of
// i's words followed by the second half of j's ("Harbin Institute" + "of Applied Physics"),
// with j's country; when both carry a Chinese-character name, the same is done with their
// characters (first half of i's, second half of j's). A result equal to a real name is
// skipped. Deterministic; about as many distinct words and q-grams per name as real ones.
struct OrgSeed {
  std::string latin, han, country;
};

std::vector<names::NameRecord> Synthetic(const std::vector<OrgSeed>& seeds, uint32_t first_id, size_t wanted,
                                         const std::unordered_set<std::string>& real_names, size_t* made) {
  std::vector<names::NameRecord> out;
  std::unordered_set<std::string> seen;
  const size_t n = seeds.size();
  uint32_t id = first_id;
  *made = 0;
  for (size_t round = 0; *made < wanted && round < 4; ++round) {
    for (size_t i = 0; i < n && *made < wanted; ++i) {
      const OrgSeed& a = seeds[i];
      const OrgSeed& b = seeds[(i * 7919 + 13 + round * 104729) % n];
      if (&a == &b || a.country == b.country) continue;
      const std::vector<std::string> wa = Tokens(a.latin), wb = Tokens(b.latin);
      if (wa.size() < 2 || wb.size() < 2) continue;
      std::string name;
      for (size_t k = 0; k < (wa.size() + 1) / 2; ++k) name += wa[k] + " ";
      for (size_t k = wb.size() / 2; k < wb.size(); ++k) name += wb[k] + (k + 1 < wb.size() ? " " : "");
      const std::string key = Fold(name);
      if (real_names.count(key) || !seen.insert(key).second) continue;
      out.push_back({id, name, names::Kind::kOrganisation, b.country, false});
      const std::vector<char32_t> ha = Decode(a.han), hb = Decode(b.han);
      if (ha.size() >= 4 && hb.size() >= 4) {
        std::string han;
        for (size_t k = 0; k < ha.size() / 2; ++k) Encode(ha[k], han);
        for (size_t k = hb.size() / 2; k < hb.size(); ++k) Encode(hb[k], han);
        if (!real_names.count(Fold(han))) out.push_back({id, han, names::Kind::kOrganisation, b.country, false});
      }
      ++id, ++*made;
    }
  }
  return out;
}

void Throughput(std::FILE* out, const Data& d, const std::vector<LabelledQuery>& set) {
  std::vector<names::NameRecord> records;
  std::vector<OrgSeed> seeds;  // real organisations, for the scaled run
  std::unordered_set<std::string> real_names;
  auto seed = [&](const std::vector<model::Name>& ns, const std::string& country) {
    OrgSeed s{"", "", country};
    for (const auto& n : ns) {
      if (n.kind == model::NameKind::kAcronym) continue;
      const std::string script = ScriptOf(n.text);
      if (script == "Latn" && s.latin.empty()) s.latin = n.text;
      if (script == "Hani" && s.han.empty()) s.han = n.text;
    }
    if (!s.latin.empty()) seeds.push_back(std::move(s));
  };
  uint32_t id = 0;
  size_t list_entities = 0, ror_entities = 0, hipo_entities = 0;
  for (const auto& s : d.snapshots) {
    for (const auto& e : s.entries) {
      if (e.type == model::EntityType::kVessel) continue;
      for (const auto& n : e.names)
        if (!Fold(n.text).empty()) {
          records.push_back({id, n.text, KindOf(e.type), "", n.kind == model::NameKind::kAcronym});
          real_names.insert(Fold(n.text));
        }
      if (e.type == model::EntityType::kOrganisation) seed(e.names, e.countries.empty() ? "" : e.countries[0].code);
      ++id, ++list_entities;
    }
  }
  for (const auto& r : d.ror.records) {
    for (const auto& n : r.names)
      if (!Fold(n.text).empty()) {
        records.push_back(
            {id, n.text, names::Kind::kOrganisation, r.country_code, n.kind == model::NameKind::kAcronym});
        real_names.insert(Fold(n.text));
      }
    seed(r.names, r.country_code);
    ++id, ++ror_entities;
  }
  for (const auto& h : d.hipo) {  // universities ROR lacks (no id by domain or name)
    if (!h.value("ror_ids_by_domain", nlohmann::json::array()).empty() ||
        !h.value("ror_ids_by_name", nlohmann::json::array()).empty())
      continue;
    const std::string name = h.value("name", "");
    if (Fold(name).empty()) continue;
    records.push_back({id++, name, names::Kind::kOrganisation, h.value("alpha_two_code", ""), false});
    real_names.insert(Fold(name));
    seeds.push_back({name, "", h.value("alpha_two_code", "")});
    ++hipo_entities;
  }
  const size_t real_entities = list_entities + ror_entities + hipo_entities;

  std::vector<std::pair<std::string, std::optional<names::Kind>>> queries;
  std::vector<const LabelledQuery*> labelled;  // the evaluation's queries, once each
  for (const auto& q : set) {
    if (q.category == "via_registry" || q.category == "neg_via_registry" || q.category == "affiliation" ||
        q.category == "neg_affiliation")
      continue;
    queries.emplace_back(q.query, q.as);
    labelled.push_back(&q);
  }
  Timing real = Measure(records, real_entities, queries, labelled);

  constexpr size_t kScaledEntities = 120000;
  size_t synthetic = 0;
  {
    std::vector<names::NameRecord> more = Synthetic(seeds, id, kScaledEntities - real_entities, real_names, &synthetic);
    records.insert(records.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  Timing scaled = Measure(records, real_entities + synthetic, queries, labelled);

  std::fprintf(out, "\n## Throughput\n\n");
  std::fprintf(out,
               "Real index: %zu list entities (vessels excluded) + %zu ROR records + %zu Hipo universities without a "
               "ROR id = %zu entities. Scaled index (bench only, never shipped): the same + %zu synthetic "
               "organisations re-composed from real ones (first half of one organisation's words + second half of "
               "another's, with the second one's country; likewise their Chinese-character names) = %zu entities.\n\n",
               list_entities, ror_entities, hipo_entities, real_entities, synthetic, real_entities + synthetic);
  std::fprintf(out, "| measure | real data | scaled (real + synthetic) |\n|---|---:|---:|\n");
  auto row = [&](const char* label, const std::string& a, const std::string& b) {
    std::fprintf(out, "| %s | %s | %s |\n", label, a.c_str(), b.c_str());
  };
  auto f = [](const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return std::string(buf);
  };
  auto both = [&](const char* label, const char* fmt, double Timing::*m) {
    row(label, f(fmt, real.*m), f(fmt, scaled.*m));
  };
  row("entities", std::to_string(real.entities), std::to_string(scaled.entities));
  row("names / keys", std::to_string(real.names) + " / " + std::to_string(real.keys),
      std::to_string(scaled.names) + " / " + std::to_string(scaled.keys));
  both("index build", "%.1f s", &Timing::build_s);
  both("index memory (NameIndex::memory_bytes)", "%.0f MB", &Timing::memory_mb);
  row("queries (the evaluation set, cycled; threshold 0.75), threads", std::to_string(kTotal) + ", 2",
      std::to_string(kTotal) + ", 2");
  both("wall time, 1M queries", "%.1f s", &Timing::wall_s);
  row("throughput", f("%.0f queries/s", kTotal / real.wall_s), f("%.0f queries/s", kTotal / scaled.wall_s));
  both("process CPU time (both threads)", "%.1f s", &Timing::cpu_s);
  row("queries with a match", f("%.1f %%", 100 * real.hit_share), f("%.1f %%", 100 * scaled.hit_share));
  row("latency p50 / p99 / max (under 2-thread load)",
      f("%.0f", real.p50) + " / " + f("%.0f", real.p99) + " / " + f("%.0f µs", real.max),
      f("%.0f", scaled.p50) + " / " + f("%.0f", scaled.p99) + " / " + f("%.0f µs", scaled.max));
  row("baseline sample", std::to_string(kSample) + " queries, 1 thread",
      std::to_string(kSample) + " queries, 1 thread");
  both("indexed Query, mean", "%.0f µs", &Timing::fast_mean_us);
  both("brute force QueryExhaustive, mean", "%.1f ms", &Timing::brute_mean_ms);
  row("brute force / indexed", f("%.0f×", real.brute_mean_ms * 1000 / real.fast_mean_us),
      f("%.0f×", scaled.brute_mean_ms * 1000 / scaled.fast_mean_us));
  row("1M queries by brute force (extrapolated, 2 threads)",
      f("%.1f h", real.brute_mean_ms / 1000 * kTotal / kThreads / 3600),
      f("%.1f h", scaled.brute_mean_ms / 1000 * kTotal / kThreads / 3600));
  row("same best record as brute force (sample queries with a match)",
      std::to_string(real.agree) + " / " + std::to_string(real.judged),
      std::to_string(scaled.agree) + " / " + std::to_string(scaled.judged));
  std::fprintf(out,
               "\nLatency by category of the query (same runs; real | scaled):\n\n| category | queries | mean | p50 | "
               "p99 | scaled mean | scaled p50 | scaled p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (auto& [category, v] : real.by_category) {
    auto& w = scaled.by_category[category];
    double sum = 0, sum_w = 0;
    for (float x : v) sum += x;
    for (float x : w) sum_w += x;
    std::fprintf(out, "| %s | %zu | %.0f µs | %.0f µs | %.0f µs | %.0f µs | %.0f µs | %.0f µs |\n", category.c_str(),
                 v.size(), sum / static_cast<double>(v.size()), Percentile(v, 0.5), Percentile(v, 0.99),
                 sum_w / static_cast<double>(std::max<size_t>(1, w.size())), Percentile(w, 0.5), Percentile(w, 0.99));
  }
}

// Which registry record each affiliation line resolved to: the expected one, another one, or
// none ("no confident match"), per category and group.
void Resolution(std::FILE* out, const std::vector<LabelledQuery>& set, const std::vector<Outcome>& outcomes) {
  struct R {
    size_t n = 0, judged = 0, right = 0, wrong = 0, judged_none = 0, none = 0;
  };
  std::map<std::string, R> rows;
  for (size_t i = 0; i < set.size(); ++i) {
    if (!set[i].affiliation) continue;
    for (const std::string& key :
         {set[i].category + " **all**", set[i].category + " " + set[i].group + " / " + set[i].kind}) {
      R& r = rows[key];
      ++r.n;
      const std::string& got = outcomes[i].resolved;
      r.none += got.empty();
      if (set[i].expected_record.empty()) continue;
      ++r.judged;
      if (got.empty())
        ++r.judged_none;
      else if (got == set[i].expected_record)
        ++r.right;
      else
        ++r.wrong;
    }
  }
  if (rows.empty()) return;
  std::fprintf(out,
               "\n### Affiliation strings: registry resolution\n\nJudged = lines whose registry record is known "
               "(the ROR record the line was composed from; for lists, the linked record; for MEXT, its one "
               "ror_ids_by_name_match). No confident match = no record at ≥ Options::affiliation_confidence "
               "(0.85); the CLI then lists the closest candidates.\n\n| category, group / kind | n | judged | "
               "resolved to it | to another record | no confident match (judged) | no confident match (all) "
               "|\n|---|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [key, r] : rows)
    std::fprintf(out, "| %s | %zu | %zu | %s (%zu) | %s (%zu) | %s (%zu) | %s (%zu) |\n", key.c_str(), r.n, r.judged,
                 Ratio(r.right, r.judged).c_str(), r.right, Ratio(r.wrong, r.judged).c_str(), r.wrong,
                 Ratio(r.judged_none, r.judged).c_str(), r.judged_none, Ratio(r.none, r.n).c_str(), r.none);
}

// Before / after loading the registry for plain name checks, per category, at 0.75 and 0.85.
void Compare(std::FILE* out, const std::vector<LabelledQuery>& set, const std::vector<Outcome>& without,
             const std::vector<Outcome>& with, size_t count, const char* before, const char* after) {
  std::map<std::string, std::vector<size_t>> cats;
  for (size_t i = 0; i < count; ++i) {
    cats[set[i].category].push_back(i);
    if (set[i].category == "cross_script" || set[i].category == "katakana" || set[i].category == "neg_katakana")
      cats[set[i].category + " " + set[i].kind].push_back(i);
  }
  std::fprintf(out,
               "\nPositives P / R (TP/FP/FN), negatives TNR (TN/FP).\n\n| category | n | t=0.75 %s | t=0.75 %s | "
               "t=0.85 %s | t=0.85 %s |\n|---|---:|---|---|---|---|\n",
               before, after, before, after);
  for (const auto& [cat, idx] : cats) {
    std::fprintf(out, "| %s | %zu |", cat.c_str(), idx.size());
    for (double t : {0.75, 0.85}) {
      for (const auto* os : {&without, &with}) {
        Counts c;
        for (size_t i : idx) Tally(set[i], (*os)[i], t, c);
        if (IsNegative(set[idx[0]]))
          std::fprintf(out, " %s (%zu/%zu) |", Ratio(c.tn, c.n).c_str(), c.tn, c.fp);
        else
          std::fprintf(out, " %s / %s (%zu/%zu/%zu) |", Ratio(c.tp, c.tp + c.fp).c_str(),
                       Ratio(c.tp, c.tp + c.fn).c_str(), c.tp, c.fp, c.fn);
      }
    }
    std::fprintf(out, "\n");
  }
}

int Main(int argc, char** argv) {
  std::string set_path = "eval_set.tsv", misses_path = "eval_misses.tsv";
  bool throughput = false;
  std::vector<std::string> explain;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--explain" && i + 1 < argc) {
      explain.push_back(argv[++i]);
      continue;
    }
    if (a == "--set" && i + 1 < argc)
      set_path = argv[++i];
    else if (a == "--misses" && i + 1 < argc)
      misses_path = argv[++i];
    else if (a == "--throughput")
      throughput = true;
    else
      Die("usage: eval_names [--set FILE] [--misses FILE] [--throughput] [--explain QUERY]…");
  }
  const auto start = std::chrono::steady_clock::now();
  Data d = Load();
  const EntityChecker checker = MustBuild(d.snapshots);
  if (!explain.empty()) {  // --explain QUERY: every hit ≥ 0.5 with the engine's explanation
    for (const std::string& q : explain) {
      CheckOptions o;
      o.threshold = 0.5;
      for (const ListHit& h : checker.Check(q, o).hits)
        std::printf("%s\t%s:%s\t%.3f\t%s\t%s\n", q.c_str(), h.list_id.c_str(), h.entry_id.c_str(), h.match.score,
                    h.primary_name.c_str(), h.match.explanation.c_str());
    }
    return 0;
  }

  size_t artefacts = 0;
  std::vector<LabelledQuery> set = Aliases(d.snapshots, &artefacts);
  Ablation ablation = CrossScriptInLists(d.snapshots);
  const auto links = LinkRegistry(checker, d.ror);
  for (auto& q : Transformed(d.snapshots)) set.push_back(std::move(q));
  for (auto& q : RegistryLabels(d, links)) set.push_back(std::move(q));
  size_t ror_excluded = 0, person_excluded = 0, mext_excluded = 0;
  std::vector<char> ror_excluded_flags;
  for (auto& q : RegistryNegatives(d, links, 1500, &ror_excluded, &ror_excluded_flags)) set.push_back(std::move(q));
  Renderer renderer = MakeRenderer(d.ror);
  for (auto& q : KatakanaRenderings(d.snapshots, renderer)) set.push_back(std::move(q));
  for (auto& q : KatakanaNegatives(d, ror_excluded_flags, links, renderer, 1000)) set.push_back(std::move(q));
  for (auto& q : GenericNegatives()) set.push_back(std::move(q));
  for (auto& q : PersonNegatives(d.snapshots, &person_excluded)) set.push_back(std::move(q));
  for (auto& q : MextNegatives(d, &mext_excluded)) set.push_back(std::move(q));

  std::vector<LabelledQuery> registry_negatives;
  for (const auto& q : set)
    if (q.category == "neg_registry") registry_negatives.push_back(q);
  std::vector<LabelledQuery> affiliations = Affiliations(d, links, registry_negatives, ror_excluded_flags, renderer);

  MarkSameEntities(d.snapshots, set);
  MarkSameEntities(d.snapshots, ablation.queries);
  MarkSameEntities(d.snapshots, affiliations);
  const size_t main_count = set.size();  // the categories run with and without the registry
  std::vector<Outcome> outcomes = Run(checker, set);
  // Katakana queries again without splitting katakana runs (names::Options::
  // split_katakana_runs = false): the engine before that change, for a before / after table.
  std::vector<size_t> kana_index;
  std::vector<Outcome> kana_unsplit;
  {
    std::vector<LabelledQuery> kana;
    for (size_t i = 0; i < set.size(); ++i)
      if (set[i].category == "katakana" || set[i].category == "neg_katakana")
        kana.push_back(set[i]), kana_index.push_back(i);
    Options unsplit;
    unsplit.index.split_katakana_runs = false;
    kana_unsplit = Run(MustBuild(d.snapshots, std::nullopt, unsplit), kana);
  }
  // The same queries with ROR loaded, as `highfence check NAME` runs them since the registry
  // is loaded for organisation names (CheckOptions::via_registry): before / after per category.
  std::vector<Outcome> outcomes_ror;
  {
    const EntityChecker full_ror = MustBuild(d.snapshots, d.ror);
    outcomes_ror = Run(full_ror, set);
    auto o = Run(full_ror, affiliations);
    set.insert(set.end(), affiliations.begin(), affiliations.end());
    outcomes.insert(outcomes.end(), o.begin(), o.end());
  }
  // Cross-script pairs inside the lists run against the ablated indexes.
  std::vector<LabelledQuery> to_latin, to_other;
  for (auto& q : ablation.queries) (q.kind.rfind("Latn→", 0) == 0 ? to_other : to_latin).push_back(q);
  // The same with the registry loaded (CheckOptions::via_registry): ROR's names in other
  // scripts bridge an entry that holds only one script.
  auto with_registry = [](std::vector<LabelledQuery> qs) {
    for (auto& q : qs) q.category = "via_registry";
    return qs;
  };
  for (auto [snapshots, queries] :
       {std::pair{&ablation.without_nonlatin, &to_latin}, std::pair{&ablation.without_latin, &to_other}}) {
    {
      const EntityChecker ablated = MustBuild(*snapshots);
      auto o = Run(ablated, *queries);
      set.insert(set.end(), queries->begin(), queries->end());
      outcomes.insert(outcomes.end(), o.begin(), o.end());
    }
    const EntityChecker ablated_ror = MustBuild(std::move(*snapshots), d.ror);
    std::vector<LabelledQuery> bridged = with_registry(*queries);
    auto o = Run(ablated_ror, bridged);
    set.insert(set.end(), bridged.begin(), bridged.end());
    outcomes.insert(outcomes.end(), o.begin(), o.end());
  }
  const double eval_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::ofstream tsv(set_path);
  tsv << "category\tquery\tkind\texpected\n";
  for (const auto& q : set)
    tsv << q.category << '\t' << Clean(q.query) << '\t' << q.kind << '\t' << Expected(q) << '\n';
  std::ofstream misses(misses_path);
  misses << "category\tgroup\tkind\tquery\texpected\toutcome_at_0.75\tbest_hit\tbest_score\n";
  for (size_t i = 0; i < set.size(); ++i) {
    Counts c;
    Tally(set[i], outcomes[i], 0.75, c);
    if (c.tp + c.tn == 1 && c.fp == 0) continue;
    const auto& h = outcomes[i].hits;
    misses << set[i].category << '\t' << set[i].group << '\t' << set[i].kind << '\t' << Clean(set[i].query) << '\t'
           << Expected(set[i]) << '\t' << (c.fp ? "FP" : "FN") << '\t'
           << (h.empty() ? "" : h[0].first + " " + Clean(outcomes[i].best_name)) << '\t'
           << (h.empty() ? 0.0 : h[0].second) << '\n';
  }
  // Queries whose outcome changes when the registry is loaded (category prefixed "with_ror:").
  for (size_t i = 0; i < main_count; ++i) {
    Counts a, b;
    Tally(set[i], outcomes[i], 0.75, a);
    Tally(set[i], outcomes_ror[i], 0.75, b);
    if (a.tp == b.tp && a.fp == b.fp && a.tn == b.tn) continue;
    const auto& h = outcomes_ror[i].hits;
    misses << "with_ror:" << set[i].category << '\t' << set[i].group << '\t' << set[i].kind << '\t'
           << Clean(set[i].query) << '\t' << Expected(set[i]) << '\t'
           << (b.tp   ? "TP"
               : b.tn ? "TN"
               : b.fp ? "FP"
                      : "FN")
           << '\t' << (h.empty() ? "" : h[0].first + " " + Clean(outcomes_ror[i].best_name)) << '\t'
           << (h.empty() ? 0.0 : h[0].second) << '\n';
  }

  std::FILE* out = stdout;
  size_t entries = 0, names_count = 0;
  for (const auto& s : d.snapshots) entries += s.entries.size(), names_count += s.report.names;
  std::fprintf(out, "# Entity matching evaluation\n\n");
  std::fprintf(out,
               "Lists: %zu snapshots, %zu entries, %zu names; ROR: %zu records; %zu ROR records linked to a list "
               "entry (score ≥ %.2f); MEXT: %zu universities. %zu labelled queries; generated and run in %.0f s.\n\n",
               d.snapshots.size(), entries, names_count, d.ror.records.size(), links.size(), kLinkThreshold,
               d.mext.size(), set.size(), eval_s);
  std::fprintf(
      out,
      "Excluded as possibly listed: %zu ROR records (name equal to a list name token for token, containing a "
      "listed organisation's whole name, or child of such a record); %zu common person names equal to a listed "
      "person; %zu MEXT universities equal to a list name. Not asked: %zu aliases that are only an alias label "
      "(\"(a.k.a.:\", \"（別称\": importer artefacts).\n\n",
      ror_excluded, person_excluded, mext_excluded, artefacts);
  std::fprintf(
      out,
      "Positive categories: TP = the expected entry is among the hits ≥ t (top 10); FN = it is not; FP = hits ≥ t "
      "but none is the expected entry; hits on an entry of another list that carries the same full name as the "
      "expected one (the same person or organisation listed twice) are ignored. P = TP/(TP+FP), R = TP/(TP+FN). "
      "Negative categories (neg_*): TN = no hit "
      "≥ t, FP = any hit ≥ t; the figure is TN/n (true-negative rate, the 'precision' of a negative set).\n");
  std::fprintf(out,
               "\nKatakana renderings (category katakana, place_reading_ipadic): %zu IPAdic readings of Chinese "
               "cities (pinyin = the city of >= %d ROR records in CN/HK/TW/MO; most frequent reading); used:",
               renderer.places.size(), kMinCityRecords);
  for (const auto& u : renderer.used) std::fprintf(out, " %s", u.c_str());
  std::fprintf(out, "\n");
  const std::pair<const char*, const char*> kSections[] = {
      {"alias", "Alias, acronym, former name → entry (per list)"},
      {"cross_script", "Cross-script (per list)"},
      {"katakana", "Katakana renderings of Chinese organisation names (per list)"},
      {"transformed", "Degraded primary names (per list)"},
      {"neg_registry", "Negatives (a): ROR organisations on no list sharing a word or city with a listed one"},
      {"neg_generic", "Negatives (b): form words and generic queries"},
      {"neg_person", "Negatives (c): common personal names, as persons"},
      {"neg_mext", "Negatives (d): Japanese universities (MEXT) on no list"},
      {"neg_katakana", "Negatives (e): the same katakana renderings of Chinese organisations in ROR on no list"},
      {"via_registry", "With ROR loaded (Check via_registry): the cross-script pairs of the ablated index"},
      {"affiliation", "Affiliation strings of listed organisations (CheckAffiliation, ROR loaded)"},
      {"neg_affiliation", "Negatives (f): affiliation strings of organisations on no list (CheckAffiliation)"}};
  for (const auto& [cat, title] : kSections) {
    std::fprintf(out, "\n### %s\n", title);
    Table(out, cat, set, outcomes, false);
    if (std::string(cat) == "alias" || std::string(cat) == "cross_script" || std::string(cat) == "transformed" ||
        std::string(cat) == "katakana" || std::string(cat) == "via_registry" || std::string(cat) == "affiliation" ||
        std::string(cat) == "neg_affiliation") {
      std::fprintf(out, "\nBy kind:\n");
      Table(out, cat, set, outcomes, true);
    }
  }
  {
    std::vector<LabelledQuery> kana;
    std::vector<Outcome> split;
    for (size_t i : kana_index) kana.push_back(set[i]), split.push_back(outcomes[i]);
    std::fprintf(out,
                 "\n### Katakana queries before / after splitting katakana runs (names::Options::"
                 "split_katakana_runs)\n");
    Compare(out, kana, kana_unsplit, split, kana.size(), "split_katakana_runs = false", "true (now)");
  }
  Resolution(out, set, outcomes);
  std::fprintf(out,
               "\n### `highfence check NAME` without and with the registry (ROR) loaded\n\nThe same queries "
               "against all lists, first without ROR (what `check NAME` did before), then with ROR (what it does "
               "now: CheckOptions::via_registry).\n");
  Compare(out, set, outcomes, outcomes_ror, main_count, "without", "with ROR");
  std::fflush(out);
  if (throughput) Throughput(out, d, set);
  return 0;
}

}  // namespace
}  // namespace highfence::checking

int main(int argc, char** argv) {
  return highfence::checking::Main(argc, argv);
}
