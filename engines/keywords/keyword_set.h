// SPDX-License-Identifier: Apache-2.0
#pragma once
// KeywordSet: multi-pattern literal scanning for keyword screening (キーワードスクリーニング).
// Normalised text (engines/text) → Hits {pattern id, byte range}. Build once from the
// normalised patterns, then Scan() any number of texts. Vocabulary-free: what a pattern means
// (area, source document, weight) is the caller's business, keyed by Pattern::id.
//
//   auto set = KeywordSet::Build(patterns, {});      // Result<KeywordSet>
//   for (const Hit& h : set->Scan(normalised)) Use(h.id, h.begin, h.end);
//
// Matching is exact on bytes (callers normalise case, width and kana first). A pattern whose
// first (last) character is a Latin letter or digit only matches where the text has no Latin
// letter or digit just before (after) it, so "ion" never hits inside "nation"; an English
// plural "s" / "es" after the pattern is allowed. CJK patterns match anywhere.
// Cost: Hyperscan literal database; Scan is linear in the text (hundreds of MB/s).
// Immutable after Build; Scan is thread-safe (scratch space is pooled per call).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::keywords {

struct Pattern {
  std::string text;  // already normalised; must not be empty
  uint32_t id = 0;   // the caller's id; several patterns may share one
};

struct Hit {
  uint32_t id = 0;
  size_t begin = 0;  // byte range in the scanned text
  size_t end = 0;
};

struct Options {
  // Enforce Latin word boundaries at pattern ends that are Latin letters or digits. Default: true.
  bool latin_word_boundaries = true;
  // Accept an English plural suffix ("s", "es") before the closing boundary. Default: true.
  bool allow_plural_suffix = true;
};

// Copies are cheap and share the compiled database.
class KeywordSet {
 public:
  // Fails with kInvalidArgument naming the first empty pattern's id, or kInternal with
  // Hyperscan's message if the database cannot be compiled.
  static Result<KeywordSet> Build(std::span<const Pattern> patterns, const Options& options);

  // Every occurrence of every pattern, ordered by begin then by longer first.
  std::vector<Hit> Scan(std::string_view text) const;

  size_t pattern_count() const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::keywords
