// SPDX-License-Identifier: Apache-2.0
#include "engines/names/internal/keys.h"

#include <algorithm>

#include "engines/names/internal/tools.h"

namespace highfence::names::internal {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

void AddLatinToken(std::string_view raw, Kind kind, std::vector<Token>* out) {
  if (raw.empty()) return;
  Token t;
  t.display = std::string(ExpandAbbreviation(raw));
  const TokenClass cls = LatinTokenClass(t.display);
  // In a person's name only the particles (de, van …) are light; "Lab" is a surname there.
  t.cls = kind == Kind::kPerson ? (cls == TokenClass::kStop ? cls : TokenClass::kNormal) : cls;
  t.text = FoldRomaji(t.display);
  out->push_back(std::move(t));
}

// Non-ASCII punctuation that separates words in CJK text (after NFKC, which already turned
// full-width ASCII punctuation into ASCII).
size_t NativeBreakerLength(std::string_view rest) {
  static constexpr std::string_view kBreakers[] = {"\u3000", "\u3001", "\u3002", "\u30fb", "\u300c", "\u300d",
                                                   "\u300e", "\u300f", "\u2018", "\u2019", "\u201c", "\u201d",
                                                   "\u2014", "\u2015", "\u00b7", "\u2010"};
  for (std::string_view b : kBreakers) {
    if (rest.starts_with(b)) return b.size();
  }
  return 0;
}

// Native (CJK/Hangul) tokens: whitespace and punctuation split; organisation-form words are
// cut out of each run by longest match, and the pieces between are split into words by ICU's
// dictionary, so 北京航空航天大学物理学院 → 北京 航空 航天 大学 物理 学院. Both sides of a
// comparison go through the same segmentation, so its errors on proper nouns cancel out.
std::vector<Token> NativeTokens(std::string_view text, Kind kind) {
  size_t form_count = 0;
  const std::string_view* forms = NativeFormWords(&form_count);
  std::vector<Token> out;
  auto emit_one = [&](std::string_view piece, bool is_form) {
    if (piece.empty() || !HasLetterOrDigit(piece)) return;
    Token t;
    t.text = t.display = std::string(piece);
    if (kind == Kind::kPerson) {
      t.cls = TokenClass::kNormal;
    } else {
      t.cls = is_form ? TokenClass::kForm : NativeTokenClass(t.text);
    }
    out.push_back(std::move(t));
  };
  auto emit = [&](std::string_view piece, bool is_form) {
    if (is_form || piece.empty()) return emit_one(piece, is_form);
    for (const std::string& word : SegmentWords(piece)) emit_one(word, false);
  };
  size_t run = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t breaker =
        c < 0x80 ? (IsAsciiAlnum(static_cast<char>(c)) ? 0 : 1) : NativeBreakerLength(text.substr(i));
    if (breaker > 0) {
      emit(text.substr(run, i - run), false);
      i += breaker;
      run = i;
      continue;
    }
    size_t best = 0;
    if (kind == Kind::kOrganisation && c >= 0x80) {
      for (size_t f = 0; f < form_count; ++f) {
        if (forms[f].size() > best && text.substr(i).starts_with(forms[f])) best = forms[f].size();
      }
    }
    if (best > 0) {
      emit(text.substr(run, i - run), false);
      emit(text.substr(i, best), true);
      i += best;
      run = i;
      continue;
    }
    i += Utf8Length(c);
  }
  emit(text.substr(run), false);
  return out;
}

