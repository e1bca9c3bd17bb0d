// SPDX-License-Identifier: Apache-2.0
#include "engines/text/internal/fold_table.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <memory>

#include "base/check.h"

namespace highfence::text::internal {

const FoldTable* FoldTable::Get() {
  static const FoldTable* const table = []() -> const FoldTable* {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* norm2 = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || norm2 == nullptr) return nullptr;
    auto t = std::make_unique<FoldTable>();
    t->norm2_ = norm2;
    t->bmp_.assign(0x10000, 0);
    std::string utf8;
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // never decoded from valid UTF-8
      uint32_t entry = norm2->hasBoundaryBefore(static_cast<UChar32>(cp)) ? kBoundary : 0;
      icu::UnicodeString src(static_cast<UChar32>(cp));
      icu::UnicodeString dst = norm2->normalize(src, status);
      if (U_FAILURE(status)) return nullptr;
      if (dst == src) {
        entry |= kIdentity;
      } else {
        utf8.clear();
        dst.toUTF8String(utf8);
        HF_CHECK(utf8.size() <= 0xFF && t->pool_.size() + utf8.size() <= kOffsetMask);
        entry |= static_cast<uint32_t>(t->pool_.size()) | static_cast<uint32_t>(utf8.size()) << kLengthShift;
        t->pool_ += utf8;
      }
      t->bmp_[cp] = entry;
    }
    // The ASCII fast path in the normaliser relies on these two facts; check them, not assume.
    for (char32_t c = 0; c < 0x80; ++c) {
      HF_CHECK((t->bmp_[c] & kBoundary) != 0);
      const bool upper = c >= 'A' && c <= 'Z';
      HF_CHECK(upper ? t->Mapping(c) == std::string(1, static_cast<char>(c + 32)) : (t->bmp_[c] & kIdentity) != 0);
    }
    return t.release();  // lives for the process, like ICU's own singletons
  }();
  return table;
}

bool FoldTable::BoundaryBeforeSlow(char32_t cp) const {
  return norm2_->hasBoundaryBefore(static_cast<UChar32>(cp));
}

std::string FoldTable::Fold(std::string_view utf8) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString src =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString dst = norm2_->normalize(src, status);
  std::string out;
  if (U_FAILURE(status)) return std::string(utf8);  // cannot happen for valid input; keep the text
  dst.toUTF8String(out);
  return out;
}

}  // namespace highfence::text::internal
