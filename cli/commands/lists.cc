// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/lists.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/version.h"
#include "domain/lists/catalog.h"
#include "domain/lists/diff.h"
#include "domain/lists/registry_file.h"
#include "domain/lists/snapshot_file.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

struct ListsArgs {
  // import
  std::string list_id;
  std::string file;
  bool all = false;
  std::string from;
  std::string to;
  std::vector<std::string> exclude;
  // show
  std::string entry;
  std::string format = "text";
  std::string dir;
  // diff
  std::string old_file;
  std::string new_file;
};

// The official source files: --from, else $HIGHFENCE_SHARED_DATA_DIR, else ../shared/data
// next to the source tree (set at build).
fs::path SharedDataDir(const ListsArgs& a) {
  if (!a.from.empty()) return a.from;
  if (const char* env = std::getenv("HIGHFENCE_SHARED_DATA_DIR"); env && *env) return env;
  return HF_SHARED_DATA_DIR;
}

// The catalog's default file under `from`, which may be the shared data folder or its lists/
// (or registry/) subfolder.
fs::path DefaultFile(const fs::path& from, const lists::ListInfo& info) {
  fs::path relative = info.default_file;
  fs::path direct = from / relative;
  std::error_code ec;
  if (fs::exists(direct, ec)) return direct;
  fs::path below = relative.lexically_relative(*relative.begin());  // without "lists/" or "registry/"
  if (fs::exists(from / below, ec)) return from / below;
  return direct;
}

std::string NowUtc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

std::string KnownIds() {
  std::string ids;
  for (const auto& c : lists::Catalog()) ids += (ids.empty() ? "" : ", ") + c.info.id;
  return ids;
}

void PrintRejected(const model::ImportReport& report) {
  for (const model::RejectedRow& r : report.rejected_rows) std::cout << "  " << r.Where() << ": " << r.reason << "\n";
}

int ImportRegistry(const lists::CatalogEntry& c, const fs::path& file, const ListsArgs& a) {
  auto reg = c.import_registry(file);
  if (!reg) return Fail(reg.error());
  fs::path target = (a.to.empty() ? DefaultDataDir() / "registry" : fs::path(a.to)) / (c.info.id + ".jsonl.gz");
  if (auto w = lists::WriteRegistry(*reg, target); !w) return Fail(w.error());
  std::error_code ec;
  std::cout << fmt::format("{}: {} records, {} names, {} rejected ({} lines read) → {} ({} bytes)\n", c.info.id,
                           reg->records.size(), reg->report.names, reg->report.rejected, reg->report.rows_read,
                           target.string(), fs::file_size(target, ec));
  PrintRejected(reg->report);
  return kExitOk;
}

// Imports one list; prints its counts and rejected rows. Returns an exit status.
int ImportOne(const lists::CatalogEntry& c, const fs::path& file, const ListsArgs& a) {
  if (c.import_registry) return ImportRegistry(c, file, a);
  auto snapshot = c.import(file);
  if (!snapshot) return Fail(snapshot.error());
  snapshot->publisher = c.info.publisher;
  snapshot->imported_at = NowUtc();
  fs::path target = (a.to.empty() ? DefaultDataDir() / "lists" : fs::path(a.to)) / (c.info.id + ".jsonl");
  if (auto w = lists::WriteSnapshot(*snapshot, target); !w) return Fail(w.error());
  const model::ImportReport& r = snapshot->report;
  std::cout << fmt::format("{}: {} entries, {} names, {} rejected ({} rows read) → {}\n", c.info.id, r.entries, r.names,
                           r.rejected, r.rows_read, target.string());
  PrintRejected(r);
  return kExitOk;
}

