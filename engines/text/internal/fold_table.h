// SPDX-License-Identifier: Apache-2.0
#pragma once
// FoldTable: NFKC_Casefold of every BMP code point on its own, precomputed once per process
// from ICU, plus ICU's "boundary before" property. The normaliser cuts the input at
// normalisation boundaries; a segment of one code point (nearly all of real text) is then
// folded by one table lookup instead of a UTF-8 → UTF-16 → ICU → UTF-8 round trip, which
// is what lets it run at hundreds of MB/s. Multi-code-point segments (a base plus combining
// marks, half-width ｶ + ﾞ) and supplementary code points still go through ICU.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>  // U_NAMESPACE_BEGIN: ICU's namespace is versioned (icu_72)

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace highfence::text::internal {

class FoldTable {
 public:
  // The process-wide table, built on first use (thread-safe); nullptr if ICU's data is missing.
  static const FoldTable* Get();

  // True if cp never interacts with what precedes it under NFKC_Casefold.
  bool BoundaryBefore(char32_t cp) const { return cp < 0x10000 ? (bmp_[cp] & kBoundary) != 0 : BoundaryBeforeSlow(cp); }
  // True if a BMP cp alone folds to itself.
  bool IsIdentity(char32_t cp) const { return cp < 0x10000 && (bmp_[cp] & kIdentity) != 0; }
  // Both of the above: a BMP cp that can be copied through unless what follows composes with it.
  bool IsStableBmp(char32_t cp) const { return (bmp_[cp] & (kBoundary | kIdentity)) == (kBoundary | kIdentity); }
  // The UTF-8 fold of a BMP cp alone that is not identity. REQUIRES: cp < 0x10000, !IsIdentity(cp).
  std::string_view Mapping(char32_t cp) const {
    uint32_t e = bmp_[cp];
    return std::string_view(pool_).substr(e & kOffsetMask, (e >> kLengthShift) & 0xFF);
  }
  // NFKC_Casefold of arbitrary valid UTF-8, through ICU.
  std::string Fold(std::string_view utf8) const;

 private:
  static constexpr uint32_t kBoundary = 1u << 31;
  static constexpr uint32_t kIdentity = 1u << 30;
  static constexpr uint32_t kLengthShift = 22;  // 8 bits of length
  static constexpr uint32_t kOffsetMask = (1u << 22) - 1;

  bool BoundaryBeforeSlow(char32_t cp) const;

  const icu::Normalizer2* norm2_ = nullptr;
  std::vector<uint32_t> bmp_;  // 65,536 entries: flags | length << 22 | offset into pool_
  std::string pool_;
};

}  // namespace highfence::text::internal
