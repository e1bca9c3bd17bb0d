// SPDX-License-Identifier: Apache-2.0
#include "engines/names/name_index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "engines/names/internal/keys.h"
#include "engines/names/internal/similarity.h"
#include "engines/names/internal/tools.h"

namespace highfence::names {

using internal::Key;
using internal::Space;
using internal::TokenClass;
using internal::WeightedToken;

namespace {

struct NameInfo {
  uint32_t record;
  Kind kind;
  Script script;
  std::string name;
  std::string country;
};

struct KeyInfo {
  uint32_t name;       // index into Rep::names
  uint32_t tok_begin;  // into Rep::key_tokens / key_token_cls
  uint16_t tok_count;
  Transform transform;
  Space space;
  uint32_t display_begin = 0;  // into Rep::display_arena when the shown form differs from
  uint32_t display_size = 0;   // the match form (romaji fold); size 0: tokens' text
};

uint64_t GramHash(Space space, std::string_view bytes) {
  uint64_t h = 1469598103934665603ull ^ static_cast<uint8_t>(space);
  h *= 1099511628211ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Character q-grams of one token: padded byte trigrams for Latin ("^ha", "har", …, "in$"),
// code-point bigrams for CJK/Hangul (a 1-character token is its own gram).
template <typename Fn>
void ForEachGram(Space space, std::string_view token, Fn&& fn) {
  if (space != Space::kNative) {
    std::string padded;
    padded.reserve(token.size() + 2);
    padded += '^';
    padded += token;
    padded += '$';
    if (padded.size() <= 3) {
      fn(GramHash(space, padded));
      return;
    }
    for (size_t i = 0; i + 3 <= padded.size(); ++i) fn(GramHash(space, std::string_view(padded).substr(i, 3)));
    return;
  }
  std::vector<size_t> starts;
  for (size_t i = 0; i < token.size(); ++i) {
    if ((static_cast<unsigned char>(token[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  starts.push_back(token.size());
  if (starts.size() <= 2) {
    fn(GramHash(space, token));
    return;
  }
  for (size_t i = 0; i + 2 < starts.size(); ++i) {
    fn(GramHash(space, token.substr(starts[i], starts[i + 2] - starts[i])));
  }
}

uint16_t GramWeight(TokenClass cls) {
  switch (cls) {
    case TokenClass::kNormal:
      return 8;
    case TokenClass::kGeneric:
      return 3;
    case TokenClass::kForm:
      return 1;
    case TokenClass::kStop:
      return 0;
  }
  return 0;
}

bool IsChineseCharacterSpace(Space space) {
  return space == Space::kNative;
}

}  // namespace

struct NameIndex::Rep {
  Options options;
  // Distinguishes indexes in per-thread caches (an address may be reused after a free).
  uint64_t generation = NextGeneration();
  static uint64_t NextGeneration() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
  }
  std::vector<NameInfo> names;
  std::vector<KeyInfo> keys;
  std::vector<uint32_t> key_tokens;
  std::vector<TokenClass> key_token_cls;
  std::vector<float> key_token_weight;  // Weight(id, cls), computed at the end of Build
  std::unordered_map<std::string, uint32_t> token_ids;
  // Token text by id, in one arena: scoring reads it for every candidate, so one cache miss
  // instead of a hop through the hash map's node.
  std::string token_arena;
  std::string display_arena;          // shown forms of keys whose match form was romaji-folded
  std::vector<uint32_t> token_begin;  // size tokens + 1
  std::string_view TokenText(uint32_t id) const {
    return std::string_view(token_arena).substr(token_begin[id], token_begin[id + 1] - token_begin[id]);
  }
  // Keys holding each token (postings) and its document frequency for the IDF: the same,
  // except that Japanese readings of Chinese names do not count towards the frequency, so
  // that adding them does not make words such as "daigaku" lighter for every other name.
  std::vector<uint32_t> token_keys;
  std::vector<uint32_t> token_df;
  std::vector<float> token_idf;  // Idf(token_df[id]), computed once at the end of Build
  std::unordered_map<uint64_t, uint32_t> gram_ids;
  std::vector<uint32_t> gram_offsets;
  std::vector<uint32_t> gram_postings;
  std::vector<uint32_t> token_offsets;   // token id → [offsets[t], offsets[t+1]) in token_postings
  std::vector<uint32_t> token_postings;  // key ids, ascending
  std::unordered_map<std::string, std::vector<uint32_t>> acronyms;  // text → key ids
  // (hash of space and match form, key id), sorted: a key written exactly as a query key is
  // always a candidate, however common its words ("Abu Ahmad", "Aziz" among thousands of
  // names sharing them would otherwise tie with the others and may fall past max_candidates).
  std::vector<std::pair<uint64_t, uint32_t>> exact;

  size_t idf_keys = 0;  // keys counted in token_df
  double Idf(uint32_t df) const {
    const double n = static_cast<double>(idf_keys) + 1.0;
    if (n <= 2.0) return 1.0;
    return std::clamp(std::log(n / (df + 0.5)) / std::log(n), 0.25, 1.0);
  }
  double ClassWeight(TokenClass cls) const {
    switch (cls) {
      case TokenClass::kNormal:
        return 1.0;
      case TokenClass::kGeneric:
        return options.generic_word_weight;
      case TokenClass::kForm:
        return options.form_word_weight;
      case TokenClass::kStop:
        return options.stop_word_weight;
    }
    return 1.0;
  }
  float Weight(uint32_t id, TokenClass cls) const {
    const double idf = id == internal::kNoId ? 1.0 : token_idf[id];
    return static_cast<float>(ClassWeight(cls) * idf);
  }

  // Query-side state of one query key.
  struct QueryKey {
    Key key;
    std::vector<WeightedToken> tokens;
    std::u32string plain, sorted;
    bool informative = false;   // has a distinctive word, or two generic ones
    bool generic_only = false;  // no distinctive word, but one generic word
    bool reordered = false;     // sorted differs from plain
    bool joined_words = false;  // an acronym joined from several written pieces ("UEC-UMPO")
    bool initials = false;      // … each of them one letter ("N.U.D.T.")
  };
  struct Scored {
    uint32_t key = 0;
    uint32_t query_key = 0;
    double score = 0;
    ScoreParts parts;
    double acronym = 0;  // > 0 for an acronym match
  };

  std::vector<QueryKey> PrepareQuery(std::string_view name, const QueryOptions& q) const;
  void SplitReadingRun(Key* key) const;
  // Token id → class when the token occurs in a Japanese reading of a record (kReading),
  // kNoReading otherwise: the words a katakana run may be split into.
  static constexpr uint8_t kNoReading = 0xFF;
  std::vector<uint8_t> reading_token_cls;
  void Retrieve(const std::vector<QueryKey>& query, const QueryOptions& q, std::vector<uint32_t>* candidates) const;
  // Kind of each key's record, dense: the kind filter runs on every retrieved key, and a byte
  // array stays in cache where keys[] → names[] would miss twice per key.
  std::vector<Kind> key_kind;
  bool Admit(uint32_t key, const QueryOptions& q) const { return !q.kind || key_kind[key] == *q.kind; }
  // floor: skip the string similarities when even perfect ones could not lift the score to it.
  Scored ScoreKey(const std::vector<QueryKey>& query, size_t qi, uint32_t key, internal::TokenSetResult* ts_out,
                  double floor = 0) const;
  double Adjust(const QueryKey& qk, const NameInfo& info, const QueryOptions& q, double score,
                const internal::TokenSetResult* ts, std::vector<std::string>* against) const;
  std::vector<Match> Run(std::string_view name, const QueryOptions& q, bool exhaustive) const;
  Match Materialise(const std::vector<QueryKey>& query, const Scored& s, std::string_view raw,
                    const QueryOptions& q) const;
  void RecordTokens(uint32_t key, std::vector<WeightedToken>* out) const {
    const KeyInfo& k = keys[key];
    out->clear();
    for (uint32_t i = 0; i < k.tok_count; ++i) {
      const uint32_t id = key_tokens[k.tok_begin + i];
      const TokenClass cls = key_token_cls[k.tok_begin + i];
      out->push_back(WeightedToken{TokenText(id), id, key_token_weight[k.tok_begin + i], cls});
    }
  }
};

namespace {

// Written and token-sorted forms for the string similarities; CJK without spaces, since
// the spaces there are our own cuts at organisation-form words.
// Returns whether the sorted form differs from the written one.
bool PlainForms(std::span<const WeightedToken> tokens, Space space, std::u32string* plain, std::u32string* sorted) {
  const std::string_view sep = IsChineseCharacterSpace(space) ? "" : " ";
  thread_local std::string joined;
  thread_local std::vector<std::string_view> order;
  joined.clear();
  order.clear();
  for (const WeightedToken& t : tokens) {
    if (!joined.empty()) joined += sep;
    joined += t.text;
    order.push_back(t.text);
  }
  internal::DecodeUtf8(joined, plain);
  if (std::is_sorted(order.begin(), order.end())) {
    *sorted = *plain;
    return false;
  }
  std::sort(order.begin(), order.end());
  joined.clear();
  for (std::string_view t : order) {
    if (!joined.empty()) joined += sep;
    joined += t;
  }
  internal::DecodeUtf8(joined, sorted);
  return true;
}

std::string Fixed2(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

Result<NameIndex> NameIndex::Build(std::span<const NameRecord> records, const Options& options) {
  if (Result<void> ok = internal::CheckTools(options.japanese_readings); !ok) return ok.error();
  auto rep = std::make_shared<Rep>();
  rep->options = options;
  rep->names.reserve(records.size());
  std::vector<uint32_t> key_grams;  // gram ids per key, flattened
  std::vector<uint32_t> key_gram_begin;
  std::vector<uint32_t> gram_counts;
  std::vector<uint32_t> seen_grams;
  for (size_t pos = 0; pos < records.size(); ++pos) {
    const NameRecord& r = records[pos];
    const std::string where = "names: record " + std::to_string(r.record) + " (position " + std::to_string(pos) + ")";
    if (r.name.empty()) return MakeError(ErrorCode::kInvalidArgument, where + ": name is empty");
    std::vector<Key> keys = internal::MakeKeys(r.name, r.kind, r.country, r.is_acronym, options.japanese_readings);
    if (keys.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, where + ": name \"" + r.name + "\" has no letter or digit");
    }
    const auto name_id = static_cast<uint32_t>(rep->names.size());
    rep->names.push_back(NameInfo{r.record, r.kind, keys[0].script, r.name, r.country});
    for (Key& k : keys) {
      const auto key_id = static_cast<uint32_t>(rep->keys.size());
      KeyInfo info{name_id, static_cast<uint32_t>(rep->key_tokens.size()),
                   static_cast<uint16_t>(std::min<size_t>(k.tokens.size(), 64)), k.transform, k.space};
      if (std::string display = k.Display(); display != k.Text()) {
        info.display_begin = static_cast<uint32_t>(rep->display_arena.size());
        info.display_size = static_cast<uint32_t>(display.size());
        rep->display_arena += display;
      }
      rep->keys.push_back(info);
      rep->key_kind.push_back(r.kind);
      key_gram_begin.push_back(static_cast<uint32_t>(key_grams.size()));
      if (k.space == Space::kAcronym) {
        rep->acronyms[k.tokens[0].display].push_back(key_id);
      } else {
        rep->exact.emplace_back(GramHash(k.space, k.Text()), key_id);
      }
      std::vector<uint32_t> distinct_tokens;
      for (size_t t = 0; t < info.tok_count; ++t) {
        auto [it, added] = rep->token_ids.try_emplace(k.tokens[t].text, static_cast<uint32_t>(rep->token_df.size()));
        if (added) {
          if (rep->token_begin.empty()) rep->token_begin.push_back(0);
          rep->token_arena += it->first;
          rep->token_begin.push_back(static_cast<uint32_t>(rep->token_arena.size()));
          rep->token_df.push_back(0);
          rep->token_keys.push_back(0);
        }
        rep->key_tokens.push_back(it->second);
        rep->key_token_cls.push_back(k.tokens[t].cls);
        distinct_tokens.push_back(it->second);
        if (k.space == Space::kAcronym) continue;
        ForEachGram(k.space, k.tokens[t].text, [&](uint64_t h) {
          auto [g, fresh] = rep->gram_ids.try_emplace(h, static_cast<uint32_t>(gram_counts.size()));
          if (fresh) gram_counts.push_back(0);
          key_grams.push_back(g->second);
        });
      }
      std::sort(distinct_tokens.begin(), distinct_tokens.end());
      distinct_tokens.erase(std::unique(distinct_tokens.begin(), distinct_tokens.end()), distinct_tokens.end());
      rep->idf_keys += k.transform != Transform::kJapaneseOnyomi;
      for (uint32_t id : distinct_tokens) {
        ++rep->token_keys[id];
        if (k.transform != Transform::kJapaneseOnyomi) ++rep->token_df[id];
      }
      // One posting per (gram, key).
      auto first = key_grams.begin() + key_gram_begin.back();
      std::sort(first, key_grams.end());
      key_grams.erase(std::unique(first, key_grams.end()), key_grams.end());
      for (auto g = first; g != key_grams.end(); ++g) ++gram_counts[*g];
    }
  }
  key_gram_begin.push_back(static_cast<uint32_t>(key_grams.size()));
  std::sort(rep->exact.begin(), rep->exact.end());
  rep->token_offsets.assign(rep->token_df.size() + 1, 0);
  for (size_t id = 0; id < rep->token_df.size(); ++id)
    rep->token_offsets[id + 1] = rep->token_offsets[id] + rep->token_keys[id];
  rep->token_postings.resize(rep->token_offsets.back());
  {
    std::vector<uint32_t> next(rep->token_offsets.begin(), rep->token_offsets.end() - 1);
    std::vector<uint32_t> distinct;
    for (uint32_t k = 0; k < rep->keys.size(); ++k) {
      const KeyInfo& info = rep->keys[k];
      distinct.assign(rep->key_tokens.begin() + info.tok_begin,
                      rep->key_tokens.begin() + info.tok_begin + info.tok_count);
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      for (uint32_t id : distinct) rep->token_postings[next[id]++] = k;  // token_keys counted the same way
    }
  }
  rep->reading_token_cls.assign(rep->token_df.size(), Rep::kNoReading);
  for (const KeyInfo& info : rep->keys) {
    if (info.space != Space::kReading) continue;
    for (uint32_t t = info.tok_begin; t < info.tok_begin + info.tok_count; ++t)
      rep->reading_token_cls[rep->key_tokens[t]] = static_cast<uint8_t>(rep->key_token_cls[t]);
  }
  rep->token_idf.reserve(rep->token_df.size());
  for (uint32_t df : rep->token_df) rep->token_idf.push_back(static_cast<float>(rep->Idf(df)));
  rep->key_token_weight.reserve(rep->key_tokens.size());
  for (size_t i = 0; i < rep->key_tokens.size(); ++i) {
    rep->key_token_weight.push_back(rep->Weight(rep->key_tokens[i], rep->key_token_cls[i]));
  }
  // Compressed postings: gram → [offsets[g], offsets[g+1]) in gram_postings, keys ascending.
  rep->gram_offsets.assign(gram_counts.size() + 1, 0);
  for (size_t g = 0; g < gram_counts.size(); ++g) {
    rep->gram_offsets[g + 1] = rep->gram_offsets[g] + gram_counts[g];
  }
  rep->gram_postings.resize(key_grams.size());
  std::vector<uint32_t> fill(rep->gram_offsets.begin(), rep->gram_offsets.end() - 1);
  for (uint32_t k = 0; k + 1 < key_gram_begin.size(); ++k) {
    for (uint32_t i = key_gram_begin[k]; i < key_gram_begin[k + 1]; ++i) {
      rep->gram_postings[fill[key_grams[i]]++] = k;
    }
  }
  return NameIndex(std::move(rep));
}

std::vector<NameIndex::Rep::QueryKey> NameIndex::Rep::PrepareQuery(std::string_view name, const QueryOptions& q) const {
  std::vector<QueryKey> out;
  const Kind kind = q.kind.value_or(Kind::kOrganisation);
  std::vector<Key> keys = internal::MakeKeys(name, kind, q.country, false, options.japanese_readings, true);
  // A Latin query written as one word may be an acronym: "HIT", "BUAA", and with dots,
  // hyphens or slashes "N.U.D.T.", "HIT-", "UEC-UMPO" (its letters joined, nothing expanded
  // or romaji-folded, as declared acronyms are indexed). One word that is an organisation-form
  // word ("Univ.") is not; joined pieces need three letters, so "U.S." is not either.
  bool joined_words = false, initials = false;
  if (!keys.empty() && keys[0].space == Space::kLatin) {
    const bool one_word = keys[0].tokens.size() == 1;
    std::string acronym = internal::WrittenAcronym(name, one_word ? 2 : 3);
    if (one_word && keys[0].tokens[0].cls != TokenClass::kNormal) acronym.clear();
    if (!acronym.empty()) {
      joined_words = !one_word;
      initials = joined_words && std::all_of(keys[0].tokens.begin(), keys[0].tokens.end(),
                                             [](const internal::Token& t) { return t.display.size() == 1; });
      internal::Token t;
      t.text = t.display = std::move(acronym);
      Key key;
      key.tokens.push_back(std::move(t));
      key.transform = Transform::kAcronym;
      key.script = keys[0].script;
      key.space = Space::kAcronym;
      keys.push_back(std::move(key));
    }
  }
  // A query written (partly) in kana also meets the Japanese readings of Chinese records:
  // ペキン航空航天大学 → "pekin koku koten daigaku" = 北京航空航天大学 read in Japanese.
  const size_t written_keys = keys.size();
  for (size_t i = 0; i < written_keys; ++i) {
    if (keys[i].space == Space::kLatin && keys[i].script == Script::kJapanese) {
      Key reading = keys[i];
      reading.space = Space::kReading;
      SplitReadingRun(&reading);
      keys.push_back(std::move(reading));
    }
  }
  out.resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    QueryKey& qk = out[i];
    qk.key = std::move(keys[i]);
    qk.joined_words = joined_words && qk.key.transform == Transform::kAcronym;
    qk.initials = initials && qk.joined_words;
    size_t normal = 0, generic = 0;
    for (const internal::Token& t : qk.key.tokens) {
      auto it = token_ids.find(t.text);
      const uint32_t id = it == token_ids.end() ? internal::kNoId : it->second;
      qk.tokens.push_back(WeightedToken{t.text, id, Weight(id, t.cls), t.cls});
      normal += t.cls == TokenClass::kNormal;
      generic += t.cls == TokenClass::kGeneric;
      if (qk.tokens.size() == 64) break;
    }
    qk.informative = normal > 0 || generic >= 2;
    qk.generic_only = !qk.informative && generic == 1;
    qk.reordered = PlainForms(qk.tokens, qk.key.space, &qk.plain, &qk.sorted);
  }
  return out;
}

// A name written in katakana as one run (ハルビンコウギョウダイガク → "harubinkougyoudaigaku";
// ICU's dictionary keeps a katakana run whole) is split, from its end, into the words the
// Japanese readings of the records are made of (daigaku, kougyou; each ≥ 4 letters, the
// longest that fits), leaving the head as one word (harubin), which meets the record's
// haerbin through the fuzzy token step. Only the reading key is split: it meets only the
// readings of Chinese records, so the split adds no candidates among other names. A run the
// index already knows as a word, or shorter than 8 letters, is left alone.
void NameIndex::Rep::SplitReadingRun(Key* key) const {
  if (!options.split_katakana_runs) return;
  constexpr size_t kMinRun = 8, kMinWord = 4, kMinHead = 3;
  std::vector<internal::Token> out;
  for (internal::Token& t : key->tokens) {
    std::string rest = t.text;
    std::vector<internal::Token> tail;  // from the end
    if (rest.size() >= kMinRun && !token_ids.contains(rest)) {
      while (rest.size() >= kMinWord + kMinHead) {
        internal::Token word;
        for (size_t len = rest.size() - kMinHead; len >= kMinWord && word.text.empty(); --len) {
          auto it = token_ids.find(rest.substr(rest.size() - len));
          if (it != token_ids.end() && reading_token_cls[it->second] != kNoReading) {
            word.text = word.display = it->first;
            word.cls = static_cast<TokenClass>(reading_token_cls[it->second]);
          }
        }
        if (word.text.empty()) break;
        rest.resize(rest.size() - word.text.size());
        tail.push_back(std::move(word));
      }
    }
    if (tail.empty()) {
      out.push_back(std::move(t));
      continue;
    }
    internal::Token head;
    head.text = head.display = rest;
    head.cls = internal::LatinTokenClass(rest);
    out.push_back(std::move(head));
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(std::move(*it));
  }
  key->tokens = std::move(out);  // every token was moved into `out`, split or not
}

void NameIndex::Rep::Retrieve(const std::vector<QueryKey>& query, const QueryOptions& q,
                              std::vector<uint32_t>* candidates) const {
  struct Scratch {
    std::vector<uint16_t> counts;
    std::vector<uint32_t> touched;
  };
  thread_local Scratch scratch;
  if (scratch.counts.size() < keys.size()) scratch.counts.assign(keys.size(), 0);

  // Sources of candidates, weighted by the class of their token: a query token known to the
  // index reads its token postings (weight × its q-gram count, so both kinds add up alike);
  // an unknown one (a typo, a run-together name) reads the postings of its q-grams.
  struct Source {
    bool token;
    uint32_t id;
    uint32_t weight;
    Space space;
  };
  std::vector<Source> sources;
  for (const QueryKey& qk : query) {
    if (qk.key.space == Space::kAcronym) continue;
    for (const WeightedToken& t : qk.tokens) {
      const uint16_t w = std::max<uint16_t>(GramWeight(t.cls), qk.informative ? 0 : 1);
      if (w == 0) continue;
      if (t.id != internal::kNoId) {
        uint32_t n = 0;
        ForEachGram(qk.key.space, t.text, [&](uint64_t) { ++n; });
        sources.push_back(Source{true, t.id, w * n, qk.key.space});
        continue;
      }
      ForEachGram(qk.key.space, t.text, [&](uint64_t h) {
        auto it = gram_ids.find(h);
        if (it != gram_ids.end()) sources.push_back(Source{false, it->second, w, qk.key.space});
      });
    }
  }
  std::sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
    if (a.token != b.token) return a.token;
    return a.id != b.id ? a.id < b.id : a.weight > b.weight;
  });
  sources.erase(std::unique(sources.begin(), sources.end(),
                            [](const Source& a, const Source& b) { return a.token == b.token && a.id == b.id; }),
                sources.end());
  auto range = [&](const Source& s) -> std::pair<const uint32_t*, const uint32_t*> {
    if (s.token) return {token_postings.data() + token_offsets[s.id], token_postings.data() + token_offsets[s.id + 1]};
    return {gram_postings.data() + gram_offsets[s.id], gram_postings.data() + gram_offsets[s.id + 1]};
  };
  auto length = [&](const Source& s) { return static_cast<uint32_t>(range(s).second - range(s).first); };
  // Very common tokens and grams ("ing", "beijing" in a large index) cost much and tell
  // little: read the rarest first, skip those over the limit, and stop after max_query_grams;
  // if nothing is left, read the two rarest anyway.
  std::sort(sources.begin(), sources.end(), [&](const Source& a, const Source& b) { return length(a) < length(b); });
  const auto limit = static_cast<uint32_t>(std::max(50.0, options.max_gram_share * static_cast<double>(idf_keys)));
  std::vector<Source> used;
  for (const Source& s : sources) {
    if (length(s) <= limit && used.size() < options.max_query_grams) used.push_back(s);
  }
  if (used.empty() && !sources.empty()) {
    used.assign(sources.begin(), sources.begin() + std::min<size_t>(2, sources.size()));
  }
  uint32_t total[internal::kSpaceCount] = {};
  for (const Source& s : used) total[static_cast<int>(s.space)] += s.weight;
  for (const Source& s : used) {
    const auto [first, last] = range(s);
    for (const uint32_t* p = first; p != last; ++p) {
      uint16_t& c = scratch.counts[*p];
      if (c == 0) scratch.touched.push_back(*p);
      c = static_cast<uint16_t>(std::min<uint32_t>(0xffff, c + s.weight));
    }
  }
  // A candidate shares at least a quarter of the weight read (of the smaller space, when a
  // CJK query reads Latin and CJK postings), which keeps the ranking below cheap.
  uint32_t smallest = 0;
  for (uint32_t t : total) {
    if (t > 0 && (smallest == 0 || t < smallest)) smallest = t;
  }
  const uint32_t need = (smallest + 3) / 4;
  thread_local std::vector<std::pair<uint16_t, uint32_t>> ranked;
  ranked.clear();
  for (uint32_t key : scratch.touched) {
    const uint16_t c = scratch.counts[key];
    scratch.counts[key] = 0;
    if (c >= need && Admit(key, q)) ranked.emplace_back(c, key);
  }
  scratch.touched.clear();
  if (ranked.size() > options.max_candidates) {
    std::nth_element(ranked.begin(), ranked.begin() + options.max_candidates, ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    ranked.resize(options.max_candidates);
  }
  for (const auto& [count, key] : ranked) candidates->push_back(key);
  for (const QueryKey& qk : query) {
    if (qk.key.space == Space::kAcronym) continue;
    const uint64_t h = GramHash(qk.key.space, qk.key.Text());
    auto it = std::lower_bound(exact.begin(), exact.end(), std::make_pair(h, uint32_t{0}));
    for (; it != exact.end() && it->first == h; ++it) {
      if (Admit(it->second, q) && std::find(candidates->begin(), candidates->end(), it->second) == candidates->end())
        candidates->push_back(it->second);
    }
  }
  // Acronyms: a one-word query against declared and derived acronyms, a multi-word query's
  // initials against declared ones.
  for (const QueryKey& qk : query) {
    if (qk.key.space != Space::kAcronym) continue;
    auto it = acronyms.find(qk.key.tokens[0].display);
    if (it == acronyms.end()) continue;
    for (uint32_t key : it->second) {
      if (Admit(key, q)) candidates->push_back(key);
    }
  }
}

NameIndex::Rep::Scored NameIndex::Rep::ScoreKey(const std::vector<QueryKey>& query, size_t qi, uint32_t key,
                                                internal::TokenSetResult* ts_out, double floor) const {
  const QueryKey& qk = query[qi];
  const KeyInfo& k = keys[key];
  Scored s;
  s.key = key;
  s.query_key = static_cast<uint32_t>(qi);
  if (k.space == Space::kAcronym || qk.key.space == Space::kAcronym) {
    if (k.space != Space::kAcronym || qk.key.space != Space::kAcronym) return s;
    if (TokenText(key_tokens[k.tok_begin]) != qk.key.tokens[0].text) return s;
    const bool both_derived =
        qk.key.transform == Transform::kDerivedAcronym && k.transform == Transform::kDerivedAcronym;
    if (both_derived) return s;  // two full names: the name paths compare them
    // Pieces joined ("AL-SHABAB" → alshabab) meet initials only when each piece is a letter
    // ("I.C.I." may be Imperial Chemical Industries; "CO-LTD" is nobody's initials).
    if (qk.joined_words && !qk.initials && k.transform == Transform::kDerivedAcronym) return s;
    // A full name's initials meeting a declared acronym: three letters collide too often
    // (Sapporo City University → SCU = Sichuan University) to count on their own.
    if (qk.key.transform == Transform::kDerivedAcronym &&
        qk.key.tokens[0].text.size() < options.min_derived_query_acronym)
      return s;
    const bool declared = qk.key.transform == Transform::kAcronym && k.transform == Transform::kAcronym;
    s.acronym = declared ? options.acronym_score : options.derived_acronym_score;
    s.score = s.acronym;
    s.parts = ScoreParts{1, 1, 1, s.acronym};
    return s;
  }
  if (k.space != qk.key.space) return s;
  // Run scores one record key against each query key in turn: decode the record key once.
  thread_local std::vector<WeightedToken> record_tokens;
  thread_local std::u32string plain, sorted;
  thread_local uint64_t cached_rep = 0;
  thread_local uint32_t cached_key = 0;
  thread_local bool plain_ready = false, record_reordered = false;
  if (cached_rep != generation || cached_key != key) {
    RecordTokens(key, &record_tokens);
    cached_rep = generation;
    cached_key = key;
    plain_ready = false;
  }
  internal::TokenSetResult ts =
      internal::TokenSet(qk.tokens, record_tokens, ts_out != nullptr, k.space != Space::kNative,
                         !(qk.key.transform == Transform::kPinyin && k.transform == Transform::kPinyin));
  s.parts.token_set = ts.score;
  if (options.token_set_weight * ts.score + options.jaro_winkler_weight + options.levenshtein_weight < floor) {
    return s;  // score stays 0: cannot reach the threshold
  }
  if (!plain_ready) {
    record_reordered = PlainForms(record_tokens, k.space, &plain, &sorted);
    plain_ready = true;
  }
  const bool reordered = qk.reordered || record_reordered;
  s.parts.levenshtein = internal::LevenshteinSimilarity(qk.plain, plain);
  if (reordered)
    s.parts.levenshtein = std::max(s.parts.levenshtein, internal::LevenshteinSimilarity(qk.sorted, sorted));
  if (options.token_set_weight * ts.score + options.jaro_winkler_weight +
          options.levenshtein_weight * s.parts.levenshtein <
      floor) {
    return s;  // Jaro-Winkler could not lift it to the threshold
  }
  s.parts.jaro_winkler = internal::JaroWinkler(qk.plain, plain);
  if (reordered) s.parts.jaro_winkler = std::max(s.parts.jaro_winkler, internal::JaroWinkler(qk.sorted, sorted));
  s.score = options.token_set_weight * s.parts.token_set + options.jaro_winkler_weight * s.parts.jaro_winkler +
            options.levenshtein_weight * s.parts.levenshtein;
  if (ts_out != nullptr) *ts_out = std::move(ts);
  return s;
}

double NameIndex::Rep::Adjust(const QueryKey& qk, const NameInfo& info, const QueryOptions& q, double score,
                              const internal::TokenSetResult* ts, std::vector<std::string>* against) const {
  double factor = 1.0;
  if (!q.country.empty() && !info.country.empty() && q.country != info.country) {
    factor *= options.country_mismatch_factor;
    if (against) against->push_back("country mismatch: query " + q.country + ", record " + info.country);
  }
  double adjusted = score * factor;
  if (qk.key.space != Space::kAcronym && !qk.informative) {
    const bool exact = ts != nullptr && ts->score >= 0.999;
    if (!qk.generic_only || !exact) {
      if (adjusted > options.generic_query_cap) {
        adjusted = options.generic_query_cap;
        if (against) {
          against->push_back(qk.generic_only ? "query has a single generic word; capped at " + Fixed2(adjusted)
                                             : "query has only organisation-form words; capped at " + Fixed2(adjusted));
        }
      }
    }
  }
  return adjusted;
}

Match NameIndex::Rep::Materialise(const std::vector<QueryKey>& query, const Scored& s, std::string_view raw,
                                  const QueryOptions& q) const {
  const QueryKey& qk = query[s.query_key];
  const KeyInfo& k = keys[s.key];
  const NameInfo& info = names[k.name];
  Match m;
  m.record = info.record;
  m.record_name = info.name;
  m.record_country = info.country;
  m.kind = info.kind;
  m.record_script = info.script;
  m.record_transform = k.transform;
  m.query_transform = qk.key.transform;
  m.query_form = qk.key.Display();
  std::vector<WeightedToken> rt;
  RecordTokens(s.key, &rt);
  for (const WeightedToken& t : rt) {
    if (k.display_size > 0) break;
    if (!m.record_form.empty()) m.record_form += ' ';
    m.record_form += t.text;
  }
  if (k.display_size > 0) m.record_form = display_arena.substr(k.display_begin, k.display_size);
  internal::TokenSetResult ts;
  Scored again = s.acronym > 0 ? s : ScoreKey(query, s.query_key, s.key, &ts);
  m.parts = again.parts;
  if (s.acronym == 0) {
    for (std::string_view t : ts.query_only)
      m.against.push_back("query word '" + std::string(t) + "' not in the record name");
    for (std::string_view t : ts.record_only)
      m.against.push_back("record word '" + std::string(t) + "' not in the query");
    auto distinctive = [](const std::vector<WeightedToken>& tokens, std::span<const std::string_view> only) {
      for (std::string_view o : only) {
        for (const WeightedToken& t : tokens) {
          if (t.text == o && t.cls == TokenClass::kNormal) return std::string(o);
        }
      }
      return std::string();
    };
    const std::string dq = distinctive(qk.tokens, ts.query_only);
    const std::string dr = distinctive(rt, ts.record_only);
    if (!dq.empty() && !dr.empty())
      m.against.push_back("different distinctive words: '" + dq + "' vs '" + dr + "'");
    else if (!dr.empty())
      m.against.push_back("distinctive record word '" + dr + "' missing from the query");
  } else if (k.transform == Transform::kDerivedAcronym || qk.key.transform == Transform::kDerivedAcronym) {
    m.against.push_back("acronym match only through derived initials: many names share them");
  } else {
    m.against.push_back("acronym match: acronyms are ambiguous, confirm with the full name");
  }
  double score = again.score;
  if (k.space == Space::kNative && s.acronym == 0) {
    // Same characters after folding, different characters as written: 東北大学 vs 东北大学.
    const std::string written_q = internal::FoldCase(raw);
    const std::string written_r = internal::FoldCase(info.name);
    if (again.parts.token_set >= 0.999 && written_q != written_r) {
      score *= 0.98;
      // The same folded characters name different bodies in different countries (東北大学
      // Tohoku, JP / 东北大学 Northeastern, CN): say so unless the countries are known to agree.
      const bool same_country = !q.country.empty() && q.country == info.country;
      m.against.push_back("written differently ('" + std::string(raw) + "' vs '" + info.name +
                          "'), equal only after CJK variant folding" +
                          (same_country ? std::string(", same country ") + info.country
                                        : std::string(": possible homograph, record country ") +
                                              (info.country.empty() ? "unknown" : info.country) + ", query country " +
                                              (q.country.empty() ? "unknown" : q.country)));
    }
  }
  m.score =
      s.acronym > 0 ? Adjust(qk, info, q, s.acronym, nullptr, &m.against) : Adjust(qk, info, q, score, &ts, &m.against);
  m.parts.factor = again.score > 0 ? m.score / again.score : 1.0;
  m.explanation = "query '" + std::string(raw) + "' → " + std::string(TransformName(qk.key.transform)) + " '" +
                  m.query_form + "' ~ record " + std::to_string(info.record) + " name '" + info.name + "' (" +
                  std::string(ScriptName(info.script)) + ", " +
                  (info.country.empty() ? std::string("country unknown") : info.country) + ") → " +
                  std::string(TransformName(k.transform)) + " '" + m.record_form + "': token-set " +
                  Fixed2(m.parts.token_set) + ", Jaro-Winkler " + Fixed2(m.parts.jaro_winkler) + ", Levenshtein " +
                  Fixed2(m.parts.levenshtein) + " → " + Fixed2(m.score);
  if (!m.against.empty()) {
    m.explanation += "; against: ";
    for (size_t i = 0; i < m.against.size(); ++i) m.explanation += (i ? "; " : "") + m.against[i];
  }
  return m;
}

std::vector<Match> NameIndex::Rep::Run(std::string_view name, const QueryOptions& q, bool exhaustive) const {
  std::vector<Match> matches;
  if (name.empty() || name.size() > 4096) return matches;
  const std::vector<QueryKey> query = PrepareQuery(name, q);
  if (query.empty()) return matches;
  std::vector<uint32_t> candidates;
  if (exhaustive) {
    for (uint32_t k = 0; k < keys.size(); ++k) {
      if (Admit(k, q)) candidates.push_back(k);
    }
  } else {
    Retrieve(query, q, &candidates);
  }
  // Best (query key, record key) pair per record, on numbers only; strings come after.
  // Few candidates (≤ max_candidates + exact + acronym keys): a flat list beats a hash map.
  thread_local std::vector<Scored> best;
  thread_local std::vector<uint32_t> best_record;
  thread_local std::unordered_map<uint32_t, size_t> slot;  // record → index, for many candidates
  best.clear();
  best_record.clear();
  slot.clear();
  const bool many = candidates.size() > 256;
  for (uint32_t key : candidates) {
    const NameInfo& info = names[keys[key].name];
    for (size_t qi = 0; qi < query.size(); ++qi) {
      // Country and variant factors only lower a score, so the threshold bounds the raw one.
      Scored s = ScoreKey(query, qi, key, nullptr, q.threshold - 0.02);
      if (s.score <= 0) continue;
      const double estimate = Adjust(query[qi], info, q, s.score, nullptr, nullptr);
      // Estimates ignore the 0.98 variant factor and treat capped queries as capped.
      s.parts.factor = estimate;
      size_t at = best.size();
      if (many) {
        at = slot.try_emplace(info.record, best.size()).first->second;
      } else {
        at = static_cast<size_t>(std::find(best_record.begin(), best_record.end(), info.record) - best_record.begin());
      }
      if (at == best.size()) {
        best_record.push_back(info.record);
        best.push_back(s);
      } else if (estimate > best[at].parts.factor) {
        best[at] = s;
      }
    }
  }
  std::vector<Scored> kept;
  for (const Scored& s : best) {
    if (s.parts.factor + 1e-9 >= q.threshold - 0.02) kept.push_back(s);
  }
  std::sort(kept.begin(), kept.end(), [&](const Scored& a, const Scored& b) {
    if (a.parts.factor != b.parts.factor) return a.parts.factor > b.parts.factor;
    return names[keys[a.key].name].record < names[keys[b.key].name].record;
  });
  for (const Scored& s : kept) {
    if (matches.size() >= q.max_results + 4) break;  // materialise a few spare for re-ranking
    Match m = Materialise(query, s, name, q);
    if (m.score >= q.threshold) matches.push_back(std::move(m));
  }
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.score > b.score; });
  if (matches.size() > q.max_results) matches.resize(q.max_results);
  return matches;
}

std::vector<Match> NameIndex::Query(std::string_view name, const QueryOptions& options) const {
  return rep_->Run(name, options, false);
}

std::vector<Match> NameIndex::QueryExhaustive(std::string_view name, const QueryOptions& options) const {
  return rep_->Run(name, options, true);
}

size_t NameIndex::name_count() const {
  return rep_->names.size();
}
size_t NameIndex::key_count() const {
  return rep_->keys.size();
}

size_t NameIndex::memory_bytes() const {
  const Rep& r = *rep_;
  size_t bytes = sizeof(Rep);
  for (const NameInfo& n : r.names) bytes += sizeof(NameInfo) + n.name.capacity() + n.country.capacity();
  bytes += r.key_kind.capacity() * sizeof(Kind);
  bytes += r.keys.capacity() * sizeof(KeyInfo) + r.key_tokens.capacity() * 4 + r.key_token_cls.capacity() +
           r.key_token_weight.capacity() * 4;
  for (const auto& [text, id] : r.token_ids) bytes += text.capacity() + sizeof(text) + 4 + 2 * sizeof(void*);
  bytes += r.display_arena.capacity();
  bytes +=
      r.token_arena.capacity() + r.token_begin.capacity() * 4 + r.token_df.capacity() * 4 + r.token_keys.capacity() * 4;
  bytes += r.gram_ids.size() * (8 + 4 + 2 * sizeof(void*)) + r.gram_ids.bucket_count() * sizeof(void*);
  bytes += r.gram_offsets.capacity() * 4 + r.gram_postings.capacity() * 4;
  bytes += r.token_offsets.capacity() * 4 + r.token_postings.capacity() * 4 + r.token_idf.capacity() * 4;
  for (const auto& [text, ids] : r.acronyms) bytes += text.capacity() + ids.capacity() * 4 + 64;
  bytes += r.exact.capacity() * sizeof(r.exact[0]);
  return bytes;
}

}  // namespace highfence::names
