// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/jst_trust_table.h"

namespace highfence::rules {

TableCell LookUp(KeywordHit hit, Realisation realisation) {
  const bool realised = realisation == Realisation::kYes;
  std::string rule = "jst_trust." + std::string(KeywordHitId(hit)) + "_" + std::string(RealisationId(realisation));
  switch (hit) {
    case KeywordHit::kYes:
      return {realised ? RiskLevel::kRed : RiskLevel::kYellow, rule};
    case KeywordHit::kPartial:
      return {realised ? RiskLevel::kYellow : RiskLevel::kGreen, rule};
    case KeywordHit::kNo:
      return {RiskLevel::kGreen, rule};
  }
  return {RiskLevel::kGreen, rule};
}

Actions ActionsFor(RiskLevel level) {
  switch (level) {
    case RiskLevel::kRed:
      return {Requirement::kRequired, Requirement::kRequired};
    case RiskLevel::kYellow:
      return {Requirement::kAsNeeded, Requirement::kAsNeeded};
    case RiskLevel::kGreen:
      return {Requirement::kNone, Requirement::kNone};
  }
  return {};
}

}  // namespace highfence::rules
