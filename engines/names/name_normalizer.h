// SPDX-License-Identifier: Apache-2.0
#pragma once
// NameNormalizer: the match forms (照合キー) of one person or organisation name in any script.
// Name → NameKeys, each remembering the transformation that produced it, so that a match
// can say *how* two names met. NameIndex (name_index.h) uses it for records and queries alike.
//
//   auto n = NameNormalizer::Create({});                       // Result<NameNormalizer>
//   for (const NameKey& k : n->Keys("北京航空航天大學", Kind::kOrganisation, "CN"))
//     Print(TransformName(k.transform), k.display);  // variant-folded 北京航空航天大学,
//                                                    // pinyin "beijing hangkong hangtian daxue"
//
// Forms: the written form case-folded (ICU NFKC_Casefold, punctuation → space, Latin
// diacritics dropped, abbreviations expanded: Univ. → university); CJK variants folded
// (OpenCC jp2t then t2s, so 東北大學 ≡ 東北大学 ≡ 东北大学: a homograph risk the caller must
// show with the country); Han → pinyin per word, tones removed; Japanese → MeCab reading →
// Hepburn; kana → Hepburn (a katakana run is one word: シャンハイ); a Chinese record's name
// also as Japanese read it (Japanese character forms via OpenCC s2t → t2jp, then MeCab, whose
// IPAdic reads 北京 ペキン, 南京 ナンキン, 清華 セイカ; pinyin for a word it cannot read, so
// 哈尔滨工业大学 → "haerbin kougyou daigaku" meets ハルビン工業大学); Hangul and other
// scripts → ICU Any-Latin; acronyms (declared, or derived from three or more significant
// Latin words: BUAA). Latin match text also folds romaji variants (ou/oo → o, shi/si,
// tsu/tu, chi/ti, fu/hu, ji/zi).
// Cost: ASCII names skip ICU; a CJK name costs ~0.1–0.3 ms (transliteration, MeCab).
// Thread-safe: ICU transliterators and MeCab taggers are built once per thread.
// Left out: Wade–Giles/Cantonese readings, and Chinese readings for Japanese-only kanji.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::names {

enum class Kind : uint8_t { kOrganisation, kPerson };

// How a key was produced from the name as written.
enum class Transform {
  kAsWritten,        // case, width and punctuation folded only
  kVariantFolded,    // CJK variants folded by OpenCC (jp2t → t2s)
  kPinyin,           // Han read as Mandarin (ICU Han-Latin), tones removed
  kJapaneseReading,  // kanji read by MeCab (ipadic), then Hepburn
  kJapaneseOnyomi,   // a Chinese name read as Japanese read it (MeCab on the Japanese
                     // character forms: 北京 → pekin, 清華 → seika), pinyin for words it cannot read
  kKanaRomaji,       // kana → Hepburn (ICU)
  kTransliterated,   // other scripts → Latin (ICU Any-Latin): Hangul, Cyrillic …
  kAcronym,          // declared acronym, or a one-word query read as one
  kDerivedAcronym,   // initials of a multi-word Latin name
};
// "as written", "CJK variants folded (OpenCC jp2t→t2s)", "pinyin", …
std::string_view TransformName(Transform transform);

// Dominant script of a name as written; shown beside the country in explanations.
enum class Script { kLatin, kHan, kJapanese, kHangul, kOther };
std::string_view ScriptName(Script script);  // "Latin", "Han", "Japanese", "Hangul", "other"

struct NameKey {
  std::string text;     // match form: tokens separated by one space
  std::string display;  // the same before the romaji fold, for explanations
  Transform transform = Transform::kAsWritten;
  Script script = Script::kLatin;  // of the name the key came from
  bool latin = true;               // Latin keys compare with Latin keys, CJK with CJK
};

struct NormalizerOptions {
  // Read Japanese kanji with MeCab (needs mecab-ipadic-utf8). Default: true.
  bool japanese_readings = true;
};

// Copies share the immutable state.
class NameNormalizer {
 public:
  // Fails with kUnavailable when ICU transliterators, OpenCC configs or (if asked) the
  // MeCab dictionary cannot be loaded.
  static Result<NameNormalizer> Create(const NormalizerOptions& options);

  // Keys of a name, the written form first; empty when nothing is left after folding
  // (punctuation only). country is ISO alpha-2 or "": "JP" prefers the Japanese reading of
  // kanji, CN/TW/HK/KR skip it.
  std::vector<NameKey> Keys(std::string_view name, Kind kind, std::string_view country, bool is_acronym = false) const;

 private:
  struct Rep;
  explicit NameNormalizer(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::names
