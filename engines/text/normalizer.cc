// SPDX-License-Identifier: Apache-2.0
#include "engines/text/normalizer.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/check.h"
#include "engines/text/internal/fold_table.h"
#include "engines/text/internal/script.h"
#include "engines/text/internal/utf8.h"

namespace highfence::text {

using internal::IsCjk;
using internal::IsDash;
using internal::IsHyphen;
using internal::IsKanaOrLongVowel;
using internal::IsKatakana;
using internal::IsLatinLetter;
using internal::IsLineBreak;
using internal::IsSpace;
using internal::kLongVowelMark;
using internal::kMiddleDot;

namespace {

// ASCII byte classes for the fast path. kPlain bytes fold to themselves or to their lower
// case and take part in no context rule; kBlank is ASCII white space; everything else
// (the hyphen, which may be a long-vowel mark or a line-end hyphen, and non-ASCII lead bytes)
// goes through the general path.
enum : uint8_t { kPlain = 0, kBlank = 1, kSpecial = 2 };

constexpr std::array<uint8_t, 256> MakeAsciiClass() {
  std::array<uint8_t, 256> t{};
  for (int b = 0; b < 256; ++b) {
    t[b] = b >= 0x80 ? kSpecial : kPlain;
  }
  for (int b : {' ', '\t', '\n', '\v', '\f', '\r'}) t[b] = kBlank;
  t['-'] = kSpecial;
  return t;
}
constexpr std::array<uint8_t, 256> kAsciiClass = MakeAsciiClass();

inline char AsciiLower(unsigned char b) {
  return static_cast<char>(static_cast<unsigned>(b - 'A') < 26u ? b + 32 : b);
}

}  // namespace

struct Normalizer::Rep {
  Options options;
  const internal::FoldTable* table = nullptr;

  class Builder;
};

// One pass over the input. Stage one cuts the input at normalisation boundaries and folds
// each segment (table lookup, or ICU for composing sequences); stage two, OnChar, applies the
// context rules that no Unicode normalisation form has (long vowels, ・, line joins, white
// space), holding back at most one mark and one white-space run until the next character
// decides them. Every emitted piece records where it came from; the run map is written by
// hand because the map must follow our own context rules, which ICU's Edits API cannot see.
class Normalizer::Rep::Builder {
 public:
  Builder(const Rep& rep, std::string_view in, bool record_map) : rep_(rep), in_(in), record_map_(record_map) {
    out_.resize(in.size() + in.size() / 8 + 16);
  }

  void Run() {
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
    const size_t n = in_.size();
    size_t i = 0;
    while (i < n) {
      if (p[i] < 0x80 && held_ == Held::kNone && !ws_pending_ && kAsciiClass[p[i]] == kPlain) {
        i = AsciiRun(i);
        continue;
      }
      if (p[i] >= 0xE3 && p[i] <= 0xE9 && held_ == Held::kNone && !ws_pending_) {
        const size_t j = CjkRun(i);
        if (j != i) {
          i = j;
          continue;
        }
      }
      i = Segment(i);
    }
    Finish();
  }

  std::string TakeText() {
    out_.resize(pos_);
    return std::move(out_);
  }
  std::vector<NormalizedText::Run> TakeRuns() { return std::move(runs_); }

 private:
  enum class Held { kNone, kLongVowels, kDot, kHyphen };
  struct HeldChar {
    char32_t cp;
    size_t begin;
    size_t end;
    bool single;
  };

