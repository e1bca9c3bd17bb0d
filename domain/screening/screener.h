// SPDX-License-Identifier: Apache-2.0
#pragma once
// Screener: JST-TRUST keyword screening of one proposal (キーワードスクリーニング).
// Document (engines/documents) + readiness answers → ScreeningResult: every keyword hit with
// its area, source document entry, page, original byte range and passage; readiness cues as
// suggestions; and the classification (domain/rules) with its reasons.
//
//   auto screener = Screener::Create(std::move(keyword_list), {});   // Result<Screener>
//   ScreeningResult r = screener->Screen(document, answers);
//
// Build cost: normalising and compiling the lists once (tens of ms for ~1,000 keywords).
// Screen is linear in the document; immutable and thread-safe after Create.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/rules/classifier.h"
#include "domain/rules/readiness_answers.h"
#include "domain/technology/keyword_list.h"
#include "engines/documents/document.h"
#include "engines/text/normalizer.h"
#include "engines/text/passage.h"

namespace highfence::screening {

struct Options {
  // Code points of context kept each side of a hit in its passage. Default: 60.
  int passage_chars = 60;
  // Passages kept per keyword (its first occurrences); later occurrences keep page and offsets
  // only, so a word that occurs 2,000 times does not produce 2,000 passages. 0: all. Default: 5.
  int passages_per_keyword = 5;
  rules::ClassifierOptions classifier;
};

// One occurrence of one keyword in the document.
struct KeywordHit {
  size_t keyword = 0;   // index into Screener::keywords()
  std::string matched;  // the text as it stands in the original
  int page = 1;
  text::Span span;                       // byte range in Document::text
  std::optional<text::Passage> passage;  // for the first Options::passages_per_keyword occurrences
};

struct CueHit {
  size_t cue = 0;  // index into Screener::keywords().cues
  int page = 1;
  text::Span span;
  text::Passage passage;
};

struct AreaSummary {
  int area = 0;
  int hits = 0;      // occurrences
  int keywords = 0;  // distinct keywords
  double max_weight = 0;
};

struct ScreeningResult {
  std::string document;  // name as given
  documents::Format format = documents::Format::kText;
  std::string encoding;
  int pages = 0;
  size_t bytes = 0;
  std::vector<std::string> warnings;  // from ingest
  std::vector<KeywordHit> hits;       // in text order; hits inside a longer, at least as specific hit are dropped
  std::vector<CueHit> cues;
  std::vector<AreaSummary> areas;                // by occurrences, most first
  std::vector<rules::KeywordEvidence> evidence;  // distinct keywords, most specific first
  std::optional<rules::ReadinessAnswers> answers;
  rules::Classification classification;
  std::string keyword_list_version;
};

class Screener {
 public:
  // Fails with kInvalidArgument naming the keyword (file:line) whose term normalises to nothing.
  static Result<Screener> Create(technology::KeywordList list, const Options& options);

  ScreeningResult Screen(const documents::Document& document,
                         const std::optional<rules::ReadinessAnswers>& answers) const;

  const technology::KeywordList& keywords() const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::screening
