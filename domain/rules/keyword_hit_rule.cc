// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/keyword_hit_rule.h"

#include <algorithm>
#include <cstdio>

namespace highfence::rules {
namespace {

std::string Weight(double w) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", w);
  return buf;
}

std::string Describe(const std::vector<const KeywordEvidence*>& ks, size_t limit) {
  std::string out;
  for (size_t i = 0; i < ks.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += ks[i]->term + " (" + (ks[i]->source.empty() ? "" : ks[i]->source + ", ") + Weight(ks[i]->weight) + ", ×" +
           std::to_string(ks[i]->occurrences) + ")";
  }
  if (ks.size() > limit) out += " and " + std::to_string(ks.size() - limit) + " more";
  return out;
}

}  // namespace

RuleOutcome EvaluateKeywordHit(const std::vector<KeywordEvidence>& evidence, const KeywordHitOptions& options) {
  std::vector<const KeywordEvidence*> full, partial, generic;
  for (const auto& e : evidence) {
    if (e.weight >= options.full_weight)
      full.push_back(&e);
    else if (e.weight >= options.partial_weight)
      partial.push_back(&e);
    else
      generic.push_back(&e);
  }
  auto by_weight = [](auto* a, auto* b) {
    return a->weight != b->weight ? a->weight > b->weight : a->occurrences > b->occurrences;
  };
  for (auto* v : {&full, &partial, &generic}) std::sort(v->begin(), v->end(), by_weight);

  RuleOutcome out;
  if (!full.empty()) {
    out.hit = KeywordHit::kYes;
    out.reasons.push_back("keyword_hit.full: " + std::to_string(full.size()) + " specific keyword(s) with weight ≥ " +
                          Weight(options.full_weight) + ": " + Describe(full, 5));
  } else if (!partial.empty()) {
    out.hit = KeywordHit::kPartial;
    out.reasons.push_back("keyword_hit.partial: no keyword with weight ≥ " + Weight(options.full_weight) + "; " +
                          std::to_string(partial.size()) + " of weight ≥ " + Weight(options.partial_weight) + ": " +
                          Describe(partial, 5));
  } else if (static_cast<int>(generic.size()) >= options.generic_count_for_partial) {
    out.hit = KeywordHit::kPartial;
    out.reasons.push_back("keyword_hit.generic_cluster: " + std::to_string(generic.size()) +
                          " distinct generic keywords together (≥ " +
                          std::to_string(options.generic_count_for_partial) + "): " + Describe(generic, 6));
  } else {
    out.hit = KeywordHit::kNo;
    out.reasons.push_back(generic.empty() ? "keyword_hit.none: no keyword of the lists occurs in the text"
                                          : "keyword_hit.none: only " + std::to_string(generic.size()) +
                                                " generic keyword(s), too few to count: " + Describe(generic, 6));
  }
  return out;
}

}  // namespace highfence::rules