int Import(const ListsArgs& a) {
  if (a.all) {
    if (!a.list_id.empty())
      return Fail(MakeError(ErrorCode::kInvalidArgument, "lists import: give --all or a list id, not both"));
    int status = kExitOk;
    for (const auto& c : lists::Catalog()) {
      if (!c.import || c.info.default_file.empty()) continue;  // the registry and the own watch list
      if (std::find(a.exclude.begin(), a.exclude.end(), c.info.id) != a.exclude.end()) continue;
      if (ImportOne(c, DefaultFile(SharedDataDir(a), c.info), a) != kExitOk) status = kExitSomeFailed;
    }
    return status;
  }
  if (a.list_id.empty()) return Fail(MakeError(ErrorCode::kInvalidArgument, "lists import: give a list id or --all"));
  const lists::CatalogEntry* c = lists::FindList(a.list_id);
  if (!c)
    return Fail(MakeError(ErrorCode::kNotFound,
                          "lists import: unknown list id \"" + a.list_id + "\" (known: " + KnownIds() + ")"));
  fs::path file = a.file;
  if (file.empty()) {
    if (c->info.default_file.empty())
      return Fail(MakeError(ErrorCode::kInvalidArgument, "lists import " + a.list_id + ": give the file to import"));
    file = DefaultFile(SharedDataDir(a), c->info);
  }
  return ImportOne(*c, file, a);
}

// ---- show --------------------------------------------------------------------------------

fs::path ListsDir(const ListsArgs& a) {
  return a.dir.empty() ? DefaultDataDir() / "lists" : fs::path(a.dir);
}

// A list id names an installed snapshot; anything that looks like a path is read as one.
fs::path SnapshotPath(const ListsArgs& a, const std::string& id_or_path) {
  if (id_or_path.find('/') != std::string::npos || id_or_path.ends_with(".jsonl")) return id_or_path;
  return ListsDir(a) / (id_or_path + ".jsonl");
}

std::string HashPrefix(const std::string& hash) {
  std::string_view h = hash;
  if (h.starts_with("sha256:")) h.remove_prefix(7);
  return std::string(h.substr(0, 12));
}

ordered_json ParseLine(const Result<std::string>& line) {
  return line ? ordered_json::parse(*line) : ordered_json();
}

int ShowInstalled(const ListsArgs& a) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(ListsDir(a), ec)) {
    if (f.path().extension() == ".jsonl") files.push_back(f.path());
  }
  if (ec) return Fail(MakeError(ErrorCode::kNotFound, ListsDir(a).string() + ": " + ec.message()));
  std::sort(files.begin(), files.end());
  ordered_json out = ordered_json::array();
  if (a.format == "text") std::cout << "list\ttitle\tversion_date\tentries\thash\tlicence\n";
  for (const fs::path& f : files) {
    auto s = lists::ReadSnapshotHeader(f);
    if (!s) return Fail(s.error());
    if (a.format == "json") {
      out.push_back({{"list_id", s->list_id},
                     {"title", s->title},
                     {"version_date", s->version_date},
                     {"entries", s->report.entries},
                     {"content_hash", s->content_hash},
                     {"licence", s->licence},
                     {"file", f.string()}});
    } else {
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", s->list_id, s->title, s->version_date, s->report.entries,
                               HashPrefix(s->content_hash), s->licence);
    }
  }
  if (a.format == "json") std::cout << ordered_json{{"snapshots", out}}.dump(2) << "\n";
  return kExitOk;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

std::string Countries(const model::ListEntry& e) {
  std::vector<std::string> parts;
  for (const auto& c : e.countries) parts.push_back(c.code.empty() ? c.name : c.code);
  return Join(parts, ";");
}

void PrintEntryInFull(const model::ListEntry& e) {
  std::cout << fmt::format("entry_id: {}\ntype: {}\n", e.entry_id, model::EntityTypeName(e.type));
  for (const auto& n : e.names)
    std::cout << fmt::format("name: {} [{}; {}; {}]\n", n.text, model::NameKindName(n.kind),
                             n.language.empty() ? "-" : n.language, n.script.empty() ? "-" : n.script);
  for (const auto& x : e.addresses)
    std::cout << fmt::format("address: {}{}{}\n", x.text, x.city.empty() ? "" : " | city: " + x.city,
                             x.country_code.empty() ? "" : " | " + x.country_code);
  for (const auto& c : e.countries) std::cout << fmt::format("country: {} {}\n", c.code, c.name);
  for (const auto& c : e.concerns) std::cout << fmt::format("concern: {} {}\n", c.code, c.label);
  for (auto [label, value] :
       {std::pair{"reason", &e.reason}, std::pair{"programme", &e.programme}, std::pair{"listed_on", &e.listed_on},
        std::pair{"source_address", &e.source_address}, std::pair{"remarks", &e.remarks}}) {
    if (!value->empty()) std::cout << label << ": " << *value << "\n";
  }
  if (e.source_line) std::cout << "source_line: " << e.source_line << "\n";
}

