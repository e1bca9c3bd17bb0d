// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/restricted_disclosure.h"

#include <set>

#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

Result<void> ValidateRestrictedDisclosure(const RestrictedDisclosure& r) {
  if (r.id.empty()) return Invalid("id", "empty");
  if (r.person_id.empty()) return Invalid("person_id", "empty");
  if (r.seq < 1) return Invalid("seq", std::to_string(r.seq) + " is not a version number (1, 2, …)");
  if (!internal::IsFullDate(r.as_of)) return Invalid("as_of", Quote(r.as_of) + " is not a date (YYYY-MM-DD)");
  std::set<std::string> seen;
  for (size_t i = 0; i < r.nationalities.size(); ++i) {
    if (!internal::IsCountryCode(r.nationalities[i])) {
      return Invalid(Indexed("nationalities", i), Quote(r.nationalities[i]) + " is not an ISO 3166-1 alpha-2 code");
    }
    if (!seen.insert(r.nationalities[i]).second) {
      return Invalid(Indexed("nationalities", i), Quote(r.nationalities[i]) + " listed twice");
    }
  }
  return Ok();
}

}  // namespace highfence::cases
