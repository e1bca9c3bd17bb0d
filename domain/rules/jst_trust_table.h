// SPDX-License-Identifier: Apache-2.0
#pragma once
// JstTrustTable: the JST-TRUST classification table (リスク区分表) as explicit rules.
// (keyword hit ○/△/×) × (realisation within the period ○/×) → red / yellow / green, and the
// actions each level requires. This file is the one place the table lives:
//
//               realisation ○    realisation ×
//   keyword ○   red              yellow
//   keyword △   yellow           green
//   keyword ×   green            green
//
//   red:    RS questionnaire required,  publication management required
//   yellow: RS questionnaire as needed, publication management as needed
//   green:  RS questionnaire none,      publication management none
// Source: our reading of JST's research-security screening (JST-TRUST) description; the
// reasoning is in docs/decisions/0002-jst-trust-table.md.
#include <string>

#include "domain/rules/risk_level.h"

namespace highfence::rules {

struct TableCell {
  RiskLevel level;
  std::string rule;  // e.g. "jst_trust.yes_yes"
};

TableCell LookUp(KeywordHit hit, Realisation realisation);
Actions ActionsFor(RiskLevel level);

}  // namespace highfence::rules
