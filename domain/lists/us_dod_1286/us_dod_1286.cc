// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_dod_1286/us_dod_1286.h"

#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {
constexpr std::string_view kListId = "us_dod_1286";
}  // namespace

Result<model::ListSnapshot> ParseUsDod1286(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv =
      internal::ReadCsvFile(bytes, name, {"name", "aliases", "report-date", "country", "source_url"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  std::string newest;
  for (const auto& r : csv->rows) newest = std::max(newest, h.Get(r.fields, "report-date"));
  snap.version_date = newest;
  int older = 0;
  std::set<std::string> ids;
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string edition = h.Get(f, "report-date");
    if (edition.size() != 4 || edition.find_first_not_of("0123456789") != std::string::npos) {
      internal::Reject(snap.report, name, r.line, "report-date \"" + edition + "\" is not a year");
      continue;
    }
    if (edition != newest) {
      ++older;
      continue;
    }
    std::string primary = h.Get(f, "name");
    auto entry = internal::NewSlugEntry(snap, ids, name, r.line, primary, "name", " in edition " + edition);
    if (!entry) continue;
    model::ListEntry& e = *entry;
    e.source_line = r.line;
    internal::AddPrimaryWithAcronym(e, primary);
    for (const std::string& a : internal::Split(h.Get(f, "aliases"), ";")) internal::AddAlias(e, a);
    std::string country = h.Get(f, "country");
    if (!country.empty()) e.countries.push_back(internal::MakeCountry(country));
    // FY25 Table 2 (talent programmes) rows carry no country.
    e.type = country.empty() ? model::EntityType::kOther : model::EntityType::kOrganisation;
    e.programme = "Section 1286 list, report " + edition;
    e.reason = h.Get(f, "reason");
    if (e.reason.empty()) e.reason = h.Get(f, "program");
    e.listed_on = h.Get(f, "start-date").empty() ? edition : h.Get(f, "start-date");
    e.source_address = h.Get(f, "source_url");
    e.remarks = h.Get(f, "notes");
    snap.entries.push_back(std::move(e));
  }
  if (older > 0) {
    snap.report.notes.push_back(std::string(name) + ": " + std::to_string(older) +
                                " rows of earlier editions not imported (newest report-date " + newest + ")");
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUsDod1286(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUsDod1286);
}

}  // namespace highfence::lists
