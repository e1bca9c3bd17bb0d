// SPDX-License-Identifier: Apache-2.0
#pragma once
// Passage: the surrounding text of a hit, cut on code-point boundaries, for showing a person
// why something was flagged. Whitespace runs (including line breaks) become one space.
#include <string>
#include <string_view>

#include "engines/text/normalizer.h"

namespace highfence::text {

struct Passage {
  std::string before;  // up to `context_chars` code points before the hit
  std::string match;   // the hit itself, as it stands in the original
  std::string after;   // up to `context_chars` code points after the hit
};

// REQUIRES: span within original. Never splits a UTF-8 sequence; prefers to stop at a sentence
// end (。．.!?) when one lies within the context.
Passage MakePassage(std::string_view original, Span span, int context_chars);

}  // namespace highfence::text
