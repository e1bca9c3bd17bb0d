// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/classifier.h"

#include <algorithm>

#include "domain/rules/jst_trust_table.h"

namespace highfence::rules {

Classification Classify(const std::vector<KeywordEvidence>& evidence, const std::optional<ReadinessAnswers>& answers,
                        const ClassifierOptions& options) {
  Classification c;
  RuleOutcome hit = EvaluateKeywordHit(evidence, options.keyword_hit);
  c.keyword_hit_screened = c.keyword_hit = hit.hit;
  c.reasons = hit.reasons;
  if (answers && answers->keyword_hit) {
    c.keyword_hit = *answers->keyword_hit;
    c.keyword_hit_overridden = true;
    c.reasons.push_back("keyword_hit.officer: the officer set " + std::string(KeywordHitSymbol(c.keyword_hit)) +
                        " (screening suggested " + std::string(KeywordHitSymbol(hit.hit)) +
                        "): " + answers->keyword_hit_reason);
  }

  RealisationOutcome real = EvaluateRealisation(answers, options.realisation);
  c.realisation = real.realisation;
  c.warnings = real.warnings;

  if (c.keyword_hit == KeywordHit::kNo) {
    // Green whatever the readiness: a proposal outside the listed technologies costs nobody anything,
    // so no answers are asked for.
    TableCell cell = LookUp(KeywordHit::kNo, Realisation::kNo);
    c.level = c.min_level = c.max_level = cell.level;
    c.reasons.push_back("jst_trust.no_any: keyword × → green whatever the readiness; no answers needed");
  } else if (c.realisation) {
    c.reasons.insert(c.reasons.end(), real.reasons.begin(), real.reasons.end());
    TableCell cell = LookUp(c.keyword_hit, *c.realisation);
    c.level = c.min_level = c.max_level = cell.level;
    c.reasons.push_back(cell.rule + ": keyword " + std::string(KeywordHitSymbol(c.keyword_hit)) + " × realisation " +
                        std::string(RealisationSymbol(*c.realisation)) + " → " + std::string(RiskLevelId(cell.level)));
  } else {
    c.reasons.insert(c.reasons.end(), real.reasons.begin(), real.reasons.end());
    c.missing_answers = real.missing;
    RiskLevel a = LookUp(c.keyword_hit, Realisation::kNo).level;
    RiskLevel b = LookUp(c.keyword_hit, Realisation::kYes).level;
    c.min_level = std::min(a, b);
    c.max_level = std::max(a, b);
    c.reasons.push_back("jst_trust.pending: keyword " + std::string(KeywordHitSymbol(c.keyword_hit)) +
                        " with realisation unknown → " + std::string(RiskLevelId(c.min_level)) + " to " +
                        std::string(RiskLevelId(c.max_level)) + " until the readiness answers are given");
  }
  c.actions = ActionsFor(c.level.value_or(c.max_level));
  return c;
}

}  // namespace highfence::rules
