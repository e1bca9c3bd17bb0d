// SPDX-License-Identifier: Apache-2.0
#pragma once
// Person: a researcher, student or any member of a proposal's team (研究者), with every written
// form of their name and the public identifiers that tell two namesakes apart: e-Rad 研究者番号,
// ORCID iD and researchmap id. Affiliations say where the person works now.
//
//   Person p{.id = "person_…", .tenant_id = "inst_…",
//            .names = {{"青葉 花子", NameScript::kKanji}, {"Hanako Aoba", NameScript::kLatin, NameKind::kRomanised}},
//            .erad_id = "12345678", .orcid = "0000-0002-1825-0097"};
//   if (auto ok = ValidatePerson(p); !ok) Report(ok.error());   // "orcid: check digit …"
//
// Deliberately absent: nationality, ethnicity, place of birth, residence status. A person's
// nationality is never a risk input; item ⑬ 国籍 of the RS questionnaire lives only in
// RestrictedDisclosure (restricted_disclosure.h), readable by the export-control role alone.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/cases/name.h"

namespace highfence::cases {

// Where the person holds a post now (所属). Either an institution (a tenant), an organisation
// record, or only the name as written.
struct Affiliation {
  std::string institution_id;   // a tenant, "" if not one
  std::string organisation_id;  // an Organisation record, "" if none
  std::string name;             // as written, e.g. "東北大学 金属材料研究所"
  std::string department;
  std::string position;    // e.g. "准教授", "Associate Professor"
  std::string since;       // ISO date (YYYY, YYYY-MM or YYYY-MM-DD), "" if unknown
  bool main_post = false;  // 本務: the employer whose effort counts as the main post
  bool operator==(const Affiliation&) const = default;
};

struct Person {
  std::string id;                         // opaque, e.g. "person_" + 16 hex
  std::string tenant_id;                  // the institution that keeps this record
  std::vector<Name> names;                // at least one; names[0] is shown first
  std::string erad_id;                    // e-Rad 研究者番号: 8 digits, "" if none
  std::string orcid;                      // "0000-0002-1825-0097" (bare, hyphenated), "" if none
  std::string researchmap_id;             // the researchmap permalink id, "" if none
  std::vector<Affiliation> affiliations;  // current ones
  bool operator==(const Person&) const = default;
};

// e-Rad 研究者番号: exactly 8 ASCII digits (e-Rad publishes no check digit).
bool IsValidEradId(std::string_view erad_id);
// ORCID iD: 16 characters in four hyphenated groups, the last an ISO 7064 MOD 11-2 check
// character (0–9 or X). A leading "https://orcid.org/" is accepted.
bool IsValidOrcid(std::string_view orcid);

// kInvalidArgument naming the field ("names[1].text", "erad_id", "orcid", "affiliations[0]"):
// empty id or tenant, no name, an empty name, a malformed e-Rad id or ORCID (with the check
// character expected), a researchmap id with spaces or slashes, an affiliation with neither
// id nor name.
Result<void> ValidatePerson(const Person& person);

}  // namespace highfence::cases