// Any-Latin of each word in one ICU call (a transliterator call has a high fixed cost):
// the words are joined with '|', which ICU leaves alone, and split again.
std::vector<std::string> EachToLatin(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) {
    if (!joined.empty()) joined += '|';
    joined += w;
  }
  std::vector<std::string> out(1);
  for (char c : AnyToLatin(joined)) {
    if (c == '|') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// Latin readings of words in Japanese: kanji and kana read by MeCab (in their Japanese
// character forms when to_japanese_forms), then Hepburn (ICU); a word with kanji MeCab cannot
// read keeps its pinyin (*complete becomes false); Latin words stay. One ICU call for the
// pinyin of the unread words and one for the readings: a call's fixed cost dominates.
std::vector<std::string> ReadInJapanese(std::vector<std::string> words, bool to_japanese_forms, bool* complete) {
  std::vector<std::string> unread;
  std::vector<size_t> unread_at;
  for (size_t i = 0; i < words.size(); ++i) {
    const ScriptMix seg = DetectScripts(words[i]);
    if (!seg.han && !seg.kana) {
      words[i] = LatinToAscii(words[i]);
      continue;
    }
    if (std::optional<std::string> reading =
            JapaneseReading(to_japanese_forms ? ToJapaneseForms(words[i]) : words[i])) {
      words[i] = std::move(*reading);
    } else {
      unread.push_back(FoldCjkVariants(words[i]));
      unread_at.push_back(i);
    }
  }
  *complete = unread.empty();
  if (!unread.empty()) {
    std::vector<std::string> pinyin = HanToPinyin(unread);
    for (size_t j = 0; j < unread_at.size() && j < pinyin.size(); ++j) words[unread_at[j]] = std::move(pinyin[j]);
  }
  return EachToLatin(words);
}

// Latin tokens from romanised words (pinyin, readings, transliterations).
std::vector<Token> RomanisedTokens(const std::vector<std::string>& words, Kind kind) {
  std::vector<Token> out;
  for (const std::string& w : words) {
    for (Token& t : LatinTokens(w, kind)) out.push_back(std::move(t));
  }
  return out;
}

bool IsChineseOrKoreanCountry(std::string_view country) {
  return country == "CN" || country == "TW" || country == "HK" || country == "MO" || country == "SG" ||
         country == "KR" || country == "KP";
}

// Initials of the significant words when there are at least three: BUAA, HIT.
std::string DeriveAcronym(const std::vector<Token>& tokens) {
  std::string acronym;
  for (const Token& t : tokens) {
    if (t.cls == TokenClass::kStop) continue;
    acronym += t.display[0];
  }
  return acronym.size() >= 3 ? acronym : std::string();
}

bool SameText(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].text != b[i].text) return false;
  }
  return true;
}

Key MakeKey(std::vector<Token> tokens, Transform transform, Script script, Space space) {
  Key k;
  k.tokens = std::move(tokens);
  k.transform = transform;
  k.script = script;
  k.space = space;
  return k;
}

Key AcronymKey(std::string acronym, Transform transform, Script script) {
  Token t;
  t.text = t.display = std::move(acronym);
  std::vector<Token> tokens;
  tokens.push_back(std::move(t));
  return MakeKey(std::move(tokens), transform, script, Space::kAcronym);
}

}  // namespace

std::string Key::Text() const {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

std::string Key::Display() const {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.display;
  }
  return out;
}

std::vector<Token> LatinTokens(std::string_view ascii, Kind kind) {
  std::vector<Token> out;
  std::string current;
  for (char c : ascii) {
    if (IsAsciiAlnum(c)) {
      current += Lower(c);
    } else if (c == '\'') {
      continue;  // People's → peoples
    } else {
      AddLatinToken(current, kind, &out);
      current.clear();
      if (c == '&') AddLatinToken("and", kind, &out);
    }
  }
  AddLatinToken(current, kind, &out);
  return out;
}

std::string AcronymText(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    if (IsAsciiAlnum(c)) out += Lower(c);
  }
  return out;
}

std::string WrittenAcronym(std::string_view name, size_t min_length) {
  const std::string folded = FoldCase(name);
  const ScriptMix mix = DetectScripts(folded);
  if (mix.han || mix.kana || mix.hangul || mix.other) return "";
  std::string_view ascii_view;
  const std::string ascii = LatinToAscii(folded);
  ascii_view = ascii;
  while (!ascii_view.empty() && (ascii_view.front() == ' ' || ascii_view.front() == '\t')) ascii_view.remove_prefix(1);
  while (!ascii_view.empty() && (ascii_view.back() == ' ' || ascii_view.back() == '\t')) ascii_view.remove_suffix(1);
  for (char c : ascii_view) {
    if (IsAsciiAlnum(c)) continue;
    if (c != '.' && c != '-' && c != '/' && c != '&' && c != '\'') return "";
  }
  std::string acronym = AcronymText(ascii_view);
  if (acronym.size() < min_length || acronym.size() > 16) return "";
  return acronym;
}