int ShowList(const ListsArgs& a) {
  fs::path path = SnapshotPath(a, a.list_id);
  auto s = lists::ReadSnapshot(path);
  if (!s) return Fail(s.error());
  if (!a.entry.empty()) {
    const model::ListEntry* e = s->Find(a.entry);
    if (!e)
      return Fail(MakeError(ErrorCode::kNotFound, path.string() + ": no entry \"" + a.entry + "\" in " + s->list_id));
    if (a.format == "json") {
      std::cout << ParseLine(lists::FormatSnapshotEntry(*e)).dump(2) << "\n";
    } else {
      PrintEntryInFull(*e);
    }
    return kExitOk;
  }
  if (a.format == "json") {
    ordered_json entries = ordered_json::array();
    for (const auto& e : s->entries) entries.push_back(ParseLine(lists::FormatSnapshotEntry(e)));
    std::cout << ordered_json{{"header", ParseLine(lists::FormatSnapshotHeader(*s))}, {"entries", entries}}.dump(2)
              << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "list: {}\ntitle: {}\npublisher: {}\nversion_date: {}\ncontent_hash: {}\nlicence: {}\nsource_file: {}\n"
      "source_address: {}\nimported_at: {}\nentries: {}  names: {}  rejected: {}  rows read: {}\n",
      s->list_id, s->title, s->publisher, s->version_date, s->content_hash, s->licence, s->source_file,
      s->source_address, s->imported_at, s->report.entries, s->report.names, s->report.rejected, s->report.rows_read);
  for (const auto& r : s->report.rejected_rows) std::cout << "rejected: " << r.Where() << ": " << r.reason << "\n";
  for (const auto& n : s->report.notes) std::cout << "note: " << n << "\n";
  std::cout << "\nentry_id\ttype\tname\tcountries\tconcerns\tnames\n";
  for (const auto& e : s->entries) {
    std::vector<std::string> concerns;
    for (const auto& c : e.concerns) concerns.push_back(c.code);
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", e.entry_id, model::EntityTypeName(e.type), e.names[0].text,
                             Countries(e), Join(concerns, ";"), e.names.size());
  }
  return kExitOk;
}

int Show(const ListsArgs& a) {
  if (!a.entry.empty() && a.list_id.empty())
    return Fail(MakeError(ErrorCode::kInvalidArgument, "lists show: --entry needs a list id"));
  return a.list_id.empty() ? ShowInstalled(a) : ShowList(a);
}

// ---- diff --------------------------------------------------------------------------------

ordered_json Side(const model::ListSnapshot& s, const std::string& file) {
  return {{"file", file},
          {"list_id", s.list_id},
          {"version_date", s.version_date},
          {"content_hash", s.content_hash},
          {"entries", s.entries.size()}};
}

