// SPDX-License-Identifier: Apache-2.0
#include "domain/screening/screener.h"

#include <algorithm>
#include <map>

#include "engines/keywords/keyword_set.h"

namespace highfence::screening {

struct Screener::Rep {
  technology::KeywordList list;
  Options options;
  text::Normalizer normalizer;
  // Keywords and readiness cues in one database, so the text is scanned once: pattern ids
  // below list.keywords.size() are keywords, the rest cues (id - keywords.size()).
  keywords::KeywordSet set;
};

namespace {

template <typename Entry>
Result<std::vector<keywords::Pattern>> Patterns(const std::vector<Entry>& entries, const text::Normalizer& normalizer,
                                                std::string_view what) {
  std::vector<keywords::Pattern> out;
  for (size_t i = 0; i < entries.size(); ++i) {
    auto add = [&](const std::string& term) -> Result<void> {
      std::string n = normalizer.NormalizeTerm(term);
      // Trim the spaces normalisation may leave at the ends ("　量子" → " 量子").
      while (!n.empty() && n.front() == ' ') n.erase(0, 1);
      while (!n.empty() && n.back() == ' ') n.pop_back();
      if (n.empty())
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(what) + " " + entries[i].id + ": \"" + term + "\" is empty after normalisation");
      out.push_back({std::move(n), static_cast<uint32_t>(i)});
      return Ok();
    };
    if (auto r = add(entries[i].term); !r) return r.error();
    for (const auto& v : entries[i].variants)
      if (auto r = add(v); !r) return r.error();
  }
  return out;
}

}  // namespace

Result<Screener> Screener::Create(technology::KeywordList list, const Options& options) {
  auto normalizer = text::Normalizer::Create({});
  if (!normalizer) return normalizer.error();
  auto kw_patterns = Patterns(list.keywords, *normalizer, "keyword");
  if (!kw_patterns) return kw_patterns.error();
  auto cue_patterns = Patterns(list.cues, *normalizer, "readiness cue");
  if (!cue_patterns) return cue_patterns.error();
  const auto cue_base = static_cast<uint32_t>(list.keywords.size());
  for (auto& p : *cue_patterns) kw_patterns->push_back({std::move(p.text), p.id + cue_base});
  auto set = keywords::KeywordSet::Build(*kw_patterns, {});
  if (!set) return set.error().WithContext("building the keyword database");
  Screener s;
  s.rep_ = std::make_shared<const Rep>(Rep{std::move(list), options, std::move(*normalizer), std::move(*set)});
  return s;
}

const technology::KeywordList& Screener::keywords() const {
  return rep_->list;
}

ScreeningResult Screener::Screen(const documents::Document& doc,
                                 const std::optional<rules::ReadinessAnswers>& answers) const {
  const Rep& rep = *rep_;
  ScreeningResult r;
  r.document = doc.name;
  r.format = doc.format;
  r.encoding = doc.encoding;
  r.pages = doc.pages.empty() ? 1 : static_cast<int>(doc.pages.size());
  r.bytes = doc.text.size();
  r.warnings = doc.warnings;
  r.answers = answers;
  r.keyword_list_version = rep.list.version;

  const text::NormalizedText normalized = rep.normalizer.Normalize(doc.text);
  auto locate = [&](size_t b, size_t e, text::Span& span, int& page) {
    span = normalized.ToOriginal({b, e});
    page = doc.PageAt(span.begin);
  };
  auto passage = [&](text::Span span) { return text::MakePassage(doc.text, span, rep.options.passage_chars); };

  // Keyword hits. Hits arrive ordered by begin, longer first; a hit lying inside an earlier,
  // longer hit whose keyword is at least as specific adds nothing ("sensing" in "quantum
  // sensing") and is dropped, so counts and passages are not inflated.
  std::vector<keywords::Hit> raw, cue_hits;
  for (const keywords::Hit& h : rep.set.Scan(normalized.text())) {
    if (h.id < rep.list.keywords.size())
      raw.push_back(h);
    else
      cue_hits.push_back({static_cast<uint32_t>(h.id - rep.list.keywords.size()), h.begin, h.end});
  }
  // Look back over the last few kept hits only: a covering hit starts at or before h and
  // keyword hits rarely nest deeper than a handful.
  constexpr int kLookBack = 16;
  std::vector<keywords::Hit> kept;
  for (const keywords::Hit& h : raw) {
    bool covered = false;
    int steps = 0;
    for (auto it = kept.rbegin(); it != kept.rend() && steps < kLookBack; ++it, ++steps) {
      if (it->begin <= h.begin && h.end <= it->end &&
          (it->id == h.id || rep.list.keywords[it->id].weight >= rep.list.keywords[h.id].weight)) {
        covered = true;
        break;
      }
    }
    if (!covered) kept.push_back(h);
  }
  std::map<size_t, rules::KeywordEvidence> evidence;
  std::map<int, AreaSummary> areas;
  std::map<int, std::map<size_t, bool>> area_keywords;
  for (const keywords::Hit& h : kept) {
    KeywordHit hit;
    hit.keyword = h.id;
    locate(h.begin, h.end, hit.span, hit.page);
    auto& e = evidence[h.id];
    if (rep.options.passages_per_keyword <= 0 || e.occurrences < rep.options.passages_per_keyword) {
      hit.passage = passage(hit.span);
      hit.matched = hit.passage->match;
    } else {
      hit.matched = doc.text.substr(hit.span.begin, hit.span.size());
    }
    const technology::Keyword& k = rep.list.keywords[h.id];
    e.keyword_id = k.id;
    e.term = k.term;
    e.source = technology::SourceEntry(k);
    e.weight = k.weight;
    e.occurrences++;
    for (int a : k.areas) {
      AreaSummary& s = areas[a];
      s.area = a;
      s.hits++;
      s.max_weight = std::max(s.max_weight, k.weight);
      if (!area_keywords[a][h.id]) {
        area_keywords[a][h.id] = true;
        s.keywords++;
      }
    }
    r.hits.push_back(std::move(hit));
  }
  for (auto& [_, e] : evidence) r.evidence.push_back(e);
  std::stable_sort(r.evidence.begin(), r.evidence.end(), [](const auto& a, const auto& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.occurrences > b.occurrences;
  });
  for (auto& [_, s] : areas) r.areas.push_back(s);
  std::stable_sort(r.areas.begin(), r.areas.end(), [](const auto& a, const auto& b) {
    return a.max_weight != b.max_weight ? a.max_weight > b.max_weight : a.hits > b.hits;
  });

  // Readiness cues: suggestions with their passages, one per cue position.
  size_t last_end = 0;
  for (const keywords::Hit& h : cue_hits) {
    if (h.begin < last_end) continue;  // overlapping cue words (試作 inside 試作機) show once
    last_end = h.end;
    CueHit cue;
    cue.cue = h.id;
    locate(h.begin, h.end, cue.span, cue.page);
    cue.passage = passage(cue.span);
    r.cues.push_back(std::move(cue));
  }

  r.classification = rules::Classify(r.evidence, answers, rep.options.classifier);
  return r;
}

}  // namespace highfence::screening
