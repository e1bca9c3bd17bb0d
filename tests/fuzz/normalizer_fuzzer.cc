// SPDX-License-Identifier: Apache-2.0
// Normalizer and MakePassage on arbitrary bytes. Invariants: Normalize never crashes, its text
// is valid UTF-8 and equals NormalizeTerm; ToOriginal of every prefix span stays inside the
// input with begin <= end, and the end never goes back as the prefix grows; every one-byte span
// maps inside the input; a passage around any mapped span is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engines/text/internal/utf8.h"
#include "engines/text/normalizer.h"
#include "engines/text/passage.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace highfence::text;
  static const Normalizer normalizer = *Normalizer::Create({});
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  NormalizedText t = normalizer.Normalize(input);
  const std::string& text = t.text();
  Require(internal::IsValidUtf8(text));
  Require(normalizer.NormalizeTerm(input) == text);

  size_t previous_end = 0;
  for (size_t k = 0; k <= text.size(); ++k) {
    Span o = t.ToOriginal({0, k});
    Require(o.begin <= o.end && o.end <= size);
    Require(o.end >= previous_end);
    previous_end = o.end;
    if (k < text.size()) {
      Span one = t.ToOriginal({k, k + 1});
      Require(one.begin <= one.end && one.end <= size);
    }
  }
  if (!text.empty()) {
    Span all = t.ToOriginal({0, text.size()});
    Passage p = MakePassage(input, all, static_cast<int>(size % 50));
    Require(internal::IsValidUtf8(p.before) && internal::IsValidUtf8(p.match) && internal::IsValidUtf8(p.after));
    Span mid = t.ToOriginal({text.size() / 3, text.size() / 2});
    p = MakePassage(input, mid, 10);
    Require(internal::IsValidUtf8(p.before) && internal::IsValidUtf8(p.after));
  }
  return 0;
}
