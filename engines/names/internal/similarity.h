// SPDX-License-Identifier: Apache-2.0
#pragma once
// String and token-set similarity of the names engine, on code points so that CJK compares
// character by character. All functions are pure and thread-safe.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engines/names/internal/vocabulary.h"

namespace highfence::names::internal {

// UTF-8 → code points (invalid bytes become U+FFFD), appended to out after clearing it.
void DecodeUtf8(std::string_view utf8, std::u32string* out);

// Jaro-Winkler similarity in [0,1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::u32string_view a, std::u32string_view b);
double JaroWinkler(std::string_view a, std::string_view b);  // bytes: for ASCII

// Levenshtein distance. Bit-parallel (Myers 1999, Hyyrö's edit-distance form) when the
// shorter string has ≤ 64 code points, else the two-row dynamic programme.
size_t Levenshtein(std::u32string_view a, std::u32string_view b);

// 1 − distance / longer length; 1 for two empty strings.
double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b);

struct WeightedToken {
  std::string_view text;  // match form
  uint32_t id = 0;        // interned id; kNoId when the token is not in the index
  float weight = 1.0f;
  TokenClass cls = TokenClass::kNormal;
};
inline constexpr uint32_t kNoId = 0xffffffffu;

struct TokenSetResult {
  double score = 0;                           // weighted Jaccard over soft token matches
  std::vector<std::string_view> query_only;   // informative query tokens left unmatched
  std::vector<std::string_view> record_only;  // informative record tokens left unmatched
};

// Weighted token-set similarity, order ignored. Tokens pair exactly, then by joining (a
// query token equal to two record tokens run together, either order, or the reverse:
// "yamadataro" ~ "taro yamada"), then fuzzily (Jaro-Winkler ≥ 0.9 on tokens of ≥ 4 code
// points, counted at that similarity). score = M / (Wq + Wr − M), M the matched weight.
// collect: fill query_only / record_only (only needed to explain a match).
// ascii: the caller knows every token is ASCII (Latin keys), which skips the checks.
// fuzzy: false keeps to exact pairs and joins (two machine transliterations of characters:
// a different token there means different characters, not a typing slip).
TokenSetResult TokenSet(std::span<const WeightedToken> query, std::span<const WeightedToken> record,
                        bool collect = true, bool ascii = false, bool fuzzy = true);

}  // namespace highfence::names::internal
