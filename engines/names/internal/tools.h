// SPDX-License-Identifier: Apache-2.0
#pragma once
// Per-thread text tools of the names engine: ICU (NFKC case folding, transliteration, word
// segmentation), OpenCC (CJK variant folding) and MeCab (Japanese readings). ICU
// transliterators, break iterators and MeCab taggers are not thread-safe, so each thread
// lazily builds its own set on first use and keeps it; the MeCab model is shared.
// Only this header's .cc includes the third-party headers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::names::internal {

struct ScriptMix {
  bool latin = false, han = false, kana = false, hangul = false, other = false;
};
// Which scripts a string's letters belong to (ICU uscript); digits and punctuation ignored.
ScriptMix DetectScripts(std::string_view utf8);

// True when the string holds at least one letter or digit.
bool HasLetterOrDigit(std::string_view utf8);

// Builds the calling thread's tools; fails with kUnavailable naming the missing piece
// (OpenCC config, ICU transliterator, MeCab dictionary when japanese is true).
Result<void> CheckTools(bool japanese);

// NFKC + case folding (ICU NFKC_Casefold). ASCII takes a fast path.
std::string FoldCase(std::string_view utf8);

// Latin with diacritics → ASCII (ICU Latin-ASCII): "Université" → "Universite".
std::string LatinToAscii(std::string_view utf8);

// Any script → Latin ASCII (ICU Any-Latin; Latin-ASCII): kana → Hepburn ("タロウ" →
// "tarou"), Hangul → Revised Romanisation, Cyrillic → Latin. Tone marks removed.
std::string AnyToLatin(std::string_view utf8);

// Han → pinyin without tones, one word per segment: {"哈尔滨", "工业"} → {"haerbin", "gongye"}.
std::vector<std::string> HanToPinyin(const std::vector<std::string>& segments);

// Japanese, Simplified and Traditional variants folded to one form (OpenCC jp2t then t2s):
// 東北大學, 東北大学 and 东北大学 all give 东北大学.
std::string FoldCjkVariants(std::string_view utf8);

// Chinese characters in their Japanese forms (OpenCC s2t then t2jp): 哈尔滨工业大学 →
// 哈爾浜工業大学, 清华 → 清華; what MeCab's Japanese dictionary can read.
std::string ToJapaneseForms(std::string_view utf8);

// Words of a CJK or Hangul run (ICU dictionary word break), whitespace dropped.
std::vector<std::string> SegmentWords(std::string_view utf8);

// Katakana reading of one Japanese word or phrase (MeCab + ipadic), or nullopt when a
// morpheme containing kanji has no reading in the dictionary.
std::optional<std::string> JapaneseReading(std::string_view utf8);

}  // namespace highfence::names::internal
