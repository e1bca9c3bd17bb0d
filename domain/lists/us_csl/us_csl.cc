// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_csl/us_csl.h"

#include <map>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

constexpr std::string_view kListId = "us_csl";

// "Entity List (EL) - Bureau of Industry and Security" → "EL".
std::string Abbrev(std::string_view source) {
  size_t open = source.find('(');
  size_t close = source.find(')', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return internal::Slug(source);
  return std::string(source.substr(open + 1, close - open - 1));
}

}  // namespace

Result<model::ListSnapshot> ParseUsCsl(std::string_view bytes, std::string_view name) {
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  auto csv = internal::ReadCsvFile(bytes, name, {"source", "name", "addresses", "alt_names"}, snap.report);
  if (!csv) return csv.error();
  const internal::Header& h = csv->header;
  std::map<std::string, int> used;
  for (const auto& r : csv->rows) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string primary = h.Get(f, "name");
    std::string source = h.Get(f, "source");
    if (primary.empty() || source.empty()) {
      internal::Reject(snap.report, name, r.line, "column \"name\" or \"source\" is empty");
      continue;
    }
    std::string abbrev = Abbrev(source);
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = h.Get(f, "_id");
    if (e.entry_id.empty()) {
      std::string number = h.Get(f, "entity_number");
      e.entry_id = abbrev + "-" + (number.empty() ? internal::Slug(primary) : number);
      int n = ++used[e.entry_id];
      if (n > 1) e.entry_id += "-" + std::to_string(n);
    } else if (++used[e.entry_id] > 1) {
      internal::Reject(snap.report, name, r.line, "_id " + e.entry_id + " appears twice");
      continue;
    }
    std::string type = h.Get(f, "type");
    e.type = type == "Individual" ? model::EntityType::kPerson
             : type == "Entity"   ? model::EntityType::kOrganisation
             : type == "Vessel"   ? model::EntityType::kVessel
                                  : model::EntityType::kOther;
    e.source_line = r.line;
    internal::AddPrimaryWithAcronym(e, primary);
    for (std::string alt : internal::Split(h.Get(f, "alt_names"), ";")) {
      if (internal::StartsWith(alt, "and ")) alt = alt.substr(4);
      internal::AddAlias(e, alt);
    }
    for (const std::string& a : internal::Split(h.Get(f, "addresses"), ";")) {
      std::string text = internal::StartsWith(a, "and ") ? a.substr(4) : a;
      std::vector<std::string> parts = internal::Split(text, ",");
      model::Address addr{text, "", ""};
      if (!parts.empty()) addr.country_code = internal::CountryCode(parts.back());
      e.addresses.push_back(std::move(addr));
    }
    for (std::string_view column : {"nationalities", "citizenships"}) {
      for (const std::string& c : internal::Split(h.Get(f, column), ";")) {
        model::Country country = internal::MakeCountry(c);
        bool have = false;
        for (const model::Country& k : e.countries) have = have || k == country;
        if (!have) e.countries.push_back(std::move(country));
      }
    }
    for (const model::Address& a : e.addresses) {
      bool have = a.country_code.empty();
      for (const model::Country& k : e.countries) have = have || k.code == a.country_code;
      if (!have) e.countries.push_back({a.country_code, a.country_code});
    }
    std::string programs = h.Get(f, "programs");
    e.programme = programs.empty() ? abbrev : abbrev + ": " + programs;
    e.reason = source;
    std::string fr = h.Get(f, "federal_register_notice");
    if (!fr.empty()) e.reason += " (" + fr + ")";
    e.listed_on = h.Get(f, "start_date");
    e.source_address = h.Get(f, "source_information_url");
    if (e.source_address.empty()) e.source_address = h.Get(f, "source_list_url");
    e.remarks = h.Get(f, "remarks");
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUsCsl(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUsCsl);
}

}  // namespace highfence::lists
