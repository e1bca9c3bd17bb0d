// SPDX-License-Identifier: Apache-2.0
#pragma once
// UTF-8 decoding and encoding for the text engine. Hand-written because the hot loop needs
// a decoder that reports the exact byte length of each code point (for the offset map) and
// treats invalid input the Unicode-recommended way (one U+FFFD per maximal subpart) without
// allocating; ICU's U8_NEXT macro does the same but would pull unicode/ headers into every
// internal user (passage, fuzzer, tests).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace highfence::text::internal {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;
  uint32_t len;  // bytes consumed, >= 1
  bool invalid;  // true: cp == U+FFFD standing for `len` invalid bytes
};

// Decodes the code point at s[i]. REQUIRES: i < s.size().
inline Decoded DecodeAt(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b0 = p[i];
  if (b0 < 0x80) return {b0, 1, false};
  uint32_t need;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // U+D800..U+DFFF (surrogates) are not valid UTF-8
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {kReplacement, 1, true};
  }
  uint32_t len = 1;
  for (uint32_t k = 0; k < need; ++k) {
    if (i + len >= n) return {kReplacement, len, true};
    const unsigned char b = p[i + len];
    if (k == 0 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return {kReplacement, len, true};
    cp = (cp << 6) | (b & 0x3F);
    ++len;
  }
  return {cp, len, false};
}

inline constexpr uint32_t EncodedLength(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Writes cp (a scalar value) at out; returns the number of bytes written (1..4).
inline uint32_t Encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// True if s is well-formed UTF-8.
inline bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    Decoded d = DecodeAt(s, i);
    if (d.invalid) return false;
    i += d.len;
  }
  return true;
}

}  // namespace highfence::text::internal
