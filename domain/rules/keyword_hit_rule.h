// SPDX-License-Identifier: Apache-2.0
#pragma once
// KeywordHitRule: question 1 of the JST-TRUST table from the keyword hits (キーワード該当性).
// Evidence (distinct keywords found, with their specificity) → ○ / △ / × and the reasons.
// The screening only suggests this answer; the officer may override it (ReadinessAnswers).
#include <string>
#include <vector>

#include "domain/rules/risk_level.h"

namespace highfence::rules {

struct KeywordEvidence {
  std::string keyword_id;
  std::string term;
  double weight = 0;    // specificity 0.05–1.0
  int occurrences = 0;  // in the proposal
  std::string source;   // the list entry it comes from, e.g. "① 別表第一 四(三)"
};

struct KeywordHitOptions {
  // A keyword at least this specific is a full hit (○). Default: 0.7.
  double full_weight = 0.7;
  // A keyword at least this specific is a partial hit (△). Default: 0.35.
  double partial_weight = 0.35;
  // This many distinct generic keywords (below partial_weight) together make a partial hit. Default: 4.
  int generic_count_for_partial = 4;
};

struct RuleOutcome {
  KeywordHit hit = KeywordHit::kNo;
  std::vector<std::string> reasons;  // each names the rule and the keywords behind it
};

RuleOutcome EvaluateKeywordHit(const std::vector<KeywordEvidence>& evidence, const KeywordHitOptions& options);

}  // namespace highfence::rules
