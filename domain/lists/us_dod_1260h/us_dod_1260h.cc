// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_dod_1260h/us_dod_1260h.h"

#include <map>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {
constexpr std::string_view kListId = "us_dod_1260h";

bool IsIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}
}  // namespace

Result<model::ListSnapshot> ParseUsDod1260h(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv = internal::ReadCsvFile(bytes, name, {"Name", "Clean Name", "Alias", "Start date", "End date"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  int ended = 0, merged = 0;
  std::map<std::string, size_t> ids;  // entry_id → index in snap.entries
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string clean = h.Get(f, "Clean Name");
    std::string printed = h.Get(f, "Name");
    if (clean.empty()) clean = printed;
    if (clean.empty()) {
      internal::Reject(snap.report, name, r.line, "columns \"Name\" and \"Clean Name\" are empty");
      continue;
    }
    std::string start = h.Get(f, "Start date"), end = h.Get(f, "End date");
    if ((!start.empty() && !IsIsoDate(start)) || (!end.empty() && !IsIsoDate(end))) {
      internal::Reject(snap.report, name, r.line, "Start date / End date is not YYYY-MM-DD");
      continue;
    }
    if (!end.empty()) {
      ++ended;
      continue;
    }
    std::string id = internal::Slug(clean);
    if (auto it = ids.find(id); it != ids.end()) {
      // Each edition re-lists a company in a new row: merge into the first row's entry.
      model::ListEntry& first = snap.entries[it->second];
      internal::AddAlias(first, clean);
      for (const std::string& a : internal::Split(h.Get(f, "Alias"), ";")) internal::AddAlias(first, a);
      for (const std::string& p : internal::Split(h.Get(f, "Previous Name"), ";")) {
        internal::AddName(first, p, model::NameKind::kFormer, "en");
      }
      if (!start.empty() && (first.listed_on.empty() || start < first.listed_on)) first.listed_on = start;
      if (!start.empty()) first.programme += ", " + start;
      if (start > snap.version_date) snap.version_date = start;
      ++merged;
      continue;
    }
    ids.emplace(id, snap.entries.size());
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = id;
    e.type = model::EntityType::kOrganisation;
    e.source_line = r.line;
    internal::AddName(e, clean, model::NameKind::kPrimary, "en");
    for (const std::string& a : internal::Split(h.Get(f, "Alias"), ";")) internal::AddAlias(e, a);
    for (const std::string& p : internal::Split(h.Get(f, "Previous Name"), ";")) {
      internal::AddName(e, p, model::NameKind::kFormer, "en");
    }
    e.countries.push_back({"CN", "China"});
    e.programme = "NDAA FY2021 Section 1260H; editions " + start;
    e.reason = "Chinese military company operating in the United States";
    e.listed_on = start;
    e.source_address = h.Get(f, "Source Url");
    if (e.source_address.empty()) e.source_address = snap.source_address;
    std::string parent = h.Get(f, "Parent Name"), note = h.Get(f, "Note");
    if (!parent.empty()) e.remarks = "parent: " + parent;
    if (!note.empty()) e.remarks += (e.remarks.empty() ? "" : "; ") + note;
    if (start > snap.version_date) snap.version_date = start;
    snap.entries.push_back(std::move(e));
  }
  if (merged > 0) {
    snap.report.notes.push_back(std::string(name) + ": " + std::to_string(merged) +
                                " rows re-list a company already listed in an earlier edition; merged");
  }
  if (ended > 0) {
    snap.report.notes.push_back(std::string(name) + ": " + std::to_string(ended) +
                                " ended listings (End date set) not imported");
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUsDod1260h(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUsDod1260h);
}

}  // namespace highfence::lists
