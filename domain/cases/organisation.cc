// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/organisation.h"

#include "domain/cases/institution.h"
#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

Result<void> ValidateOrganisation(const Organisation& organisation) {
  if (organisation.id.empty()) return Invalid("id", "empty");
  if (auto names = ValidateNames(organisation.names, "an organisation"); !names) return names.error();
  if (!organisation.ror_id.empty() && !IsValidRorId(organisation.ror_id)) {
    return Invalid("ror_id", Quote(organisation.ror_id) + " is not a ROR id (0 + 6 base-32 + 2 check digits)");
  }
  if (!organisation.country.empty() && !internal::IsCountryCode(organisation.country)) {
    return Invalid("country", Quote(organisation.country) + " is not an ISO 3166-1 alpha-2 code");
  }
  for (size_t i = 0; i < organisation.list_memberships.size(); ++i) {
    const ListMembership& m = organisation.list_memberships[i];
    std::string where = Indexed("list_memberships", i);
    if (m.list_id.empty()) return Invalid(where + ".list_id", "empty");
    if (m.entry_id.empty()) return Invalid(where + ".entry_id", "empty");
    if (m.content_hash.empty()) return Invalid(where + ".content_hash", "empty: name the list snapshot");
  }
  return Ok();
}

}  // namespace highfence::cases
