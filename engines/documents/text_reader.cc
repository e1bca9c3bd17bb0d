// SPDX-License-Identifier: Apache-2.0
// .txt / .md → Document: charset detection and conversion to UTF-8 through ICU.
// Order: a BOM decides; ISO-2022-JP escapes; bytes that are valid UTF-8 are UTF-8 (ICU's
// detector is unreliable on short texts, and valid UTF-8 is almost never an accident);
// BOM-less UTF-16; then ICU's detector (ucsdet), whose guesses are checked by decoding.
// Line ends become "\n"; a form feed ends a page and becomes "\n".
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engines/documents/internal/page_builder.h"
#include "engines/documents/internal/readers.h"

namespace highfence::documents::internal {

namespace {

Error Fail(ErrorCode code, std::string_view name, std::string_view reason) {
  return MakeError(code, std::string(name) + ": " + std::string(reason));
}

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

struct Decoded {
  std::string utf8;
  std::string encoding;  // the name reported in Document::encoding
  size_t chars = 0;      // code points
  size_t replaced = 0;   // U+FFFD / U+001A substituted for bytes the charset cannot map
  size_t plausible = 0;  // code points that are usual in Japanese or English prose
};

// Code points an English or Japanese proposal is made of. Used to choose between decodings
// that are all technically valid (e.g. UTF-16LE vs UTF-16BE, Shift_JIS vs EUC-JP); ICU has no
// such "is this sensible text" measure for a given decoding.
bool IsPlausible(UChar32 c) {
  return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         (c >= 0xa0 && c <= 0x17f) ||     // Latin-1, Latin Extended-A
         (c >= 0x2000 && c <= 0x206f) ||  // general punctuation
         (c >= 0x2100 && c <= 0x27bf) ||  // letterlike, arrows, maths, enclosed ①, box drawing, symbols
         (c >= 0x3000 && c <= 0x30ff) ||  // CJK punctuation, hiragana, katakana
         (c >= 0x3200 && c <= 0x33ff) ||  // enclosed CJK, CJK compatibility (㈱ ㎡)
         (c >= 0x4e00 && c <= 0x9fff) ||  // CJK unified ideographs
         (c >= 0xf900 && c <= 0xfaff) ||  // CJK compatibility ideographs
         (c >= 0xff00 && c <= 0xffef);    // half- and full-width forms
}

void Measure(Decoded& d) {
  d.chars = d.replaced = d.plausible = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(d.utf8.data());
  const int32_t length = static_cast<int32_t>(d.utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    ++d.chars;
    if (c < 0 || c == 0xfffd || c == 0x1a) ++d.replaced;
    if (c >= 0 && IsPlausible(c)) ++d.plausible;
  }
}

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    // ASCII fast path: eight bytes at a time while none has the high bit set.
    while (i + 8 <= length) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= length) break;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// Converts with an ICU converter, substituting (and counting) what cannot be mapped.
std::optional<Decoded> Decode(std::string_view bytes, const char* converter, std::string encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(converter, &status), &ucnv_close);
  if (U_FAILURE(status) || !cnv) return std::nullopt;
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), cnv.get(), status);
  if (U_FAILURE(status)) return std::nullopt;
  Decoded d;
  d.encoding = std::move(encoding);
  u.toUTF8String(d.utf8);
  Measure(d);
  return d;
}

// A decoding is acceptable if at most 1 % of it was substituted and at least `share` of it is
// plausible prose.
bool Acceptable(const Decoded& d, double share) {
  if (d.chars == 0) return false;
  return d.replaced * 100 <= d.chars && static_cast<double>(d.plausible) >= share * static_cast<double>(d.chars);
}

// UTF-16 without a BOM. ICU's detector recognises it only from code units in the ASCII range,
// which Japanese text has few of, so both byte orders are decoded and compared.
std::optional<Decoded> DetectBomlessUtf16(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return std::nullopt;
  std::optional<Decoded> le = Decode(bytes, "UTF-16LE", "UTF-16LE");
  std::optional<Decoded> be = Decode(bytes, "UTF-16BE", "UTF-16BE");
  std::optional<Decoded>* best = nullptr;
  for (std::optional<Decoded>* d : {&le, &be}) {
    if (*d && Acceptable(**d, 0.95) && (!best || (*d)->plausible > (*best)->plausible)) best = d;
  }
  if (!best) return std::nullopt;
  return std::move(*best);
}

// The ICU converter for a charset name that ucsdet reports and that we accept (UTF-16 is
// settled before, from its BOM or NUL bytes). Shift_JIS is
// decoded as Windows-31J (CP932), its Microsoft superset, so that ～ ① ㈱ and NEC/IBM kanji
// written on Windows convert.
const char* ConverterFor(std::string_view detected) {
  if (detected == "Shift_JIS") return "windows-31j";
  if (detected == "EUC-JP") return "EUC-JP";
  if (detected == "ISO-2022-JP") return "ISO-2022-JP";
  return nullptr;
}

