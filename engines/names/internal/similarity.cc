// SPDX-License-Identifier: Apache-2.0
#include "engines/names/internal/similarity.h"

#include <algorithm>
#include <array>

namespace highfence::names::internal {

void DecodeUtf8(std::string_view s, std::u32string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      len = 1, cp = c;
    } else if ((c >> 5) == 0x6) {
      len = 2, cp = c & 0x1f;
    } else if ((c >> 4) == 0xe) {
      len = 3, cp = c & 0x0f;
    } else if ((c >> 3) == 0x1e) {
      len = 4, cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) ok = false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (!ok) {
      out->push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out->push_back(cp);
    i += len;
  }
}

namespace {

template <typename View>
double JaroWinklerImpl(View a, View b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  thread_local std::vector<char> a_used, b_used;
  a_used.assign(a.size(), 0);
  b_used.assign(b.size(), 0);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!b_used[j] && a[i] == b[j]) {
        a_used[i] = b_used[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_used[i]) continue;
    while (!b_used[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

}  // namespace

double JaroWinkler(std::u32string_view a, std::u32string_view b) {
  return JaroWinklerImpl(a, b);
}
double JaroWinkler(std::string_view a, std::string_view b) {
  return JaroWinklerImpl(a, b);
}

namespace {

// Hand-written on purpose: no Debian-packaged C or C++ library offers a bit-parallel
// Levenshtein over code points (ICU has none; rapidfuzz-cpp is not in bookworm), and this is
// the inner loop of scoring, so a 64-bit word per column step matters.
size_t MyersLevenshtein(std::u32string_view pattern, std::u32string_view text) {
  const size_t m = pattern.size();
  // Peq: for each pattern character, the bit positions where it occurs. ASCII indexes an
  // array; other characters search the pattern's distinct characters (at most 64).
  std::array<uint64_t, 128> ascii{};
  std::array<char32_t, 64> other_chars{};
  std::array<uint64_t, 64> other_masks{};
  size_t others = 0;
  for (size_t i = 0; i < m; ++i) {
    const char32_t c = pattern[i];
    if (c < 128) {
      ascii[c] |= uint64_t{1} << i;
      continue;
    }
    size_t k = 0;
    while (k < others && other_chars[k] != c) ++k;
    if (k == others) other_chars[others++] = c;
    other_masks[k] |= uint64_t{1} << i;
  }
  auto peq = [&](char32_t c) -> uint64_t {
    if (c < 128) return ascii[c];
    for (size_t k = 0; k < others; ++k) {
      if (other_chars[k] == c) return other_masks[k];
    }
    return 0;
  };
  uint64_t pv = ~uint64_t{0};
  uint64_t mv = 0;
  size_t score = m;
  const uint64_t last = uint64_t{1} << (m - 1);
  for (char32_t c : text) {
    const uint64_t eq = peq(c);
    const uint64_t xv = eq | mv;
    const uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
    uint64_t ph = mv | ~(xh | pv);
    uint64_t mh = pv & xh;
    if (ph & last) ++score;
    if (mh & last) --score;
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

size_t DynamicLevenshtein(std::u32string_view a, std::u32string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

size_t Levenshtein(std::u32string_view a, std::u32string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty()) return b.size();
  if (a.size() <= 64) return MyersLevenshtein(a, b);
  return DynamicLevenshtein(a, b);
}

double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(Levenshtein(a, b)) / static_cast<double>(longer);
}

namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Bit set of the bytes of an ASCII token, folded onto 64 bits.
uint64_t CharMask(std::string_view s) {
  uint64_t mask = 0;
  for (unsigned char c : s) mask |= uint64_t{1} << (c & 63);
  return mask;
}

// Characters of b whose byte occurs in a (by mask): an upper bound on the characters the
// two have in common, hence on Jaro's m.
size_t CommonBound(uint64_t mask_a, std::string_view b) {
  size_t n = 0;
  for (unsigned char c : b) n += (mask_a >> (c & 63)) & 1;
  return n;
}

}  // namespace

TokenSetResult TokenSet(std::span<const WeightedToken> query, std::span<const WeightedToken> record, bool collect,
                        bool ascii, bool fuzzy) {
  constexpr size_t kMaxTokens = 64;
  TokenSetResult result;
  const size_t nq = std::min(query.size(), kMaxTokens);
  const size_t nr = std::min(record.size(), kMaxTokens);
  std::array<bool, kMaxTokens> q_done{}, r_done{};
  double wq = 0, wr = 0, matched = 0;
  for (size_t i = 0; i < nq; ++i) wq += query[i].weight;
  for (size_t j = 0; j < nr; ++j) wr += record[j].weight;

  // 1. Exact pairs: interned ids when both sides have one (a query token unknown to the
  // index cannot equal a record token), else the text.
  for (size_t i = 0; i < nq; ++i) {
    const uint32_t qid = query[i].id;
    for (size_t j = 0; j < nr; ++j) {
      if (r_done[j]) continue;
      // A token with an id is in the index; one without cannot equal one with.
      const bool equal =
          (qid != kNoId || record[j].id != kNoId) ? qid == record[j].id : query[i].text == record[j].text;
      if (equal) {
        q_done[i] = r_done[j] = true;
        matched += (query[i].weight + record[j].weight) / 2;
        break;
      }
    }
  }
  // 2. Joins: one token equal to two tokens of the other side run together. Exact, so
  // before the fuzzy pairs, which would take "yamada" for "yamadataro".
  auto join = [&](std::span<const WeightedToken> one, std::array<bool, kMaxTokens>& one_done, size_t n_one,
                  std::span<const WeightedToken> two, std::array<bool, kMaxTokens>& two_done, size_t n_two) {
    size_t open_two = 0;
    for (size_t j = 0; j < n_two; ++j) open_two += !two_done[j];
    for (size_t i = 0; i < n_one && open_two >= 2; ++i) {
      if (one_done[i]) continue;
      const std::string_view t = one[i].text;
      for (size_t j = 0; j < n_two && !one_done[i]; ++j) {
        const std::string_view head = two[j].text;
        if (two_done[j] || head.empty() || head.size() >= t.size() || head[0] != t[0] || !t.starts_with(head)) continue;
        const std::string_view rest = t.substr(two[j].text.size());
        for (size_t k = 0; k < n_two; ++k) {
          if (k == j || two_done[k] || two[k].text != rest) continue;
          one_done[i] = two_done[j] = two_done[k] = true;
          open_two -= 2;
          matched += (one[i].weight + two[j].weight + two[k].weight) / 2;
          break;
        }
      }
    }
  };
  join(query, q_done, nq, record, r_done, nr);
  join(record, r_done, nr, query, q_done, nq);
  // 3. Fuzzy pairs: best remaining partner per query token.
  thread_local std::u32string a, b;
  for (size_t i = 0; i < nq; ++i) {
    const std::string_view qt = query[i].text;
    if (!fuzzy || q_done[i] || qt.size() < 4) continue;
    const bool q_ascii = ascii || IsAscii(qt);
    const uint64_t q_mask = q_ascii ? CharMask(qt) : 0;
    if (!q_ascii) DecodeUtf8(qt, &a);
    if (!q_ascii && a.size() < 4) continue;
    double best = 0;
    size_t best_j = nr;
    for (size_t j = 0; j < nr; ++j) {
      const std::string_view rt = record[j].text;
      if (r_done[j] || rt.size() < 4) continue;
      // Jaro-Winkler ≥ 0.9 needs Jaro ≥ 0.83, so m/|a| + m/|b| ≥ 1.5 for m matching
      // characters, and m is at most the characters the two have in common.
      const double la = static_cast<double>(qt.size());
      const double lb = static_cast<double>(rt.size());
      if ((1.0 + std::min(la, lb) / std::max(la, lb) + 1.0) / 3.0 < 0.83) continue;
      double s = 0;
      if (q_ascii && (ascii || IsAscii(rt))) {
        const double common = static_cast<double>(std::min(CommonBound(q_mask, rt), qt.size()));
        if (common / la + common / lb < 1.5) continue;
        s = JaroWinkler(qt, rt);
      } else {
        if (q_ascii) DecodeUtf8(qt, &a);
        DecodeUtf8(rt, &b);
        if (b.size() < 4) continue;
        s = JaroWinkler(a, b);
      }
      if (s > best) best = s, best_j = j;
    }
    if (best >= 0.9 && best_j < nr) {
      q_done[i] = r_done[best_j] = true;
      matched += best * (query[i].weight + record[best_j].weight) / 2;
    }
  }

  for (size_t i = 0; collect && i < nq; ++i) {
    if (!q_done[i] && query[i].cls != TokenClass::kStop) result.query_only.push_back(query[i].text);
  }
  for (size_t j = 0; collect && j < nr; ++j) {
    if (!r_done[j] && record[j].cls != TokenClass::kStop) result.record_only.push_back(record[j].text);
  }
  const double denominator = wq + wr - matched;
  result.score = denominator <= 0 ? 0.0 : std::clamp(matched / denominator, 0.0, 1.0);
  return result;
}

}  // namespace highfence::names::internal
