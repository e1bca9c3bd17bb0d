// SPDX-License-Identifier: Apache-2.0
#pragma once
// Code-point classes the normaliser's context rules need (kana, CJK, Latin letters, dashes,
// white space). Plain range tests on the NFKC_Casefold output: ICU's UScript lookups would
// work but cost a trie lookup per character in the hot loop, and the rules here are about a
// handful of blocks, not full script properties.
namespace highfence::text::internal {

inline constexpr char32_t kLongVowelMark = 0x30FC;  // ー KATAKANA-HIRAGANA PROLONGED SOUND MARK
inline constexpr char32_t kMiddleDot = 0x30FB;      // ・ KATAKANA MIDDLE DOT

inline constexpr bool IsHiragana(char32_t c) {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F);
}
inline constexpr bool IsKatakana(char32_t c) {
  return (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FD && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF);
}
// Kana letters and the long-vowel mark: the left context for dash folding and ・ dropping.
inline constexpr bool IsKanaOrLongVowel(char32_t c) {
  return IsHiragana(c) || IsKatakana(c) || c == kLongVowelMark;
}

// Han, kana and CJK punctuation: a line break between two of these is a PDF wrap, not a space.
inline constexpr bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // CJK radicals, Kangxi radicals
         (c >= 0x3001 && c <= 0x303F) ||  // CJK symbols and punctuation (not U+3000)
         (c >= 0x3040 && c <= 0x31FF) ||  // hiragana, katakana, bopomofo, kanbun, katakana ext.
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFF5F && c <= 0xFF60) ||  // fullwidth white parentheses (not folded by NFKC)
         (c >= 0x20000 && c <= 0x3FFFF);  // CJK extensions B..H
}

// Letters that can end or start a hyphenated English word: ASCII (already lower-cased) and
// the Latin-1 / Latin Extended letters.
inline constexpr bool IsLatinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) || (c >= 0x1E00 && c <= 0x1EFF);
}

// A hyphen that may split a word at a line end ("hyper-⏎sonic").
inline constexpr bool IsHyphen(char32_t c) {
  return c == '-' || c == 0x2010;
}

// Marks that stand for ー when they follow kana (OCR and PDF text use them interchangeably).
inline constexpr bool IsDash(char32_t c) {
  return c == kLongVowelMark || c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2500 || c == 0x2501 ||
         c == 0xFE58;
}

// White space after NFKC_Casefold (which already maps U+3000, U+00A0, U+2000..U+200A to ' ').
inline constexpr bool IsSpace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x1680 || c == 0x2028 || c == 0x2029 ||
         c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}
inline constexpr bool IsLineBreak(char32_t c) {
  return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Katakana → hiragana. The two blocks are parallel (offset 0x60) for ァ..ヶ and ヽヾ; the
// others (ヷヸヹヺ ヿ and the small-katakana extension) have no single hiragana and stay.
// ICU's "Katakana-Hiragana" transliterator does this too, but it is a rule interpreter that
// is not thread-safe (one instance per thread) and far slower than a subtraction.
inline constexpr char32_t FoldKana(char32_t c) {
  return ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE) ? c - 0x60 : c;
}

// Sentence ends for passages: 。．！？ always; ASCII . ! ? only before space or the end.
inline constexpr bool IsCjkSentenceEnd(char32_t c) {
  return c == 0x3002 || c == 0xFF0E || c == 0xFF01 || c == 0xFF1F;
}
inline constexpr bool IsAsciiSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?';
}

}  // namespace highfence::text::internal
