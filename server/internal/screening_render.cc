// SPDX-License-Identifier: Apache-2.0
#include "server/internal/screening_render.h"

#include "domain/rules/risk_level.h"

namespace highfence::server::handlers {

using nlohmann::json;

cases::KeywordScreening KeywordScreeningOf(const screening::ScreeningResult& r) {
  cases::KeywordScreening k;
  k.document = r.document;
  k.keyword_list_version = r.keyword_list_version;
  k.keyword_hit = r.classification.keyword_hit;
  k.level = r.classification.level;
  k.min_level = r.classification.min_level;
  k.max_level = r.classification.max_level;
  k.reasons = r.classification.reasons;
  for (const rules::KeywordEvidence& e : r.evidence) k.keywords.push_back(e.term);
  return k;
}

json ScreeningJson(const screening::ScreeningResult& r, const technology::KeywordList& keywords) {
  const rules::Classification& c = r.classification;
  json classification = {{"keyword_hit", rules::KeywordHitId(c.keyword_hit)},
                         {"level", c.level ? json(rules::RiskLevelId(*c.level)) : json(nullptr)},
                         {"min_level", rules::RiskLevelId(c.min_level)},
                         {"max_level", rules::RiskLevelId(c.max_level)},
                         {"reasons", c.reasons},
                         {"missing_answers", c.missing_answers},
                         {"warnings", c.warnings}};
  json evidence = json::array();
  for (const rules::KeywordEvidence& e : r.evidence)
    evidence.push_back({{"keyword_id", e.keyword_id},
                        {"term", e.term},
                        {"weight", e.weight},
                        {"occurrences", e.occurrences},
                        {"source", e.source}});
  json hits = json::array();
  for (size_t i = 0; i < r.hits.size() && i < kMaxHitsShown; ++i) {
    const screening::KeywordHit& h = r.hits[i];
    json hit = {{"keyword_id", keywords.keywords[h.keyword].id},
                {"term", keywords.keywords[h.keyword].term},
                {"matched", h.matched},
                {"page", h.page},
                {"begin", h.span.begin},
                {"end", h.span.end}};
    if (h.passage)
      hit["passage"] = {{"before", h.passage->before}, {"match", h.passage->match}, {"after", h.passage->after}};
    hits.push_back(std::move(hit));
  }
  json areas = json::array();
  for (const screening::AreaSummary& a : r.areas)
    areas.push_back({{"area", a.area}, {"hits", a.hits}, {"keywords", a.keywords}, {"max_weight", a.max_weight}});
  return {{"document", r.document},
          {"format", documents::FormatName(r.format)},
          {"encoding", r.encoding},
          {"pages", r.pages},
          {"bytes", r.bytes},
          {"warnings", r.warnings},
          {"keyword_list_version", r.keyword_list_version},
          {"classification", classification},
          {"evidence", evidence},
          {"areas", areas},
          {"hit_count", r.hits.size()},
          {"hits", hits}};
}

}  // namespace highfence::server::handlers
