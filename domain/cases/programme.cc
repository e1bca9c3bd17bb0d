// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/programme.h"

#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;

Result<void> ValidateProgramme(const Programme& programme) {
  if (programme.id.empty()) return Invalid("id", "empty");
  if (programme.agency_id.empty()) return Invalid("agency_id", "empty");
  if (programme.name_ja.empty() && programme.name_en.empty()) return Invalid("name_ja", "no name in either language");
  if (!programme.designated) return Ok();
  if (programme.designation_conditions.size() != kDesignationConditionCount) {
    return Invalid("designation_conditions", "a designated programme records " +
                                                 std::to_string(kDesignationConditionCount) + " conditions, found " +
                                                 std::to_string(programme.designation_conditions.size()));
  }
  for (size_t i = 0; i < programme.designation_conditions.size(); ++i) {
    const DesignationCondition& c = programme.designation_conditions[i];
    std::string where = Indexed("designation_conditions", i);
    if (internal::Trim(c.label).empty()) return Invalid(where + ".label", "empty");
    if (internal::Trim(c.reference).empty()) return Invalid(where + ".reference", "empty: name the document");
  }
  return Ok();
}

}  // namespace highfence::cases
