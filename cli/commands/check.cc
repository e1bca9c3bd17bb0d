// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/check.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/progress.h"
#include "cli/version.h"
#include "domain/checking/entity_checker.h"
#include "domain/lists/registry_file.h"
#include "domain/lists/snapshot_file.h"
#include "engines/tables/csv_reader.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;
using checking::AffiliationResult;
using checking::CheckResult;
using checking::ListHit;
using nlohmann::json;

struct CheckArgs {
  std::string name;
  std::string affiliation;
  std::string csv;
  std::string type;  // org | person | ""
  std::string country;
  double threshold = 0.75;
  size_t max_results = 10;
  std::string format = "text";
  std::string out;
  std::string lists_dir;
  std::string registry;
  bool no_progress = false;
  bool no_registry = false;
  int jobs = 0;
};

// One query of a batch, and what it gave.
struct Query {
  int line = 0;
  std::string name;
  std::string affiliation;
  std::string type;
  std::string country;
  std::optional<CheckResult> result;
  std::optional<AffiliationResult> affiliation_result;
  std::string error;
};

Result<std::vector<model::ListSnapshot>> LoadSnapshots(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return MakeError(ErrorCode::kNotFound, dir.string() + ": list directory not found");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty())
    return MakeError(ErrorCode::kNotFound, dir.string() + ": no list snapshots (*.jsonl); run highfence lists import");
  std::vector<model::ListSnapshot> out;
  for (const auto& f : files) {
    auto s = lists::ReadSnapshot(f);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<checking::EntityChecker> MakeChecker(const CheckArgs& a, bool need_registry) {
  fs::path lists_dir = a.lists_dir.empty() ? DefaultDataDir() / "lists" : fs::path(a.lists_dir);
  auto snapshots = LoadSnapshots(lists_dir);
  if (!snapshots) return snapshots.error();
  std::optional<model::Registry> registry;
  if (need_registry) {
    fs::path file = a.registry.empty() ? DefaultDataDir() / "registry" / "ror.jsonl.gz" : fs::path(a.registry);
    auto r = lists::ReadRegistry(file);
    if (!r) return r.error();
    registry = std::move(*r);
  }
  return checking::EntityChecker::Build(std::move(*snapshots), std::move(registry), {});
}

checking::CheckOptions Options(const CheckArgs& a, const std::string& type, const std::string& country) {
  checking::CheckOptions o;
  if (type == "org" || type == "organisation" || type == "organization") o.kind = names::Kind::kOrganisation;
  if (type == "person") o.kind = names::Kind::kPerson;
  o.country = country;
  o.threshold = a.threshold;
  o.max_results = a.max_results;
  o.via_registry = !a.no_registry;
  return o;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string Concerns(const ListHit& h) {
  std::vector<std::string> parts;
  for (const auto& c : h.concerns) parts.push_back(c.label.empty() ? c.code : c.code + " " + c.label);
  return Join(parts, "; ");
}

json HitJson(const ListHit& h) {
  return {{"list_id", h.list_id},
          {"list_title", h.list_title},
          {"snapshot_version", h.snapshot_version},
          {"snapshot_hash", h.snapshot_hash},
          {"licence", h.licence},
          {"entry_id", h.entry_id},
          {"type", model::EntityTypeName(h.type)},
          {"primary_name", h.primary_name},
          {"countries", h.countries},
          {"concerns", Concerns(h)},
          {"programme", h.programme},
          {"source_address", h.source_address},
          {"via", h.via},
          {"score", h.match.score},
          {"matched_name", h.match.record_name},
          {"record_form", h.match.record_form},
          {"record_transform", names::TransformName(h.match.record_transform)},
          {"query_form", h.match.query_form},
          {"query_transform", names::TransformName(h.match.query_transform)},
          {"parts",
           {{"token_set", h.match.parts.token_set},
            {"jaro_winkler", h.match.parts.jaro_winkler},
            {"levenshtein", h.match.parts.levenshtein},
            {"factor", h.match.parts.factor}}},
          {"against", h.match.against},
          {"explanation", h.match.explanation}};
}

json RegistryJson(const checking::RegistryMatch& r) {
  json parents = json::array();
  for (const auto& [id, name] : r.parents) parents.push_back({{"id", id}, {"name", name}});
  return {{"id", r.id},     {"name", r.name},     {"other_names", r.other_names}, {"country", r.country_code},
          {"city", r.city}, {"parents", parents}, {"score", r.match.score},       {"explanation", r.match.explanation}};
}

json QueryJson(const Query& q) {
  json j{{"line", q.line}, {"name", q.name}, {"type", q.type}, {"country", q.country}};
  if (!q.error.empty()) j["error"] = q.error;
  json hits = json::array();
  if (q.result)
    for (const auto& h : q.result->hits) hits.push_back(HitJson(h));
  if (q.affiliation_result) {
    const auto& a = *q.affiliation_result;
    j["affiliation"] = q.affiliation;
    j["parsed"] = {{"organisation", a.parsed.organisation},
                   {"departments", a.parsed.departments},
                   {"city", a.parsed.city},
                   {"postcode", a.parsed.postcode},
                   {"country", a.parsed.country},
                   {"country_code", a.parsed.country_code}};
    j["resolved"] = a.resolved ? RegistryJson(*a.resolved) : json(nullptr);
    json candidates = json::array();
    for (const auto& c : a.candidates) candidates.push_back(RegistryJson(c));
    j["candidates"] = candidates;
    for (const auto& h : a.hits) hits.push_back(HitJson(h));
  }
  j["hits"] = hits;
  return j;
}

std::string HitText(const ListHit& h) {
  return fmt::format(
      "  {:.2f}  {} [{} {}, {}]\n        entry {}: {} ({}){}\n        matched '{}' ({}) with '{}' ({})\n        "
      "{}\n{}{}",
      h.match.score, h.list_title, h.list_id, h.snapshot_version.empty() ? "undated" : h.snapshot_version,
      h.snapshot_hash.substr(0, 19), h.entry_id, h.primary_name, Join(h.countries, ", "),
      Concerns(h).empty() ? "" : " — " + Concerns(h), h.match.record_name,
      names::TransformName(h.match.record_transform), h.match.query_form, names::TransformName(h.match.query_transform),
      h.match.explanation, h.match.against.empty() ? "" : "        against: " + Join(h.match.against, "; ") + "\n",
      h.via.empty() ? "" : "        via: " + h.via + "\n");
}

std::string QueryText(const Query& q) {
  std::string out;
  if (!q.error.empty()) return fmt::format("{}: error: {}\n", q.name.empty() ? q.affiliation : q.name, q.error);
  if (q.affiliation_result) {
    const auto& a = *q.affiliation_result;
    out += fmt::format("affiliation: {}\n  organisation: {}{}{}{}\n", q.affiliation, a.parsed.organisation,
                       a.parsed.city.empty() ? "" : " · city " + a.parsed.city,
                       a.parsed.postcode.empty() ? "" : " · postcode " + a.parsed.postcode,
                       a.parsed.country_code.empty() ? "" : " · country " + a.parsed.country_code);
    if (a.resolved) {
      out += fmt::format("  registry: {} {} ({}{}) score {:.2f}\n", a.resolved->id, a.resolved->name,
                         a.resolved->country_code, a.resolved->city.empty() ? "" : ", " + a.resolved->city,
                         a.resolved->match.score);
      for (const auto& [id, name] : a.resolved->parents) out += fmt::format("    parent: {} {}\n", id, name);
    } else {
      out += "  registry: no confident match";
      if (!a.candidates.empty()) out += "; closest:";
      out += "\n";
      for (const auto& c : a.candidates)
        out += fmt::format("    {:.2f} {} {} ({})\n", c.match.score, c.id, c.name, c.country_code);
    }
    if (a.hits.empty()) out += "  lists: no entry at or above the threshold\n";
    for (const auto& h : a.hits) out += HitText(h);
    return out;
  }
  out += fmt::format("{}{}\n", q.name, q.type.empty() ? "" : " (" + q.type + ")");
  if (!q.result || q.result->hits.empty())
    out += "  no entry at or above the threshold\n";
  else
    for (const auto& h : q.result->hits) out += HitText(h);
  return out;
}

// RFC 4180 quoting; hand-written because it is four lines and the CSV reader has no writer.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const std::vector<std::string> kColumns{"line",           "query",        "type",       "country",    "result",
                                        "score",          "list_id",      "list_title", "snapshot",   "snapshot_hash",
                                        "entry_id",       "primary_name", "countries",  "concerns",   "matched_name",
                                        "transformation", "via",          "against",    "explanation"};

std::vector<std::vector<std::string>> Rows(const std::vector<Query>& queries) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& q : queries) {
    std::vector<const ListHit*> hits;
    if (q.result)
      for (const auto& h : q.result->hits) hits.push_back(&h);
    if (q.affiliation_result)
      for (const auto& h : q.affiliation_result->hits) hits.push_back(&h);
    const std::string query = q.name.empty() ? q.affiliation : q.name;
    const std::string base_result = !q.error.empty() ? "error: " + q.error : "no match";
    if (hits.empty()) {
      std::vector<std::string> row(kColumns.size());
      row[0] = std::to_string(q.line), row[1] = query, row[2] = q.type, row[3] = q.country, row[4] = base_result;
      rows.push_back(std::move(row));
    }
    for (const ListHit* h : hits) {
      rows.push_back({std::to_string(q.line), query, q.type, q.country, "match", fmt::format("{:.3f}", h->match.score),
                      h->list_id, h->list_title, h->snapshot_version, h->snapshot_hash, h->entry_id, h->primary_name,
                      Join(h->countries, ", "), Concerns(*h), h->match.record_name,
                      std::string(names::TransformName(h->match.record_transform)) + " / " +
                          std::string(names::TransformName(h->match.query_transform)),
                      h->via, Join(h->match.against, "; "), h->match.explanation});
    }
  }
  return rows;
}

