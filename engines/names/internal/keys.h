// SPDX-License-Identifier: Apache-2.0
#pragma once
// Key generation behind NameNormalizer: like NameKey, but with tokens and their classes,
// which the index needs for weights and for saying what counted against a match.
#include <string>
#include <string_view>
#include <vector>

#include "engines/names/internal/vocabulary.h"
#include "engines/names/name_normalizer.h"

namespace highfence::names::internal {

// Which keys compare with which: Latin with Latin, CJK/Hangul with CJK/Hangul, acronyms with
// acronyms, and the Japanese readings of Chinese records (kReading, Latin text) only with
// the Latin readings of queries written in kana, so that they neither take candidate slots
// from nor add Japanese homophones to any other query (甲南 konan = 湖南 konan).
enum class Space : uint8_t { kLatin, kNative, kAcronym, kReading };
inline constexpr int kSpaceCount = 4;

struct Token {
  std::string text;     // match form (romaji-folded for Latin)
  std::string display;  // before the fold
  TokenClass cls = TokenClass::kNormal;
};

struct Key {
  std::vector<Token> tokens;
  Transform transform = Transform::kAsWritten;
  Script script = Script::kLatin;
  Space space = Space::kLatin;

  std::string Text() const;     // tokens' text joined by ' '
  std::string Display() const;  // tokens' display joined by ' '
};

// Keys of one name, the written form first; see name_normalizer.h for the forms. for_query
// leaves out the forms only a record needs (the Japanese reading of a Chinese name).
std::vector<Key> MakeKeys(std::string_view name, Kind kind, std::string_view country, bool is_acronym,
                          bool japanese_readings, bool for_query = false);

// Latin tokens of an ASCII string: split on anything not a letter or digit ('&' → "and",
// apostrophes join), abbreviations expanded, classed, romaji-folded.
std::vector<Token> LatinTokens(std::string_view ascii, Kind kind);

// The acronym a Latin name is written as: its letters and digits, lower-cased, with nothing
// expanded or folded ("N.U.D.T." → "nudt", "UEC-UMPO" → "uecumpo", "CO" → "co"). Both a
// declared acronym of a record and a query written as one word go through it.
std::string AcronymText(std::string_view ascii);

// The acronym a query is written as, or "" when it is not one: a Latin name with no space
// inside whose letters and digits, joined, are min_length to 16 long. Dots, hyphens and
// slashes between them are allowed ("N.U.D.T.", "HIT-", "CALT-18", "A/SEU").
std::string WrittenAcronym(std::string_view name, size_t min_length);

}  // namespace highfence::names::internal
