// SPDX-License-Identifier: Apache-2.0
#pragma once
// RestrictedDisclosure: items ⑫ 非居住者・特定類型 and ⑬ 国籍 of the RS questionnaire, and
// nothing else (制限付き開示項目). They serve export control alone — whether sharing a
// controlled technology with this person is a deemed export (みなし輸出) — and are never a
// research-security risk input: a person's nationality is not a risk. So they are kept apart
// by construction:
//   - a separate type and table (decision 0003: restricted_disclosures), never a field of
//     Disclosure, Person or EvaluationInputs;
//   - only storage/, server/, cli/ and this header's own files may include it
//     (tests/architecture_test.sh); domain/rules, domain/workflow, domain/screening,
//     domain/checking and engines/ cannot;
//   - only the export-control role reads it, and every read is audited (storage/, server/).
// seq is that of the Disclosure version the answers were collected with.
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/cases/certification.h"

namespace highfence::cases {

// ⑫ 非居住者・特定類型. nullopt: not answered.
struct NonResidentStatus {
  std::optional<bool> non_resident;        // 非居住者 (as defined for export control)
  std::optional<bool> specified_category;  // 特定類型に該当
  std::string category;                    // which category, as the export-control officer records it
  std::string note;
  bool operator==(const NonResidentStatus&) const = default;
};

struct RestrictedDisclosure {
  std::string id;  // opaque, e.g. "rdisc_" + 16 hex
  std::string tenant_id;
  std::string person_id;
  int seq = 0;
  std::string as_of;  // YYYY-MM-DD
  Certification certification;
  NonResidentStatus non_resident_status;   // ⑫
  std::vector<std::string> nationalities;  // ⑬ 国籍: ISO 3166-1 alpha-2 codes
  bool operator==(const RestrictedDisclosure&) const = default;
};

// kInvalidArgument naming the field: empty id or person, seq < 1, as_of not a date, a
// nationality that is not an alpha-2 code or is listed twice.
Result<void> ValidateRestrictedDisclosure(const RestrictedDisclosure& restricted);

}  // namespace highfence::cases