Result<void> WriteXlsx(const fs::path& path, const std::vector<Query>& queries) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return MakeError(ErrorCode::kUnavailable, path.string() + ": cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "check");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < kColumns.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), kColumns[c].c_str(), bold);
  auto rows = Rows(queries);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), rows[r][c].c_str(), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size()), static_cast<lxw_col_t>(kColumns.size() - 1));
  if (workbook_close(wb) != LXW_NO_ERROR)
    return MakeError(ErrorCode::kUnavailable, path.string() + ": cannot write workbook");
  return Ok();
}

// Reads the batch: a header row with "name" and/or "affiliation", optional "type" and "country".
Result<std::vector<Query>> ReadBatch(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, file + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  tables::CsvTable t = tables::ReadCsv(ss.str(), {});
  if (!t.problems.empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     file + ":" + std::to_string(t.problems[0].line) + ": " + t.problems[0].reason);
  if (t.records.empty()) return MakeError(ErrorCode::kInvalidArgument, file + ": empty file");
  const auto& header = t.records[0].fields;
  auto col = [&](std::string_view n) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == n) return static_cast<int>(i);
    return -1;
  };
  int name = col("name"), aff = col("affiliation"), type = col("type"), country = col("country");
  if (name < 0 && aff < 0)
    return MakeError(ErrorCode::kInvalidArgument,
                     file + ":1: the header needs a \"name\" or an \"affiliation\" column");
  std::vector<Query> out;
  for (size_t r = 1; r < t.records.size(); ++r) {
    const auto& f = t.records[r].fields;
    auto at = [&](int c) { return c >= 0 && c < static_cast<int>(f.size()) ? f[c] : std::string(); };
    Query q;
    q.line = t.records[r].line, q.name = at(name), q.affiliation = at(aff), q.type = at(type), q.country = at(country);
    if (!q.type.empty() && q.type != "org" && q.type != "person" && q.type != "organisation")
      q.error = file + ":" + std::to_string(q.line) + ": column \"type\" must be org or person, not \"" + q.type + "\"";
    else if (q.name.empty() && q.affiliation.empty())
      q.error = file + ":" + std::to_string(q.line) + ": no name and no affiliation";
    out.push_back(std::move(q));
  }
  return out;
}