  // Plain ASCII (and single blanks between plain bytes) straight to the output: identity or
  // lower case, byte for byte, one linear run. No pending state exists on entry, so a lone
  // blank between two plain bytes can only become one space.
  size_t AsciiRun(size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
    const size_t n = in_.size();
    Ensure(n - i);
    char* o = out_.data() + pos_;
    size_t j = i;
    while (j < n) {
      const unsigned char b = p[j];
      const uint8_t k = kAsciiClass[b];
      if (k == kPlain) {
        *o++ = AsciiLower(b);
        ++j;
      } else if (k == kBlank && j + 1 < n && kAsciiClass[p[j + 1]] == kPlain) {
        o[0] = ' ';
        o[1] = AsciiLower(p[j + 1]);
        o += 2;
        j += 2;
      } else {
        break;
      }
    }
    // A combining mark after the last ASCII letter composes with it ("e" + U+0301 → é):
    // leave that letter to the general path.
    if (j < n && p[j] >= 0x80) {
      internal::Decoded d = internal::DecodeAt(in_, j);
      if (!d.invalid && !rep_.table->BoundaryBefore(d.cp)) {
        --j;
        --o;
      }
    }
    if (j == i) return Segment(i);
    const size_t at = pos_;
    pos_ = static_cast<size_t>(o - out_.data());
    AddMap(at, i, j, /*linear=*/true);
    const unsigned char last = p[j - 1];
    last_ = kAsciiClass[last] == kBlank ? char32_t{' '} : static_cast<char32_t>(AsciiLower(last));
    return j;
  }

  // Kana and kanji (U+3000..U+9FFF, three-byte UTF-8) that fold to themselves, straight to
  // the output with katakana → hiragana: one linear run, as both are three bytes. Stops before
  // anything a context rule looks at (ー, ・) and anything NFKC changes; returns i if it took
  // nothing.
  size_t CjkRun(size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
    const size_t n = in_.size();
    const bool fold = rep_.options.fold_kana;
    Ensure(n - i);
    char* o = out_.data() + pos_;
    size_t j = i;
    char32_t last = 0;
    while (j + 2 < n && p[j] >= 0xE3 && p[j] <= 0xE9 && (p[j + 1] & 0xC0) == 0x80 && (p[j + 2] & 0xC0) == 0x80) {
      const char32_t cp = (char32_t{p[j]} & 0x0F) << 12 | (char32_t{p[j + 1]} & 0x3F) << 6 | (p[j + 2] & 0x3F);
      if (cp == kLongVowelMark || cp == kMiddleDot || !rep_.table->IsStableBmp(cp)) break;
      if (fold && internal::FoldKana(cp) != cp) {
        internal::Encode(internal::FoldKana(cp), o);
      } else {
        o[0] = static_cast<char>(p[j]);
        o[1] = static_cast<char>(p[j + 1]);
        o[2] = static_cast<char>(p[j + 2]);
      }
      o += 3;
      j += 3;
      last = cp;
    }
    if (j == i) return i;
    // A following mark that composes with the last character (か + U+3099 → が): give the
    // last character back to the general path.
    if (j < n && p[j] >= 0x80) {
      internal::Decoded d = internal::DecodeAt(in_, j);
      if (!d.invalid && !rep_.table->BoundaryBefore(d.cp)) {
        j -= 3;
        o -= 3;
        if (j == i) return i;
        const unsigned char* q = p + j - 3;
        last = (char32_t{q[0]} & 0x0F) << 12 | (char32_t{q[1]} & 0x3F) << 6 | (q[2] & 0x3F);
      }
    }
    const size_t at = pos_;
    pos_ = static_cast<size_t>(o - out_.data());
    AddMap(at, i, j, /*linear=*/true);
    last_ = last;
    return j;
  }

  // One normalisation segment: a code point and any following ones that interact with it.
  size_t Segment(size_t i) {
    const size_t n = in_.size();
    const size_t begin = i;
    internal::Decoded d = internal::DecodeAt(in_, i);
    i += d.len;
    if (d.invalid) {
      OnChar(internal::kReplacement, begin, i, /*single=*/false);
      return i;
    }
    bool composite = false;
    while (i < n && static_cast<unsigned char>(in_[i]) >= 0x80) {
      internal::Decoded next = internal::DecodeAt(in_, i);
      if (next.invalid || rep_.table->BoundaryBefore(next.cp)) break;
      i += next.len;
      composite = true;
    }
    if (!composite && rep_.table->IsIdentity(d.cp)) {
      OnChar(d.cp, begin, i, /*single=*/true);
    } else if (!composite && d.cp < 0x10000) {
      Feed(rep_.table->Mapping(d.cp), begin, i);
    } else {
      Feed(rep_.table->Fold(in_.substr(begin, i - begin)), begin, i);
    }
    return i;
  }

