// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/watch_list/watch_list.h"

#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

constexpr std::string_view kListId = "watch_list";

bool ValidDate(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) return false;
  }
  return true;
}

}  // namespace

Result<model::ListSnapshot> ParseWatchList(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv = internal::ReadCsvFile(bytes, name, {"id", "name"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  std::set<std::string> ids;
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    auto reject = [&](std::string why) { internal::Reject(snap.report, name, r.line, std::move(why)); };
    std::string id = h.Get(f, "id");
    std::string primary = h.Get(f, "name");
    if (id.empty()) {
      reject("column \"id\" is empty");
      continue;
    }
    if (primary.empty()) {
      reject("id " + id + ": column \"name\" is empty");
      continue;
    }
    if (!ids.insert(id).second) {
      reject("id " + id + " appears twice");
      continue;
    }
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = id;
    e.source_line = r.line;
    std::string type = h.Get(f, "type");
    if (type.empty() || type == "organisation" || type == "organization") {
      e.type = model::EntityType::kOrganisation;
    } else if (type == "person") {
      e.type = model::EntityType::kPerson;
    } else if (type == "vessel") {
      e.type = model::EntityType::kVessel;
    } else if (type == "other") {
      e.type = model::EntityType::kOther;
    } else {
      reject("id " + id + ": unknown type \"" + type + "\" (organisation, person, vessel or other)");
      continue;
    }
    std::string listed = h.Get(f, "listed_on");
    if (!listed.empty() && !ValidDate(listed)) {
      reject("id " + id + ": listed_on \"" + listed + "\" is not YYYY, YYYY-MM or YYYY-MM-DD");
      continue;
    }
    bool bad_country = false;
    for (const std::string& c : internal::Split(h.Get(f, "country"), "|")) {
      model::Country country = internal::MakeCountry(c);
      if (country.code.empty()) {
        reject("id " + id + ": unknown country \"" + c + "\" (use ISO 3166-1 alpha-2, e.g. CN)");
        bad_country = true;
        break;
      }
      e.countries.push_back(std::move(country));
    }
    if (bad_country) continue;
    internal::AddName(e, primary, model::NameKind::kPrimary);
    e.names.back().language = h.Get(f, "name_lang");
    internal::AddName(e, h.Get(f, "name_ja"), model::NameKind::kTranslation, "ja");
    internal::AddName(e, h.Get(f, "name_zh"), model::NameKind::kTranslation, "zh");
    for (const std::string& a : internal::Split(h.Get(f, "aliases"), "|")) internal::AddAlias(e, a, "");
    e.reason = h.Get(f, "reason");
    e.programme = h.Get(f, "programme");
    e.listed_on = listed;
    e.source_address = h.Get(f, "source");
    e.remarks = h.Get(f, "remarks");
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportWatchList(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseWatchList);
}

}  // namespace highfence::lists
