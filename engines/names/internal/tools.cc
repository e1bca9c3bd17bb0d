// SPDX-License-Identifier: Apache-2.0
#include "engines/names/internal/tools.h"

#include <mecab.h>
#include <opencc/opencc.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <exception>
#include <memory>
#include <mutex>

namespace highfence::names::internal {
namespace {

constexpr const char* kOpenCcDir = "/usr/share/opencc/";

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The MeCab model is thread-safe and costly to load: one per process.
MeCab::Model* SharedMecabModel() {
  static MeCab::Model* model = MeCab::createModel("");  // reachable until exit, by design
  return model;
}

struct ThreadTools {
  std::unique_ptr<icu::Transliterator> latin_ascii;
  std::unique_ptr<icu::Transliterator> any_latin;
  std::unique_ptr<icu::Transliterator> han_latin;
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<opencc::SimpleConverter> jp2t;
  std::unique_ptr<opencc::SimpleConverter> t2s;
  std::unique_ptr<opencc::SimpleConverter> s2t;
  std::unique_ptr<opencc::SimpleConverter> t2jp;
  std::unique_ptr<MeCab::Tagger> tagger;
  std::unique_ptr<MeCab::Lattice> lattice;
  std::string error;  // why a tool is missing; "" when all were built

  ThreadTools() {
    UErrorCode status = U_ZERO_ERROR;
    latin_ascii.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    any_latin.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    han_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) error = std::string("ICU: ") + u_errorName(status);
    try {  // OpenCC reports a missing config by throwing; our code does not throw.
      jp2t = std::make_unique<opencc::SimpleConverter>(std::string(kOpenCcDir) + "jp2t.json");
      t2s = std::make_unique<opencc::SimpleConverter>(std::string(kOpenCcDir) + "t2s.json");
      s2t = std::make_unique<opencc::SimpleConverter>(std::string(kOpenCcDir) + "s2t.json");
      t2jp = std::make_unique<opencc::SimpleConverter>(std::string(kOpenCcDir) + "t2jp.json");
    } catch (const std::exception& e) {
      error = std::string("OpenCC (") + kOpenCcDir + "): " + e.what();
    }
    if (MeCab::Model* model = SharedMecabModel()) {
      tagger.reset(model->createTagger());
      lattice.reset(model->createLattice());
    }
  }
};

ThreadTools& Tools() {
  thread_local ThreadTools tools;
  return tools;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string Transliterate(icu::Transliterator* t, std::string_view utf8) {
  if (t == nullptr) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  t->transliterate(u);
  return ToUtf8(u);
}

// Katakana letters and the prolonged sound mark only (ー is Common script in ICU).
bool IsKatakanaWord(const icu::UnicodeString& u) {
  if (u.isEmpty()) return false;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x30FC) continue;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) != USCRIPT_KATAKANA) return false;
  }
  return true;
}

bool HasHan(const icu::UnicodeString& u) {
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_HAN) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

}  // namespace

Result<void> CheckTools(bool japanese) {
  ThreadTools& t = Tools();
  if (!t.error.empty()) return MakeError(ErrorCode::kUnavailable, "names: " + t.error);
  if (japanese && (t.tagger == nullptr || t.lattice == nullptr)) {
    return MakeError(ErrorCode::kUnavailable,
                     "names: MeCab dictionary not found (install libmecab-dev mecab-ipadic-utf8, "
                     "or set Options::japanese_readings = false)");
  }
  return Ok();
}

ScriptMix DetectScripts(std::string_view utf8) {
  ScriptMix mix;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_LATIN:
        mix.latin = true;
        break;
      case USCRIPT_HAN:
        mix.han = true;
        break;
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA:
      case USCRIPT_KATAKANA_OR_HIRAGANA:
        mix.kana = true;
        break;
      case USCRIPT_HANGUL:
        mix.hangul = true;
        break;
      case USCRIPT_COMMON:
      case USCRIPT_INHERITED:
        break;
      default:
        mix.other = true;
        break;
    }
  }
  return mix;
}