std::vector<std::string> IcuCandidates(std::string_view bytes) {
  std::vector<std::string> names;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) return names;
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_FAILURE(status)) return names;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode s = U_ZERO_ERROR;
    if (const char* n = ucsdet_getName(matches[i], &s); U_SUCCESS(s) && n) names.emplace_back(n);
  }
  return names;
}

std::optional<Decoded> DetectLegacy(std::string_view bytes) {
  std::vector<std::string> order;
  for (std::string& n : IcuCandidates(bytes)) {
    if (ConverterFor(n)) order.push_back(std::move(n));
  }
  // If ICU ranked none of them (short texts), the Japanese legacy charsets are still tried.
  for (const char* n : {"Shift_JIS", "EUC-JP"}) order.emplace_back(n);
  for (const std::string& n : order) {
    std::optional<Decoded> d = Decode(bytes, ConverterFor(n), n);
    if (d && Acceptable(*d, 0.9)) return d;
  }
  return std::nullopt;
}

Result<Decoded> DetectAndDecode(std::string_view bytes, std::string_view name, std::vector<std::string>& warnings) {
  if (StartsWith(bytes, "\xef\xbb\xbf")) {
    std::string_view body = bytes.substr(3);
    if (IsValidUtf8(body)) {
      Decoded d{std::string(body), "UTF-8"};
      Measure(d);
      return d;
    }
    if (std::optional<Decoded> d = Decode(body, "UTF-8", "UTF-8")) {
      warnings.push_back("invalid UTF-8 sequences replaced with U+FFFD");
      return std::move(*d);
    }
  }
  if (StartsWith(bytes, "\xff\xfe") || StartsWith(bytes, "\xfe\xff")) {
    const bool le = bytes[0] == '\xff';
    if (std::optional<Decoded> d =
            Decode(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", le ? "UTF-16LE" : "UTF-16BE")) {
      return std::move(*d);
    }
  }
  const bool has_nul = bytes.find('\0') != std::string_view::npos;
  if (!has_nul && (bytes.find("\x1b$B") != std::string_view::npos || bytes.find("\x1b$@") != std::string_view::npos)) {
    if (std::optional<Decoded> d = Decode(bytes, "ISO-2022-JP", "ISO-2022-JP"); d && Acceptable(*d, 0.9)) {
      return std::move(*d);
    }
  }
  if (!has_nul && IsValidUtf8(bytes)) {
    // Valid UTF-8 needs no measuring: nothing was substituted and no other decoding competes.
    return Decoded{std::string(bytes), "UTF-8"};
  }
  // Only UTF-16 has NUL bytes (the high byte of ASCII code units); without them, Shift_JIS
  // kanji byte pairs would also read as plausible CJK ideographs in UTF-16.
  if (has_nul) {
    if (std::optional<Decoded> d = DetectBomlessUtf16(bytes)) return std::move(*d);
  } else if (std::optional<Decoded> d = DetectLegacy(bytes)) {
    return std::move(*d);
  }
  return Fail(ErrorCode::kUnimplemented, name,
              "unsupported format: not text in a known encoding (UTF-8, UTF-16, Shift_JIS, EUC-JP, ISO-2022-JP)");
}

}  // namespace

Result<Document> ReadText(std::string_view bytes, std::string_view name, const ReadOptions& /*options*/) {
  if (bytes.empty()) return Fail(ErrorCode::kInvalidArgument, name, "empty file");
  if (bytes.size() > static_cast<size_t>(INT32_MAX) / 4) {
    return Fail(ErrorCode::kResourceExhausted, name, "text file too large to convert");
  }
  Document doc;
  doc.name = std::string(name);
  doc.format = Format::kText;
  Result<Decoded> decoded = DetectAndDecode(bytes, name, doc.warnings);
  if (!decoded) return decoded.error();
  doc.encoding = decoded->encoding;
  if (decoded->replaced > 0) {
    doc.warnings.push_back(std::to_string(decoded->replaced) + " character(s) could not be converted from " +
                           doc.encoding + " and were replaced with U+FFFD");
  }

  PageBuilder builder;
  const std::string& s = decoded->utf8;
  size_t controls = 0;
  // Copies runs of ordinary bytes at once; only CR, form feed and other C0 controls are looked at.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none is below 0x20 (SWAR: bytes ≥ 0x80 never flag).
    while (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 || c == '\n' || c == '\t') continue;
    builder.Append(std::string_view(s).substr(run, i - run));
    run = i + 1;
    if (c == '\r') {
      builder.Append('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') run = ++i + 1;
    } else if (c == '\f') {
      builder.Append('\n');
      builder.EndPage();
    } else {
      if (c != 0x1b) ++controls;
      builder.Append(static_cast<char>(c));
    }
  }
  builder.Append(std::string_view(s).substr(run));
  if (controls * 100 > s.size()) {
    return Fail(ErrorCode::kUnimplemented, name, "unsupported format: binary data, not text");
  }
  builder.Finish(doc);
  if (doc.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, name, "empty file (only whitespace)");
  }
  return doc;
}

}  // namespace highfence::documents::internal
