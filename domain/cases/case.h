// SPDX-License-Identifier: Apache-2.0
#pragma once
// Case: one run of the four-step procedure (手順書: ① リスク確認 ② リスク評価 ③ リスク軽減措置
// ④ フォローアップ) for one shortlisted proposal. Owned by the lead institution's tenant and
// visible to the funding agency of the programme.
//
// `state` is the state name of domain/workflow's case state machine, kept as text here so that
// domain/cases does not depend on domain/workflow (which depends on it); domain/workflow owns
// the list of states and validates this field. The risk level is the keyword screening's
// (domain/rules), evidence for the officers; the screenings themselves are ScreeningRef
// records that name this case.
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/rules/risk_level.h"

namespace highfence::cases {

struct Case {
  std::string id;         // opaque, "case_" + 16 hex
  std::string tenant_id;  // the lead institution
  std::string agency_id;  // the funding agency's tenant
  std::string proposal_id;
  std::string state;                           // domain/workflow's state name, e.g. "opened"
  std::string opened_at;                       // RFC 3339 UTC
  std::string opened_by;                       // user id
  std::optional<rules::RiskLevel> risk_level;  // from the keyword screening, nullopt until screened
  std::vector<std::string> screening_ids;      // attached ScreeningRef ids, oldest first
  bool operator==(const Case&) const = default;
};

// kInvalidArgument naming the field: empty id, tenant, agency, proposal or state; an opened_at
// that is not an RFC 3339 time; an empty or repeated screening id.
Result<void> ValidateCase(const Case& c);

}  // namespace highfence::cases