  // Feeds the fold of original bytes [begin, end) to the context rules.
  void Feed(std::string_view folded, size_t begin, size_t end) {
    size_t k = 0;
    internal::Decoded first{0, 0, false};
    if (!folded.empty()) first = internal::DecodeAt(folded, 0);
    const bool single = !folded.empty() && first.len == folded.size();
    while (k < folded.size()) {
      internal::Decoded d = internal::DecodeAt(folded, k);
      OnChar(d.cp, begin, end, single);
      k += d.len;
    }
  }

  // The context rules. `single`: this code point is the whole fold of [begin, end).
  void OnChar(char32_t cp, size_t begin, size_t end, bool single) {
    const Options& opt = rep_.options;
    if (IsSpace(cp)) {
      if (!ws_pending_) {
        ws_pending_ = true;
        ws_begin_ = begin;
        ws_newline_ = false;
      }
      ws_end_ = end;
      ws_newline_ = ws_newline_ || IsLineBreak(cp);
      return;
    }
    if (ws_pending_) {
      ws_pending_ = false;
      const bool join = ws_newline_ && opt.join_broken_lines;
      if (join && held_ == Held::kHyphen && IsLatinLetter(cp)) {
        held_ = Held::kNone;  // "hyper-⏎sonic" → "hypersonic": hyphen and break both go
        held_chars_.clear();
      } else if (join && IsCjk(last_) && IsCjk(cp)) {
        // "量子センシ⏎ング": a PDF line wrap inside a CJK run; the break goes.
      } else {
        Resolve(' ');
        EmitSpace();
        last_ = ' ';
      }
    }
    if (IsDash(cp) && IsKanaOrLongVowel(last_)) cp = kLongVowelMark;
    if (held_ != Held::kNone) {
      if (held_ == Held::kLongVowels && cp == kLongVowelMark) {
        held_chars_.push_back({cp, begin, end, single});
        return;
      }
      Resolve(cp);
    }
    if (cp == kLongVowelMark && opt.drop_final_long_vowel && IsKatakana(last_)) {
      Hold(Held::kLongVowels, cp, begin, end, single);
    } else if (cp == kMiddleDot && IsKanaOrLongVowel(last_)) {
      Hold(Held::kDot, cp, begin, end, single);
    } else if (IsHyphen(cp) && opt.join_broken_lines && IsLatinLetter(last_)) {
      Hold(Held::kHyphen, cp, begin, end, single);
    } else {
      Emit(cp, begin, end, single);
    }
    last_ = cp;
  }

  void Hold(Held what, char32_t cp, size_t begin, size_t end, bool single) {
    held_ = what;
    held_chars_.push_back({cp, begin, end, single});
  }

  // Decides the held mark now that the next character (or ' ' for a space, 0 for the end)
  // is known.
  void Resolve(char32_t next) {
    bool keep = true;
    switch (held_) {
      case Held::kNone:
        return;
      case Held::kLongVowels:  // word-final after katakana: センサー ≡ センサ
        keep = IsKatakana(next);
        break;
      case Held::kDot:  // between kana: ビッグ・データ ≡ ビッグデータ
        keep = !IsKanaOrLongVowel(next);
        break;
      case Held::kHyphen:  // not followed by a line break and a letter: an ordinary hyphen
        keep = true;
        break;
    }
    if (keep) {
      for (const HeldChar& h : held_chars_) Emit(h.cp, h.begin, h.end, h.single);
    }
    held_chars_.clear();
    held_ = Held::kNone;
  }

  void Finish() {
    if (ws_pending_) {
      ws_pending_ = false;
      Resolve(' ');
      EmitSpace();
    } else {
      Resolve(0);
    }
  }

