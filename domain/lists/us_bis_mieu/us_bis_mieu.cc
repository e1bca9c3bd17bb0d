// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_bis_mieu/us_bis_mieu.h"

#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {
constexpr std::string_view kListId = "us_bis_mieu";
}  // namespace

Result<model::ListSnapshot> ParseUsBisMieu(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv = internal::ReadCsvFile(bytes, name, {"Type", "Name", "Alias", "Country", "Date"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  std::set<std::string> ids;
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string primary = h.Get(f, "Name");
    if (!primary.empty() && !h.Get(f, "End date").empty()) continue;  // delisted
    auto entry = internal::NewSlugEntry(snap, ids, name, r.line, primary, "Name");
    if (!entry) continue;
    model::ListEntry& e = *entry;
    std::string type = h.Get(f, "Type");
    e.type = type == "Person" ? model::EntityType::kPerson : model::EntityType::kOrganisation;
    e.source_line = r.line;
    internal::AddPrimaryWithAcronym(e, primary);
    for (const std::string& a : internal::Split(h.Get(f, "Alias"), ";")) internal::AddAlias(e, a);
    for (const std::string& c : internal::Split(h.Get(f, "Country"), ";"))
      e.countries.push_back(internal::MakeCountry(c));
    e.programme = h.Get(f, "Program");
    e.reason = "Military-intelligence end user (EAR §744.22)";
    e.concerns.push_back({"MIEU", "military-intelligence end user"});
    e.listed_on = h.Get(f, "Date");
    e.source_address = h.Get(f, "Source URL");
    if (e.listed_on > snap.version_date) snap.version_date = e.listed_on;
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUsBisMieu(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUsBisMieu);
}

}  // namespace highfence::lists
