// SPDX-License-Identifier: Apache-2.0
#pragma once
// RealisationRule: question 2 of the JST-TRUST table (研究期間内の社会実装), from the officer's
// readiness answers only. Text cues never decide it. Without enough answers the outcome is
// unknown and names the answers that are missing.
#include <optional>
#include <string>
#include <vector>

#include "domain/rules/readiness_answers.h"
#include "domain/rules/risk_level.h"

namespace highfence::rules {

struct RealisationOptions {
  // TRL at the end of the period from which a system-level project counts as reaching social
  // implementation (TRL 7: system prototype demonstrated in an operational environment). Default: 7.
  int implementation_trl = 7;
};

struct RealisationOutcome {
  std::optional<Realisation> realisation;  // nullopt: not enough answers
  std::vector<std::string> reasons;
  std::vector<std::string> missing;   // answer keys still needed
  std::vector<std::string> warnings;  // answers that contradict each other
};

// Rules, in order (each reason names the rule):
//  realisation.element_only: scope = element → ×, whatever the scenario (an element technology
//    alone is not socially implemented).
//  realisation.scenario: scope = system and implementation_within_period given → that answer.
//  realisation.trl: scope = system, no scenario answer, trl_end given → ○ iff trl_end ≥ implementation_trl.
// A scenario of "yes" with trl_end below implementation_trl - 2 is kept but warned about.
RealisationOutcome EvaluateRealisation(const std::optional<ReadinessAnswers>& answers,
                                       const RealisationOptions& options);

}  // namespace highfence::rules