int DiffCommand(const ListsArgs& a) {
  auto before = lists::ReadSnapshot(a.old_file);
  if (!before) return Fail(before.error());
  auto after = lists::ReadSnapshot(a.new_file);
  if (!after) return Fail(after.error());
  if (before->list_id != after->list_id)
    return Fail(
        MakeError(ErrorCode::kInvalidArgument, fmt::format("lists diff: {} holds list {} but {} holds list {}",
                                                           a.old_file, before->list_id, a.new_file, after->list_id)));
  lists::ListDiff d = lists::Diff(*before, *after);
  if (a.format == "json") {
    ordered_json added = ordered_json::array(), removed = ordered_json::array(), changed = ordered_json::array();
    for (const auto& e : d.added) added.push_back(ParseLine(lists::FormatSnapshotEntry(e)));
    for (const auto& e : d.removed) removed.push_back(ParseLine(lists::FormatSnapshotEntry(e)));
    for (const auto& c : d.changed) {
      changed.push_back({{"entry_id", c.after.entry_id},
                         {"fields", lists::ChangedFields(c.before, c.after)},
                         {"before", ParseLine(lists::FormatSnapshotEntry(c.before))},
                         {"after", ParseLine(lists::FormatSnapshotEntry(c.after))}});
    }
    ordered_json out = {
        {"old", Side(*before, a.old_file)},
        {"new", Side(*after, a.new_file)},
        {"summary", {{"added", d.added.size()}, {"removed", d.removed.size()}, {"changed", d.changed.size()}}},
        {"added", added},
        {"removed", removed},
        {"changed", changed}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{}: {} ({}) → {} ({})\n", before->list_id, before->version_date,
                           HashPrefix(before->content_hash), after->version_date, HashPrefix(after->content_hash));
  std::cout << fmt::format("added {}, removed {}, changed {}\n", d.added.size(), d.removed.size(), d.changed.size());
  for (const auto& e : d.added) std::cout << fmt::format("+ {}\t{}\n", e.entry_id, e.names[0].text);
  for (const auto& e : d.removed) std::cout << fmt::format("- {}\t{}\n", e.entry_id, e.names[0].text);
  for (const auto& c : d.changed) {
    std::vector<std::string> fields = lists::ChangedFields(c.before, c.after);
    std::cout << fmt::format("~ {}\t{}\t{}\n", c.after.entry_id, c.after.names[0].text, Join(fields, ", "));
    ordered_json b = ParseLine(lists::FormatSnapshotEntry(c.before));
    ordered_json n = ParseLine(lists::FormatSnapshotEntry(c.after));
    for (const auto& f : fields) {
      std::cout << fmt::format("    {}: {} → {}\n", f, b.contains(f) ? b[f].dump() : "(none)",
                               n.contains(f) ? n[f].dump() : "(none)");
    }
  }
  return kExitOk;
}

}  // namespace

void AddListsCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<ListsArgs>();
  CLI::App* cmd = app.add_subcommand("lists", "Import, show and compare official lists (snapshot files)");
  cmd->require_subcommand(1);

  CLI::App* imp = cmd->add_subcommand(
      "import", "Import an official list file into a snapshot (data/lists/<id>.jsonl; ror → data/registry/)");
  imp->add_option("list_id", args->list_id, "List id from the catalog (docs/lists.md), or ror");
  imp->add_option("file", args->file, "Official file to read (default: the catalog's file under --from)");
  imp->add_flag("--all", args->all, "Import every catalog list from its default file");
  imp->add_option("--from", args->from, "Official source files (default: ../shared/data)");
  imp->add_option("--to", args->to, "Target directory (default: the data dir's lists/ or registry/)");
  imp->add_option("--exclude", args->exclude, "With --all: skip these list ids");
  imp->callback([args, &status] { status = Import(*args); });

  CLI::App* show = cmd->add_subcommand("show", "Installed snapshots, or one list's header and entries");
  show->add_option("list", args->list_id, "List id (installed snapshot) or a snapshot file path");
  show->add_option("--entry", args->entry, "Show this entry in full");
  show->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  show->add_option("--dir", args->dir, "Snapshot directory (default: the data dir's lists/)");
  show->callback([args, &status] { status = Show(*args); });

  CLI::App* diff = cmd->add_subcommand("diff", "Added, removed and changed entries between two snapshots");
  diff->add_option("old", args->old_file, "Older snapshot file (.jsonl)")->required();
  diff->add_option("new", args->new_file, "Newer snapshot file (.jsonl)")->required();
  diff->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  diff->callback([args, &status] { status = DiffCommand(*args); });
}

}  // namespace highfence::cli
