// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/keywords.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/version.h"
#include "domain/technology/keyword_list.h"
#include "domain/technology/official_import.h"
#include "engines/tables/csv_reader.h"
#include "engines/tables/xlsx_reader.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;
using technology::KeywordList;

struct KeywordsArgs {
  std::string dir;
  int area = 0;
  std::string lang;
  std::string source_doc;
  std::vector<std::string> files;
  std::string to;
  bool force = false;
  // Mapping of an official CSV / XLSX (technology::OfficialImportOptions).
  std::string sheet;
  technology::OfficialImportOptions map;
  std::string source_doc_id = "export_control";
  std::string areas;
};

fs::path Dir(const KeywordsArgs& a) {
  return a.dir.empty() ? DefaultDataDir() / "keywords" : fs::path(a.dir);
}

Result<std::string> ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, p.string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int List(const KeywordsArgs& a) {
  auto list = technology::LoadKeywordDirectory(Dir(a));
  if (!list) return Fail(list.error());
  for (const auto& k : list->keywords) {
    if (a.area && std::find(k.areas.begin(), k.areas.end(), a.area) == k.areas.end()) continue;
    if (!a.lang.empty() && k.lang != a.lang) continue;
    if (!a.source_doc.empty() && technology::SourceDocumentId(k.source_doc) != a.source_doc) continue;
    std::string areas;
    for (int n : k.areas) areas += (areas.empty() ? "" : ";") + std::to_string(n);
    std::cout << fmt::format("{}\t{}\t{}\t{:.2f}\t{}\t{}\t{}\n", k.id, k.lang, k.term, k.weight, areas, k.source_ref,
                             technology::DerivationId(k.derivation));
  }
  return kExitOk;
}

int Stats(const KeywordsArgs& a) {
  auto list = technology::LoadKeywordDirectory(Dir(a));
  if (!list) return Fail(list.error());
  std::cout << fmt::format("keyword lists {} in {}: {} keywords, {} readiness cues\n\n", list->version, Dir(a).string(),
                           list->keywords.size(), list->cues.size());
  std::cout << "file\trows\tas_of\tlicence\n";
  for (const auto& f : list->files)
    std::cout << fmt::format("{}\t{}\t{}\t{}\n", fs::path(f.path).filename().string(), f.rows, f.as_of, f.licence);
  std::map<int, std::pair<int, int>> per_area;
  std::map<std::string, int> per_derivation;
  for (const auto& k : list->keywords) {
    for (int n : k.areas) (k.lang == "ja" ? per_area[n].first : per_area[n].second)++;
    per_derivation[std::string(technology::DerivationId(k.derivation))]++;
  }
  std::cout << "\narea\tja\ten\tname\n";
  for (const auto& area : technology::TechnologyAreas())
    std::cout << fmt::format("{}\t{}\t{}\t{}\n", area.number, per_area[area.number].first, per_area[area.number].second,
                             area.name_ja);
  std::cout << "\nderivation\tkeywords\n";
  for (const auto& [d, n] : per_derivation) std::cout << d << "\t" << n << "\n";
  return kExitOk;
}

// Parses each staged file (name, bytes) on its own, so errors name it, in place of an installed
// file of the same name, together with the installed lists in `dir` (when it exists).
Result<KeywordList> Validate(const std::vector<std::pair<std::string, std::string>>& staged, const fs::path& dir) {
  KeywordList list;
  if (fs::exists(dir)) {
    auto installed = technology::LoadKeywordDirectory(dir);
    if (!installed) return installed.error();
    list = std::move(*installed);
  }
  for (const auto& [name, bytes] : staged) {
    const std::string base = fs::path(name).filename().string();
    std::erase_if(list.keywords, [&](const auto& k) { return fs::path(k.file).filename() == base; });
    std::erase_if(list.files, [&](const auto& kf) { return fs::path(kf.path).filename() == base; });
    auto r = base == "readiness_cues.tsv" ? technology::ParseReadinessCueFile(bytes, name, list)
                                          : technology::ParseKeywordFile(bytes, name, list);
    if (!r) return r.error();
  }
  if (auto r = technology::Finalize(list); !r) return r.error();
  return list;
}

int Check(const KeywordsArgs& a) {
  std::vector<std::pair<std::string, std::string>> staged;
  for (const auto& f : a.files) {
    auto bytes = ReadAll(f);
    if (!bytes) return Fail(bytes.error());
    staged.emplace_back(f, std::move(*bytes));
  }
  auto list = Validate(staged, Dir(a));
  if (!list) return Fail(list.error());
  std::cout << fmt::format("ok: {} keywords, {} cues in {} file(s); version {}\n", list->keywords.size(),
                           list->cues.size(), list->files.size(), list->version);
  return kExitOk;
}

