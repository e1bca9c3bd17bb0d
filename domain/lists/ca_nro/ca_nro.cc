// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/ca_nro/ca_nro.h"

#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {
constexpr std::string_view kListId = "ca_nro";
}  // namespace

Result<model::ListSnapshot> ParseCaNro(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv = internal::ReadCsvFile(bytes, name, {"name", "country", "aliases"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  std::set<std::string> ids;
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string primary = h.Get(f, "name");
    auto entry = internal::NewSlugEntry(snap, ids, name, r.line, primary, "name");
    if (!entry) continue;
    model::ListEntry& e = *entry;
    e.type = model::EntityType::kOrganisation;
    e.source_line = r.line;
    internal::AddPrimaryWithAcronym(e, primary);
    for (const std::string& a : internal::Split(h.Get(f, "aliases"), "|")) internal::AddAlias(e, a);
    std::string country = h.Get(f, "country");
    if (!country.empty()) e.countries.push_back(internal::MakeCountry(country));
    e.programme = "Policy on Sensitive Technology Research and Affiliations of Concern (STRAC)";
    e.reason = "Named Research Organization";
    e.source_address = snap.source_address;
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportCaNro(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseCaNro);
}

}  // namespace highfence::lists
