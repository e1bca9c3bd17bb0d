// SPDX-License-Identifier: Apache-2.0
#pragma once
// Normalizer: text normalisation for matching (正規化), with a map back to the original.
// Original UTF-8 → NormalizedText{text, offset map}. Keyword lists and documents go through
// the same Normalizer, so a hit found in the normalised text can be shown in the original.
//
//   auto n = Normalizer::Create({});                 // Result<Normalizer>
//   NormalizedText t = n->Normalize("量子センシ\nング");  // t.text() == "量子せんしんぐ"
//   Span original = t.ToOriginal({0, t.text().size()});
//
// What it folds: NFKC + case folding (ICU), so full/half width and case; katakana → hiragana;
// long-vowel and dash variants after kana (ー ｰ − ‐ - –) → ー, and a word-final ー dropped
// (センサー ≡ センサ); ・ between kana dropped; line breaks inside a CJK run removed
// (量子センシ⏎ング), a hyphen + line break between Latin letters removed (hyper-⏎sonic), other
// whitespace runs → one space. Invalid UTF-8 becomes U+FFFD; Normalize never fails.
// Cost: linear; ASCII runs take a fast path that does not call ICU. Immutable, thread-safe.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::text {

// A half-open byte range [begin, end).
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

struct Options {
  // Fold katakana to hiragana (センシング ≡ せんしんぐ). Default: true.
  bool fold_kana = true;
  // Drop a long-vowel mark that ends a kana word (レーザー ≡ レーザ, JIS Z 8301 style). Default: true.
  bool drop_final_long_vowel = true;
  // Join words broken across lines (CJK runs; Latin "hyper-\nsonic"). Default: true.
  bool join_broken_lines = true;
};

// Normalised text and a map from its bytes back to the original's bytes.
class NormalizedText {
 public:
  const std::string& text() const { return text_; }
  // The smallest original byte range that produced normalised bytes [n.begin, n.end).
  // REQUIRES: n.begin <= n.end <= text().size().
  Span ToOriginal(Span n) const;

 private:
  friend class Normalizer;
  // Runs of the map: normalised bytes from norm_begin (to the next run's norm_begin) map to
  // original bytes from orig_begin. A "linear" run maps byte-for-byte (same length: ASCII,
  // kanji, katakana → hiragana); otherwise the whole run maps to the whole original range
  // [orig_begin, orig_end). Runs are in order and their original ranges never go back.
  // size_t, not uint32_t: documents over 4 GiB must not wrap; runs are few (one per change
  // of mapping, not one per byte), so the width costs little.
  struct Run {
    size_t norm_begin;
    size_t orig_begin;
    size_t orig_end;
    bool linear;
  };
  std::string text_;
  std::vector<Run> runs_;
  size_t original_size_ = 0;
};

class Normalizer {
 public:
  // Fails with kInternal only if ICU's normalisation data cannot be loaded.
  static Result<Normalizer> Create(const Options& options);

  NormalizedText Normalize(std::string_view utf8) const;
  // The same folding without a map: for keywords and queries.
  std::string NormalizeTerm(std::string_view utf8) const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::text