// An official CSV or XLSX → a keyword file in our format (its bytes), via the column mapping.
Result<std::string> ConvertOfficial(const KeywordsArgs& a, const fs::path& file) {
  auto bytes = ReadAll(file);
  if (!bytes) return bytes.error();
  std::vector<technology::TableRow> rows;
  const std::string ext = file.extension().string();
  if (ext == ".xlsx") {
    auto book = tables::ReadXlsx(*bytes, file.string(), {});
    if (!book) return book.error();
    const tables::Sheet* sheet =
        a.sheet.empty() ? (book->sheets.empty() ? nullptr : &book->sheets[0]) : book->Find(a.sheet);
    if (!sheet) return MakeError(ErrorCode::kInvalidArgument, file.string() + ": no sheet \"" + a.sheet + "\"");
    for (const auto& row : sheet->rows) {
      technology::TableRow r{row.number, {}};
      for (const auto& cell : row.cells) {
        if (cell.column >= static_cast<int>(r.fields.size())) r.fields.resize(cell.column + 1);
        r.fields[cell.column] = cell.text;
      }
      rows.push_back(std::move(r));
    }
  } else {
    tables::CsvTable t = tables::ReadCsv(*bytes, {.delimiter = ext == ".tsv" ? '\t' : ','});
    if (!t.problems.empty())
      return MakeError(ErrorCode::kInvalidArgument,
                       file.string() + ":" + std::to_string(t.problems[0].line) + ": " + t.problems[0].reason);
    for (auto& rec : t.records) rows.push_back({rec.line, std::move(rec.fields)});
  }
  technology::OfficialImportOptions o = a.map;
  o.file_name = file.filename().string();
  auto doc = technology::ParseSourceDocument(a.source_doc_id);
  if (!doc)
    return MakeError(ErrorCode::kInvalidArgument, "--source-doc: unknown source document \"" + a.source_doc_id + "\"");
  o.source_doc = *doc;
  for (std::string_view rest = a.areas; !rest.empty();) {
    size_t sep = rest.find_first_of(";,");
    std::string part(rest.substr(0, sep));
    if (!part.empty()) o.default_areas.push_back(std::atoi(part.c_str()));
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
  }
  if (o.id_prefix.empty() || o.id_prefix == "import") {
    o.id_prefix = "import-";
    for (char c : file.stem().string())
      o.id_prefix += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
  }
  auto converted = technology::ConvertOfficialTable(rows, o);
  if (!converted) return converted.error();
  for (const auto& r : converted->rejected) std::cerr << "highfence: rejected " << r << "\n";
  std::cout << fmt::format("{}: {} keyword(s) from {} row(s), {} rejected\n", file.string(), converted->keywords,
                           rows.size() - std::min<size_t>(rows.size(), o.header_row), converted->rejected.size());
  return converted->tsv;
}

// Installs keyword files: files in our format as they are; official CSV / XLSX converted by the
// column mapping. Every file is validated alone and together with the installed lists first,
// then written to a temporary file and renamed, so a bad file never leaves the installed
// lists half-written.
int Import(const KeywordsArgs& a) {
  fs::path to = a.to.empty() ? Dir(a) : fs::path(a.to);
  std::vector<std::pair<std::string, std::string>> staged;  // target file name, bytes
  for (const auto& f : a.files) {
    const bool ours = fs::path(f).extension() == ".tsv" && a.map.term_column.empty();
    std::string ext = fs::path(f).extension().string();
    if (!ours && ext != ".csv" && ext != ".xlsx" && ext != ".tsv")
      return Fail(MakeError(ErrorCode::kUnimplemented,
                            f + ": import takes keyword files in highfence's format (.tsv) or an official table (.csv, "
                                ".xlsx) with --term-column"));
    if (!ours && a.map.term_column.empty())
      return Fail(
          MakeError(ErrorCode::kInvalidArgument,
                    f + ": an official table needs --term-column (and --areas or --areas-column; docs/keywords.md)"));
    Result<std::string> bytes = ours ? ReadAll(f) : ConvertOfficial(a, f);
    if (!bytes) return Fail(bytes.error());
    std::string target = ours ? fs::path(f).filename().string() : fs::path(f).stem().string() + ".tsv";
    if (fs::exists(to / target) && !a.force)
      return Fail(MakeError(ErrorCode::kAlreadyExists, (to / target).string() + ": exists; use --force to replace it"));
    staged.emplace_back(target, std::move(*bytes));
  }
  auto list = Validate(staged, to);
  if (!list) return Fail(list.error());
  std::error_code ec;
  fs::create_directories(to, ec);
  for (const auto& [name, bytes] : staged) {
    fs::path target = to / name;
    fs::path tmp = target;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << bytes;
      if (!out) return Fail(MakeError(ErrorCode::kUnavailable, tmp.string() + ": cannot write"));
    }
    fs::rename(tmp, target, ec);
    if (ec) return Fail(MakeError(ErrorCode::kUnavailable, target.string() + ": cannot install: " + ec.message()));
    std::cout << "installed " << target.string() << "\n";
  }
  std::cout << fmt::format("keyword lists now {} ({} keywords)\n", list->version, list->keywords.size());
  return kExitOk;
}

}  // namespace

void AddKeywordsCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<KeywordsArgs>();
  CLI::App* cmd = app.add_subcommand("keywords", "Inspect, validate and import technology keyword lists");
  cmd->require_subcommand(1);
  cmd->add_option("--dir", args->dir, "Keyword list directory (default: the shipped data/keywords)");
  CLI::App* list = cmd->add_subcommand("list", "Print keywords (id, lang, term, weight, areas, source, derivation)");
  list->add_option("--area", args->area, "Only this area (1–20)")->check(CLI::Range(1, 20));
  list->add_option("--lang", args->lang, "Only ja or en")->check(CLI::IsMember({"ja", "en"}));
  list->add_option("--source-doc", args->source_doc, "Only this source document (export_control, …)");
  list->callback([args, &status] { status = List(*args); });
  CLI::App* stats = cmd->add_subcommand("stats", "Counts per file, per area and language, per derivation");
  stats->callback([args, &status] { status = Stats(*args); });
  CLI::App* check = cmd->add_subcommand("check", "Validate keyword files (each alone, then with the installed lists)");
  check->add_option("files", args->files, "Files to check (default: the installed lists)");
  check->callback([args, &status] { status = Check(*args); });
  CLI::App* imp = cmd->add_subcommand(
      "import",
      "Validate keyword files and install them into the list directory. Files in highfence's format (.tsv,\n"
      "docs/formats/keywords.md) are installed as they are; an official table (.csv / .xlsx, e.g. METI's\n"
      "マトリクス表 or the 特許出願非公開 特定技術分野 list) is converted with the column mapping below.");
  imp->add_option("files", args->files, "Keyword files or official tables")->required();
  imp->add_option("--to", args->to, "Target directory (default: the list directory)");
  imp->add_flag("--force", args->force, "Replace an installed file of the same name");
  imp->add_option("--term-column", args->map.term_column,
                  "Official table: column with the keyword (name or 1-based number)");
  imp->add_option("--ref-column", args->map.ref_column, "Official table: column with the entry number (項番)");
  imp->add_option("--ref-prefix", args->map.ref_prefix,
                  "Put before the entry number in source_ref, e.g. \"マトリクス表 \"");
  imp->add_option("--areas", args->areas, "Official table: 重要技術領域 numbers for every row, e.g. \"10;16\"");
  imp->add_option("--areas-column", args->map.areas_column, "Official table: column with area numbers");
  imp->add_option("--source-doc", args->source_doc_id,
                  "Official table: export_control, patent_secrecy, … (default export_control)");
  imp->add_option("--lang", args->map.lang, "Official table: ja (default) or en");
  imp->add_option("--weight", args->map.weight, "Official table: specificity 0.05–1.0 (default 0.7)");
  imp->add_option("--split", args->map.split,
                  "Official table: separators that split a cell into keywords (repeatable)");
  imp->add_option("--sheet", args->sheet, "Official XLSX: sheet name (default: the first)");
  imp->add_option("--header-row", args->map.header_row, "Official table: row holding the column names (default 1)");
  imp->add_option("--name", args->map.name, "Official table: name of the list for the file header");
  imp->add_option("--as-of", args->map.as_of, "Official table: version date of the official file");
  imp->add_option("--licence", args->map.licence, "Official table: licence or terms of the official file");
  imp->add_option("--source", args->map.source, "Official table: where the official file came from (URL)");
  imp->callback([args, &status] { status = Import(*args); });
}

}  // namespace highfence::cli
