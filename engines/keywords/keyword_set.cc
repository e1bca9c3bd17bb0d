// SPDX-License-Identifier: Apache-2.0
#include "engines/keywords/keyword_set.h"

#include <hs/hs.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace highfence::keywords {
namespace {

// Decodes the code point that ends at `end` (exclusive); returns 0 at the start of text.
// Hand-written: a two-line UTF-8 back-step is all we need, ICU's U8_PREV would pull ICU in here.
char32_t PrevCodePoint(std::string_view s, size_t end) {
  if (end == 0) return 0;
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 && end - i < 4) --i;
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0 && end - i == 2) return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F);
  if ((c & 0xF0) == 0xE0 && end - i == 3) return ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
  if ((c & 0xF8) == 0xF0 && end - i == 4)
    return ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  return 0xFFFD;
}

char32_t NextCodePoint(std::string_view s, size_t begin) {
  if (begin >= s.size()) return 0;
  auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned char c = b(begin);
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0) return ((c & 0x1F) << 6) | (b(begin + 1) & 0x3F);
  if ((c & 0xF0) == 0xE0) return ((c & 0x0F) << 12) | ((b(begin + 1) & 0x3F) << 6) | (b(begin + 2) & 0x3F);
  if ((c & 0xF8) == 0xF0)
    return ((c & 0x07) << 18) | ((b(begin + 1) & 0x3F) << 12) | ((b(begin + 2) & 0x3F) << 6) | (b(begin + 3) & 0x3F);
  return 0xFFFD;
}

// Latin letters (ASCII, Latin-1 supplement and Latin Extended-A/B) and ASCII digits: the
// characters that continue an English word.
bool IsWordChar(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

struct Literal {
  std::string text;
  bool boundary_left = false;
  bool boundary_right = false;
  std::vector<uint32_t> ids;
};

}  // namespace

struct KeywordSet::Rep {
  Options options;
  std::vector<Literal> literals;
  size_t pattern_count = 0;
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
  mutable std::mutex pool_mutex;
  mutable std::vector<hs_scratch_t*> pool;

  ~Rep() {
    for (hs_scratch_t* s : pool) hs_free_scratch(s);
    if (prototype) hs_free_scratch(prototype);
    if (db) hs_free_database(db);
  }

  hs_scratch_t* Acquire() const {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool.empty()) {
        hs_scratch_t* s = pool.back();
        pool.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(prototype, &s) != HS_SUCCESS) return nullptr;
    return s;
  }
  void Release(hs_scratch_t* s) const {
    std::lock_guard<std::mutex> lock(pool_mutex);
    pool.push_back(s);
  }
};

Result<KeywordSet> KeywordSet::Build(std::span<const Pattern> patterns, const Options& options) {
  auto rep = std::make_shared<Rep>();
  rep->options = options;
  rep->pattern_count = patterns.size();
  std::unordered_map<std::string, size_t> index;  // one Hyperscan literal per distinct text
  for (const Pattern& p : patterns) {
    if (p.text.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "pattern " + std::to_string(p.id) + " is empty after normalisation");
    }
    auto [it, fresh] = index.try_emplace(p.text, rep->literals.size());
    if (fresh) {
      Literal lit;
      lit.text = p.text;
      lit.boundary_left = options.latin_word_boundaries && IsWordChar(NextCodePoint(p.text, 0));
      lit.boundary_right = options.latin_word_boundaries && IsWordChar(PrevCodePoint(p.text, p.text.size()));
      rep->literals.push_back(std::move(lit));
    }
    std::vector<uint32_t>& ids = rep->literals[it->second].ids;
    if (std::find(ids.begin(), ids.end(), p.id) == ids.end()) ids.push_back(p.id);
  }
  KeywordSet set;
  if (rep->literals.empty()) {  // Hyperscan refuses an empty database; an empty set hits nothing.
    set.rep_ = std::move(rep);
    return set;
  }
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(rep->literals.size(), HS_FLAG_SOM_LEFTMOST);
  std::vector<unsigned> ids;
  for (size_t i = 0; i < rep->literals.size(); ++i) {
    exprs.push_back(rep->literals[i].text.data());
    lens.push_back(rep->literals[i].text.size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &rep->db, &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "unknown error";
    int bad = err ? err->expression : -1;
    hs_free_compile_error(err);
    std::string which = bad >= 0 ? " (pattern \"" + rep->literals[bad].text + "\")" : "";
    return MakeError(ErrorCode::kInternal, "Hyperscan cannot compile the keyword database: " + msg + which);
  }
  if (hs_alloc_scratch(rep->db, &rep->prototype) != HS_SUCCESS) {
    return MakeError(ErrorCode::kResourceExhausted, "Hyperscan cannot allocate scratch space");
  }
  set.rep_ = std::move(rep);
  return set;
}

size_t KeywordSet::pattern_count() const {
  return rep_ ? rep_->pattern_count : 0;
}

namespace {

struct ScanContext {
  const KeywordSet* set;
  std::string_view text;
  const std::vector<Literal>* literals;
  const Options* options;
  std::vector<Hit>* hits;
};

bool RightBoundaryOk(std::string_view text, size_t end, bool allow_plural) {
  if (!IsWordChar(NextCodePoint(text, end))) return true;
  if (!allow_plural) return false;
  if (text.substr(end, 1) == "s" && !IsWordChar(NextCodePoint(text, end + 1))) return true;
  if (text.substr(end, 2) == "es" && !IsWordChar(NextCodePoint(text, end + 2))) return true;
  return false;
}

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  const Literal& lit = (*ctx->literals)[id];
  if (lit.boundary_left && IsWordChar(PrevCodePoint(ctx->text, from))) return 0;
  if (lit.boundary_right && !RightBoundaryOk(ctx->text, to, ctx->options->allow_plural_suffix)) return 0;
  for (uint32_t pid : lit.ids) ctx->hits->push_back(Hit{pid, static_cast<size_t>(from), static_cast<size_t>(to)});
  return 0;
}

}  // namespace

std::vector<Hit> KeywordSet::Scan(std::string_view text) const {
  std::vector<Hit> hits;
  if (!rep_ || !rep_->db || text.empty()) return hits;
  hs_scratch_t* scratch = rep_->Acquire();
  if (!scratch) return hits;
  ScanContext ctx{this, text, &rep_->literals, &rep_->options, &hits};
  // Hyperscan's block mode takes an unsigned length: scan in chunks below 4 GiB would be
  // needed for larger inputs; documents are capped far below that by engines/documents.
  hs_scan(rep_->db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, &ctx);
  rep_->Release(scratch);
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.id < b.id;
  });
  return hits;
}

}  // namespace highfence::keywords