std::vector<Key> MakeKeys(std::string_view name, Kind kind, std::string_view country, bool is_acronym,
                          bool japanese_readings, bool for_query) {
  std::vector<Key> keys;
  const std::string folded = FoldCase(name);
  const ScriptMix mix = DetectScripts(folded);

  if (!mix.han && !mix.kana && !mix.hangul && !mix.other) {
    std::vector<Token> tokens = LatinTokens(LatinToAscii(folded), kind);
    if (tokens.empty()) return keys;
    if (is_acronym) {
      keys.push_back(AcronymKey(AcronymText(LatinToAscii(folded)), Transform::kAcronym, Script::kLatin));
      return keys;
    }
    std::string derived = kind == Kind::kOrganisation ? DeriveAcronym(tokens) : std::string();
    keys.push_back(MakeKey(std::move(tokens), Transform::kAsWritten, Script::kLatin, Space::kLatin));
    if (!derived.empty()) {
      keys.push_back(AcronymKey(std::move(derived), Transform::kDerivedAcronym, Script::kLatin));
    }
    return keys;
  }

  const Script script = mix.kana     ? Script::kJapanese
                        : mix.han    ? Script::kHan
                        : mix.hangul ? Script::kHangul
                                     : Script::kOther;
  // 1. The written form, CJK variants folded.
  const std::string native = mix.han ? FoldCjkVariants(folded) : folded;
  std::vector<Token> native_tokens = NativeTokens(native, kind);
  if (native_tokens.empty()) return keys;
  keys.push_back(MakeKey(std::move(native_tokens), native != folded ? Transform::kVariantFolded : Transform::kAsWritten,
                         script, Space::kNative));

  // 2. Latin readings.
  auto add_latin = [&](std::vector<Token> tokens, Transform transform) {
    if (!tokens.empty()) keys.push_back(MakeKey(std::move(tokens), transform, script, Space::kLatin));
  };
  const bool japanese = japanese_readings && (mix.kana || (mix.han && !IsChineseOrKoreanCountry(country)));
  if (mix.han && !mix.kana && !(japanese && country == "JP")) {
    add_latin(RomanisedTokens(HanToPinyin(SegmentWords(native)), kind), Transform::kPinyin);
  }
  if (mix.han && japanese) {
    // A katakana-and-kanji name with a word MeCab cannot read (ナンキン郵電大学: 郵電) keeps
    // the pinyin of that word, as the Japanese reading of a Chinese record does (3. below).
    bool complete = true;
    std::vector<std::string> words = ReadInJapanese(SegmentWords(folded), false, &complete);
    if (complete || mix.kana)
      add_latin(RomanisedTokens(words, kind), complete ? Transform::kJapaneseReading : Transform::kJapaneseOnyomi);
  } else if (mix.kana) {
    add_latin(RomanisedTokens(EachToLatin(SegmentWords(folded)), kind), Transform::kKanaRomaji);
  }
  // 3. A Chinese name as a Japanese officer reads it: Japanese character forms read by MeCab,
  // whose IPAdic carries the usual readings of Chinese places (北京 ペキン, 南京 ナンキン, 天津
  // テンシン, 上海 シャンハイ, 西安 シーアン) and on'yomi of other words (清華 セイカ, 工業
  // コウギョウ); a word it cannot read keeps its pinyin (哈尔滨 haerbin, close to ハルビン
  // harubin). Records only: a query in katakana and kanji meets it through its own reading.
  if (mix.han && !mix.kana && japanese_readings && !for_query && country != "JP" && country != "KR" &&
      country != "KP") {
    bool complete = true;
    std::vector<std::string> words = ReadInJapanese(SegmentWords(native), true, &complete);
    std::vector<Token> tokens = RomanisedTokens(words, kind);
    bool duplicate = false;  // a Japanese reading already made (country unknown, all read)
    for (const Key& k : keys) duplicate = duplicate || (k.space == Space::kLatin && SameText(k.tokens, tokens));
    if (!duplicate && !tokens.empty())
      keys.push_back(MakeKey(std::move(tokens), Transform::kJapaneseOnyomi, script, Space::kReading));
  }
  if (mix.hangul || mix.other) {
    add_latin(RomanisedTokens(EachToLatin(SegmentWords(folded)), kind), Transform::kTransliterated);
  }
  return keys;
}

}  // namespace highfence::names::internal
