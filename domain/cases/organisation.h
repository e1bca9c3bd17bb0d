// SPDX-License-Identifier: Apache-2.0
#pragma once
// Organisation: a body that appears in a case without being a tenant — a partner university
// abroad, a funder, a company, a body on a list of entities of concern (組織). Names in every
// script, the ROR id that resolves it in the registry, its country, and the list entries it
// is known to match, each pinned to the list snapshot that holds it.
//
//   Organisation buaa{.id = "org_…", .names = {{"北京航空航天大学", NameScript::kKanji},
//                     {"Beihang University", NameScript::kLatin, NameKind::kRomanised}},
//                     .ror_id = "https://ror.org/00wk2mp56", .country = "CN",
//                     .list_memberships = {{"us_entity_list", "…", "2025-09-29", "sha256:…"}}};
//
// The country is the organisation's, an address fact used to tell 東北大学 (JP) from 东北大学
// (CN); a list membership is evidence for a reviewer, never a decision.
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/cases/name.h"

namespace highfence::cases {

// One entry of one list edition. Field names follow model::ListSnapshot / ListEntry.
struct ListMembership {
  std::string list_id;       // catalog id, e.g. "jp_meti_eul"
  std::string entry_id;      // the list's own id for the entry
  std::string version_date;  // ListSnapshot::version_date of the edition
  std::string content_hash;  // ListSnapshot::content_hash, "sha256:<64 hex>"
  bool operator==(const ListMembership&) const = default;
};

struct Organisation {
  std::string id;           // opaque, e.g. "org_" + 16 hex
  std::string tenant_id;    // the tenant that recorded it
  std::vector<Name> names;  // at least one
  std::string ror_id;       // "" if not in ROR
  std::string country;      // ISO 3166-1 alpha-2 of the organisation, "" if unknown
  std::vector<ListMembership> list_memberships;
  bool operator==(const Organisation&) const = default;
};

// kInvalidArgument naming the field: empty id, no name, a malformed ROR id or country code,
// a list membership without list, entry or snapshot hash.
Result<void> ValidateOrganisation(const Organisation& organisation);

}  // namespace highfence::cases