  void Emit(char32_t cp, size_t begin, size_t end, bool single) {
    if (rep_.options.fold_kana) cp = internal::FoldKana(cp);
    Ensure(4);
    const size_t at = pos_;
    pos_ += internal::Encode(cp, out_.data() + pos_);
    AddMap(at, begin, end, single && pos_ - at == end - begin);
  }

  void EmitSpace() {
    Ensure(1);
    const size_t at = pos_;
    out_[pos_++] = ' ';
    AddMap(at, ws_begin_, ws_end_, ws_end_ - ws_begin_ == 1);
  }

  // Records that output from `at` (to the current end) came from original [begin, end).
  void AddMap(size_t at, size_t begin, size_t end, bool linear) {
    if (!record_map_) return;
    if (!runs_.empty()) {
      NormalizedText::Run& last = runs_.back();
      if (linear && last.linear && last.orig_end == begin) {  // extends a byte-for-byte run
        last.orig_end = end;
        return;
      }
      if (!linear && !last.linear && last.orig_begin == begin && last.orig_end == end) return;  // same unit
    }
    runs_.push_back({at, begin, end, linear});
  }

  void Ensure(size_t extra) {
    if (pos_ + extra > out_.size()) out_.resize(std::max(out_.size() * 2, pos_ + extra));
  }

  const Rep& rep_;
  std::string_view in_;
  bool record_map_;
  std::string out_;  // sized ahead; pos_ is the real length
  size_t pos_ = 0;
  std::vector<NormalizedText::Run> runs_;

  char32_t last_ = 0;  // the last non-space character seen (after folding), ' ' after a space
  Held held_ = Held::kNone;
  std::vector<HeldChar> held_chars_;
  bool ws_pending_ = false;
  bool ws_newline_ = false;
  size_t ws_begin_ = 0;
  size_t ws_end_ = 0;
};

Span NormalizedText::ToOriginal(Span n) const {
  HF_CHECK(n.begin <= n.end && n.end <= text_.size());
  if (runs_.empty()) return {original_size_, original_size_};
  auto run_at = [this](size_t pos) {
    auto it =
        std::upper_bound(runs_.begin(), runs_.end(), pos, [](size_t p, const Run& r) { return p < r.norm_begin; });
    return it - 1;  // runs_[0].norm_begin == 0, so it > begin()
  };
  auto point = [&](size_t pos) -> size_t {
    if (pos >= text_.size()) return original_size_;
    auto r = run_at(pos);
    return r->linear ? r->orig_begin + (pos - r->norm_begin) : r->orig_begin;
  };
  const size_t begin = point(n.begin);
  if (n.begin == n.end) return {begin, begin};
  auto r = run_at(n.end - 1);
  const size_t end = r->linear ? r->orig_begin + (n.end - r->norm_begin) : r->orig_end;
  return {begin, end};
}

Result<Normalizer> Normalizer::Create(const Options& options) {
  const internal::FoldTable* table = internal::FoldTable::Get();
  if (table == nullptr) {
    return MakeError(ErrorCode::kInternal, "text: ICU NFKC_Casefold data could not be loaded");
  }
  auto rep = std::make_shared<Rep>();
  rep->options = options;
  rep->table = table;
  Normalizer n;
  n.rep_ = std::move(rep);
  return n;
}

NormalizedText Normalizer::Normalize(std::string_view utf8) const {
  Rep::Builder b(*rep_, utf8, /*record_map=*/true);
  b.Run();
  NormalizedText t;
  t.text_ = b.TakeText();
  t.runs_ = b.TakeRuns();
  t.runs_.shrink_to_fit();
  t.original_size_ = utf8.size();
  return t;
}

std::string Normalizer::NormalizeTerm(std::string_view utf8) const {
  Rep::Builder b(*rep_, utf8, /*record_map=*/false);
  b.Run();
  return b.TakeText();
}

}  // namespace highfence::text