int Run(const CheckArgs& a) {
  std::vector<Query> queries;
  if (!a.csv.empty()) {
    auto batch = ReadBatch(a.csv);
    if (!batch) return Fail(batch.error());
    queries = std::move(*batch);
  } else if (!a.affiliation.empty()) {
    Query q;
    q.affiliation = a.affiliation, q.type = a.type, q.country = a.country;
    queries.push_back(std::move(q));
  } else if (!a.name.empty()) {
    Query q;
    q.name = a.name, q.type = a.type, q.country = a.country;
    queries.push_back(std::move(q));
  } else {
    return Fail(MakeError(ErrorCode::kInvalidArgument, "give a NAME, --affiliation TEXT or --csv FILE"));
  }
  // The registry (ROR) is loaded only when a query needs it: an affiliation to resolve, or a
  // name that may be an organisation, which it bridges across scripts (a Chinese or Japanese
  // name of an organisation whose list entry is in English only, through the record that
  // carries both). A batch of people only does not pay for it.
  const bool need_registry = std::any_of(queries.begin(), queries.end(), [&](const Query& q) {
    return q.error.empty() && (!q.affiliation.empty() || (!a.no_registry && q.type != "person"));
  });
  auto checker = MakeChecker(a, need_registry);
  if (!checker) return Fail(checker.error());

  Progress progress(queries.size(), !a.no_progress && queries.size() > 1 && ::isatty(STDERR_FILENO));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < queries.size(); i = next++) {
      Query& q = queries[i];
      if (q.error.empty()) {
        if (!q.affiliation.empty())
          q.affiliation_result = checker->CheckAffiliation(q.affiliation, Options(a, q.type, q.country));
        if (!q.name.empty()) q.result = checker->Check(q.name, Options(a, q.type, q.country));
      }
      progress.Step(q.name.empty() ? q.affiliation : q.name);
    }
  };
  int jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(jobs, static_cast<int>(queries.size())); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  progress.Done();

  std::string text;
  if (a.format == "json") {
    json j{{"tool", "highfence"}, {"tool_version", kVersion}, {"threshold", a.threshold}};
    json snaps = json::array();
    for (const auto& s : checker->snapshots())
      snaps.push_back({{"list_id", s.list_id},
                       {"title", s.title},
                       {"version_date", s.version_date},
                       {"content_hash", s.content_hash},
                       {"licence", s.licence},
                       {"entries", s.entries.size()}});
    j["snapshots"] = snaps;
    json results = json::array();
    for (const auto& q : queries) results.push_back(QueryJson(q));
    j["results"] = results;
    text = j.dump(2) + "\n";
  } else if (a.format == "csv") {
    text = Join(kColumns, ",") + "\n";
    for (const auto& row : Rows(queries)) {
      std::vector<std::string> cells;
      for (const auto& c : row) cells.push_back(CsvField(c));
      text += Join(cells, ",") + "\n";
    }
  } else if (a.format == "xlsx") {
    if (a.out.empty()) return Fail(MakeError(ErrorCode::kInvalidArgument, "--format xlsx needs --out FILE.xlsx"));
    if (auto w = WriteXlsx(a.out, queries); !w) return Fail(w.error());
    std::cout << "wrote " << a.out << " (" << queries.size() << " queries)\n";
  } else {
    for (const auto& q : queries) text += QueryText(q);
  }
  if (a.format == "xlsx") {
    // written above
  } else if (a.out.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return Fail(MakeError(ErrorCode::kUnavailable, a.out + ": cannot write"));
  }
  size_t failed = std::count_if(queries.begin(), queries.end(), [](const Query& q) { return !q.error.empty(); });
  for (const auto& q : queries)
    if (!q.error.empty()) std::cerr << "highfence: " << q.error << "\n";
  return failed ? kExitSomeFailed : kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check a person or organisation against the lists of entities of concern (METI 外国ユーザーリスト, US Entity\n"
      "List, …), across scripts: kanji, kana, hanzi and romaji, aliases and acronyms. Each match names the list,\n"
      "its snapshot (version and hash), the entry, the name that matched, how, and what counted against it.\n"
      "A match is evidence for a person, never a decision. --country only tells which entity is meant.");
  cmd->add_option("name", args->name, "The name to check");
  cmd->add_option("--affiliation", args->affiliation,
                  "A raw affiliation line; resolved through the organisation registry (ROR) and its parents");
  cmd->add_option("--csv", args->csv, "A batch: CSV with a header of name, affiliation, type, country");
  cmd->add_option("--type", args->type, "org or person")->check(CLI::IsMember({"org", "person"}));
  cmd->add_option("--country", args->country, "ISO country code of the entity, to tell homographs apart");
  cmd->add_option("--threshold", args->threshold, "Lowest score reported (default 0.75)")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max", args->max_results, "Most matches per query (default 10)");
  cmd->add_option("--format", args->format, "text (default), json, csv, xlsx")
      ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}));
  cmd->add_option("--out", args->out, "Write to this file");
  cmd->add_option("--lists", args->lists_dir, "Directory of list snapshots (default: the shipped data/lists)");
  cmd->add_option("--registry", args->registry, "Organisation registry file (default: data/registry/ror.jsonl.gz)");
  cmd->add_option("-j,--jobs", args->jobs, "Parallel workers for --csv (default: number of cores)");
  cmd->add_flag("--no-progress", args->no_progress, "No progress bar");
  cmd->add_flag("--no-registry", args->no_registry,
                "Check names without the registry (no cross-script bridge through ROR records); --affiliation "
                "always loads it");
  cmd->callback([args, &status] { status = Run(*args); });
}

}  // namespace highfence::cli
