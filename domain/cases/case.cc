// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/case.h"

#include <set>

#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

Result<void> ValidateCase(const Case& c) {
  if (c.id.empty()) return Invalid("id", "empty");
  if (c.tenant_id.empty()) return Invalid("tenant_id", "empty");
  if (c.agency_id.empty()) return Invalid("agency_id", "empty");
  if (c.proposal_id.empty()) return Invalid("proposal_id", "empty");
  if (c.state.empty()) return Invalid("state", "empty");
  if (!internal::IsRfc3339(c.opened_at)) return Invalid("opened_at", Quote(c.opened_at) + " is not an RFC 3339 time");
  std::set<std::string> seen;
  for (size_t i = 0; i < c.screening_ids.size(); ++i) {
    if (c.screening_ids[i].empty()) return Invalid(Indexed("screening_ids", i), "empty");
    if (!seen.insert(c.screening_ids[i]).second) {
      return Invalid(Indexed("screening_ids", i), Quote(c.screening_ids[i]) + " attached twice");
    }
  }
  return Ok();
}

}  // namespace highfence::cases
