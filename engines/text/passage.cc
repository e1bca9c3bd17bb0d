// SPDX-License-Identifier: Apache-2.0
#include "engines/text/passage.h"

#include <algorithm>
#include <string>

#include "base/check.h"
#include "engines/text/internal/script.h"
#include "engines/text/internal/utf8.h"

namespace highfence::text {
namespace {

using internal::DecodeAt;
using internal::Decoded;

// The start of the code point that ends just before `pos`. An invalid byte counts as one
// code point of its own, so the walk never lands inside a well-formed sequence.
size_t PreviousBoundary(std::string_view s, size_t pos) {
  size_t p = pos - 1;
  int back = 0;
  while (p > 0 && back < 3 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) {
    --p;
    ++back;
  }
  Decoded d = DecodeAt(s, p);
  if (!d.invalid && p + d.len == pos) return p;
  return pos - 1;
}

bool IsSentenceEndAt(std::string_view s, size_t i, const Decoded& d) {
  if (d.invalid) return false;
  if (internal::IsCjkSentenceEnd(d.cp)) return true;
  if (!internal::IsAsciiSentenceEnd(d.cp)) return false;
  // "3.5", "e.g.x" and "U.S.-Japan" are not sentence ends; ". " and a final "." are.
  const size_t next = i + d.len;
  return next == s.size() || internal::IsSpace(DecodeAt(s, next).cp);
}

// Copies s with each white-space run as one space and invalid UTF-8 as U+FFFD.
std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_space = false;
  char buf[4];
  for (size_t i = 0; i < s.size();) {
    Decoded d = DecodeAt(s, i);
    i += d.len;
    if (internal::IsSpace(d.cp)) {
      if (!in_space) out += ' ';
      in_space = true;
      continue;
    }
    in_space = false;
    out.append(buf, internal::Encode(d.cp, buf));
  }
  return out;
}

std::string TrimSpaces(std::string s, bool front) {
  if (front) {
    if (!s.empty() && s.front() == ' ') s.erase(0, 1);
  } else {
    if (!s.empty() && s.back() == ' ') s.pop_back();
  }
  return s;
}

}  // namespace

Passage MakePassage(std::string_view original, Span span, int context_chars) {
  HF_CHECK(span.begin <= span.end && span.end <= original.size());
  Passage p;
  p.match = Clean(original.substr(span.begin, span.size()));
  if (context_chars <= 0) return p;

  // Before: walk back context_chars code points, then start after the last sentence end in
  // that window, so the passage opens at the start of the hit's sentence when it can.
  size_t start = span.begin;
  for (int k = 0; k < context_chars && start > 0; ++k) start = PreviousBoundary(original, start);
  size_t sentence_start = start;
  for (size_t i = start; i < span.begin;) {
    Decoded d = DecodeAt(original, i);
    if (IsSentenceEndAt(original, i, d)) sentence_start = i + d.len;
    i += d.len;
  }
  start = std::min(sentence_start, span.begin);
  p.before = TrimSpaces(Clean(original.substr(start, span.begin - start)), /*front=*/true);

  // After: up to context_chars code points, stopping just after the first sentence end.
  size_t end = span.end;
  for (int k = 0; k < context_chars && end < original.size(); ++k) {
    Decoded d = DecodeAt(original, end);
    const bool stop = IsSentenceEndAt(original, end, d);
    end += d.len;
    if (stop) break;
  }
  p.after = TrimSpaces(Clean(original.substr(span.end, end - span.end)), /*front=*/false);
  return p;
}

}  // namespace highfence::text
