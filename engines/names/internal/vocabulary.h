// SPDX-License-Identifier: Apache-2.0
#pragma once
// Word lists of the names engine: organisation-form words (ja/zh/ko/en and common romanised
// forms), stop words, abbreviations, and the romaji variant fold. Words are weighed down by
// their class, never deleted, so "Co., Ltd." still matches "Co., Ltd." but counts for little.
#include <cstdint>
#include <string>
#include <string_view>

namespace highfence::names::internal {

enum class TokenClass : uint8_t {
  kNormal,   // a distinctive word: a place, a founder, a field
  kGeneric,  // a common but meaningful word: national, engineering, 工业
  kForm,     // an organisation-form word: university, 大学, co., ltd., 株式会社
  kStop,     // of, and, the, de …
};

// Latin token (lower case, punctuation removed, before the romaji fold) → its long form:
// "univ" → "university", "inst" → "institute", "natl" → "national". Unknown tokens unchanged.
std::string_view ExpandAbbreviation(std::string_view token);

// Class of a Latin token after ExpandAbbreviation (and before FoldRomaji).
TokenClass LatinTokenClass(std::string_view token);

// Class of a CJK or Hangul token after OpenCC folding (simplified forms).
TokenClass NativeTokenClass(std::string_view token);

// Organisation-form words in CJK/Hangul (folded forms), longest first; used to split a run
// such as 서울대학교 or 工业大学 into its parts. The span lives for the program.
const std::string_view* NativeFormWords(size_t* count);

// Folds romanisation variants so that Hepburn, Kunrei and long-vowel spellings meet:
// ou/oo/oh → o, uu → u, shi → si, chi → ti, tsu → tu, fu → hu, ji → zi, m before b/p → n.
// Applied to every Latin token on both sides, so it is consistent; shown forms keep the
// unfolded spelling.
std::string FoldRomaji(std::string_view token);

}  // namespace highfence::names::internal
