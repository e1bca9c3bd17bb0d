// SPDX-License-Identifier: Apache-2.0
#pragma once
// Classifier: the JST-TRUST classification of one proposal (リスク区分の判定).
// Keyword evidence + the officer's readiness answers → Classification {level or range,
// actions, reasons}. Every reason names its rule (keyword_hit.*, realisation.*, jst_trust.*),
// so the result is explained, never a black-box score. A flag is evidence for a person, not a
// decision. Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "domain/rules/keyword_hit_rule.h"
#include "domain/rules/readiness_answers.h"
#include "domain/rules/realisation_rule.h"
#include "domain/rules/risk_level.h"

namespace highfence::rules {

struct ClassifierOptions {
  KeywordHitOptions keyword_hit;
  RealisationOptions realisation;
};

struct Classification {
  KeywordHit keyword_hit_screened = KeywordHit::kNo;  // what the text suggests
  KeywordHit keyword_hit = KeywordHit::kNo;           // what counts (the officer's override, if any)
  bool keyword_hit_overridden = false;
  std::optional<Realisation> realisation;  // nullopt: answers missing
  // The level when determined; otherwise nullopt and [min_level, max_level] is the range.
  std::optional<RiskLevel> level;
  RiskLevel min_level = RiskLevel::kGreen;
  RiskLevel max_level = RiskLevel::kGreen;
  Actions actions;                   // for level, or for max_level while undetermined
  std::vector<std::string> reasons;  // rule-named, in the order they were applied
  std::vector<std::string> missing_answers;
  std::vector<std::string> warnings;
};

Classification Classify(const std::vector<KeywordEvidence>& evidence, const std::optional<ReadinessAnswers>& answers,
                        const ClassifierOptions& options);

}  // namespace highfence::rules