bool HasLetterOrDigit(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    if (u_isalnum(c)) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

std::string FoldCase(std::string_view utf8) {
  if (IsAscii(utf8)) {
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString folded = nfkc_cf->normalize(u, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return ToUtf8(folded);
}

std::string LatinToAscii(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  // Fast path for accented letters (é, ü, ō): NFD and drop the combining marks. Only what is
  // left outside ASCII (ß, æ, ø, ł) goes through ICU's slower Latin-ASCII rules.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  if (U_FAILURE(status)) return Transliterate(Tools().latin_ascii.get(), utf8);
  const icu::UnicodeString decomposed = nfd->normalize(u, status);
  if (U_FAILURE(status)) return Transliterate(Tools().latin_ascii.get(), utf8);
  icu::UnicodeString stripped;
  bool ascii = true;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c >= 0x80) ascii = false;
    stripped.append(c);
  }
  if (!ascii) return Transliterate(Tools().latin_ascii.get(), ToUtf8(stripped));
  return ToUtf8(stripped);
}

std::string AnyToLatin(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  return Transliterate(Tools().any_latin.get(), utf8);
}

std::vector<std::string> HanToPinyin(const std::vector<std::string>& segments) {
  // One ICU call for all segments ('|' survives Han-Latin), then spaces between syllables of a
  // word are removed so that 哈尔滨 reads "haerbin", not "ha er bin".
  std::string joined;
  for (const std::string& s : segments) {
    if (!joined.empty()) joined += '|';
    joined += s;
  }
  const std::string latin = Transliterate(Tools().han_latin.get(), joined);
  std::vector<std::string> out(1);
  for (char c : latin) {
    if (c == '|') {
      out.emplace_back();
    } else if (c != ' ' && c != '\'') {
      out.back() += c;
    }
  }
  return out;
}

namespace {

// Two OpenCC conversions in a row; the text unchanged when a config is missing or OpenCC
// throws (it reports errors by throwing; our code does not throw).
std::string ConvertTwice(const opencc::SimpleConverter* first, const opencc::SimpleConverter* second,
                         std::string_view utf8) {
  if (IsAscii(utf8) || first == nullptr || second == nullptr) return std::string(utf8);
  try {
    return second->Convert(first->Convert(std::string(utf8)));
  } catch (const std::exception&) {
    return std::string(utf8);
  }
}

}  // namespace

std::string FoldCjkVariants(std::string_view utf8) {
  return ConvertTwice(Tools().jp2t.get(), Tools().t2s.get(), utf8);
}

std::string ToJapaneseForms(std::string_view utf8) {
  return ConvertTwice(Tools().s2t.get(), Tools().t2jp.get(), utf8);
}

std::vector<std::string> SegmentWords(std::string_view utf8) {
  std::vector<std::string> out;
  icu::BreakIterator* bi = Tools().words.get();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  if (bi == nullptr) {
    out.emplace_back(utf8);
    return out;
  }
  bi->setText(u);
  bool previous_katakana = false;
  int32_t begin = bi->first();
  for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; begin = end, end = bi->next()) {
    icu::UnicodeString word = u.tempSubStringBetween(begin, end);
    bool blank = true;
    for (int32_t i = 0; i < word.length(); ++i) {
      if (!u_isUWhiteSpace(word.charAt(i))) blank = false;
    }
    if (blank) {
      previous_katakana = false;
      continue;
    }
    // A katakana run is one word: ICU's dictionary cuts loanwords and transcribed names at
    // arbitrary points (シャンハイ → シャン ハイ), which would part them from the same name
    // read from kanji (上海 → シャンハイ). Japanese separates words in katakana with ・ or a space.
    const bool katakana = IsKatakanaWord(word);
    if (katakana && previous_katakana && !out.empty()) {
      out.back() += ToUtf8(word);
    } else {
      out.push_back(ToUtf8(word));
    }
    previous_katakana = katakana;
  }
  return out;
}

std::optional<std::string> JapaneseReading(std::string_view utf8) {
  ThreadTools& t = Tools();
  if (t.tagger == nullptr || t.lattice == nullptr) return std::nullopt;
  const std::string sentence(utf8);
  t.lattice->set_sentence(sentence.c_str());
  if (!t.tagger->parse(t.lattice.get())) return std::nullopt;
  std::string reading;
  for (const MeCab::Node* node = t.lattice->bos_node(); node != nullptr; node = node->next) {
    if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
    const std::string surface(node->surface, node->length);
    // ipadic features: POS ×6, base form, reading, pronunciation; unknown words stop early.
    std::string_view feature(node->feature);
    std::string_view field;
    for (int i = 0; i <= 7; ++i) {
      const size_t comma = feature.find(',');
      field = feature.substr(0, comma);
      if (comma == std::string_view::npos) {
        if (i < 7) field = {};
        break;
      }
      feature.remove_prefix(comma + 1);
    }
    if (field.empty() || field == "*") {
      if (HasHan(icu::UnicodeString::fromUTF8(surface))) return std::nullopt;
      reading += surface;  // kana or Latin: its own reading
    } else {
      reading += field;
    }
  }
  return reading;
}

}  // namespace highfence::names::internal
