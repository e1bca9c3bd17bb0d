// SPDX-License-Identifier: Apache-2.0
#pragma once
// NameIndex: multi-script fuzzy name matching (名寄せ照合) of people and organisations.
// NameRecords (names in any script, with kind and country) → Build once → Query any name →
// Matches, best first, each explaining which record name met which form of the query,
// through which transformation, with the component scores and what counted against it.
//
//   auto index = NameIndex::Build(records, {});                    // Result<NameIndex>
//   for (const Match& m : index->Query("Beihang Univ.", {.country = "CN"}))
//     Show(m.record, m.score, m.explanation);
//
// Matching paths: Latin ↔ Latin (with pinyin, Japanese readings and transliterations as
// Latin keys), CJK ↔ CJK after variant folding (東北大學 ≡ 东北大学, reported as a possible
// homograph with both countries), a query written in kana ↔ the Japanese reading of a
// Chinese record (ペキン航空航天大学 ↔ 北京航空航天大学; only kana queries, so kanji-only
// queries meet no Japanese homophones; a name written as one katakana run, ハルビンコウギョウ
// ダイガク, is split into the words of those readings), acronyms (declared, or derived: BUAA; written with
// dots or hyphens: N.U.D.T., UEC-UMPO). Two pinyin keys compare token for token, without
// the fuzzy step: machine pinyin that differs means different characters (dongya ≠ donghua). Scores combine a
// weighted token-set similarity (order-free; organisation-form words such as University,
// 大学, Co., Ltd. weigh little), Jaro-Winkler and Levenshtein, in [0,1]. A query made only of
// organisation-form words, or of one generic word, is capped below any sensible threshold.
// Cost: retrieval through token and character q-gram postings (never a scan of all names),
// then scoring of at most Options::max_candidates keys. On 151k ROR names (249k keys, 71 MB,
// built in 2–6 s): 37–50 µs CPU per ASCII query, 150–200 µs per CJK/other-script query
// (ICU, OpenCC, MeCab), 63–75 µs on the ROR mix; scoring every key takes 50–70 ms
// (bench/names; ranges are idle vs loaded 2-core machine).
// The index is immutable; Query is thread-safe (per-thread ICU/MeCab tools and scratch).
// Left out: what a match means (the caller's domain), phonetic codes, Wade–Giles.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engines/names/name_normalizer.h"

namespace highfence::names {

// One name of a record; a record with names in several scripts gives several NameRecords
// with the same `record`.
struct NameRecord {
  uint32_t record = 0;  // the caller's id, returned in Match
  std::string name;     // any script, as published
  Kind kind = Kind::kOrganisation;
  std::string country;      // ISO 3166 alpha-2, or "" if unknown
  bool is_acronym = false;  // "BUAA": matched only as an acronym
};

struct Options {
  // Token weights by class; distinctive words weigh 1 times an IDF factor in [0.25, 1].
  double form_word_weight = 0.15;    // University, 大学, Co., Ltd. Default: 0.15.
  double generic_word_weight = 0.4;  // National, Engineering, 工业. Default: 0.4.
  double stop_word_weight = 0.1;     // of, and, the. Default: 0.1.
  // Combination of the components (they sum to 1). Defaults: 0.6, 0.15, 0.25.
  double token_set_weight = 0.6;
  double jaro_winkler_weight = 0.15;
  double levenshtein_weight = 0.25;
  // Factor on the score when query and record countries are both known and differ.
  double country_mismatch_factor = 0.8;  // Default: 0.8.
  // Ceiling for a query with no distinctive word ("Co., Ltd.", "研究所", "National").
  double generic_query_cap = 0.3;  // Default: 0.3.
  // Scores of acronym matches: declared acronym, record's derived acronym, query's derived.
  double acronym_score = 0.95;         // Default: 0.95.
  double derived_acronym_score = 0.8;  // Default: 0.8.
  // Shortest initials of a multi-word query that may meet a record's declared acronym:
  // "Beijing University of Aeronautics and Astronautics" → BUAA counts, 3-letter initials
  // (Nagoya City University → NCU = Nanchang University) do not. Default: 4.
  size_t min_derived_query_acronym = 4;
  // Retrieval: tokens and q-grams with postings in more than max_gram_share of the keys are
  // skipped (unless nothing else is left); the rarest max_query_grams are read; at most
  // max_candidates keys with the highest weighted overlap are scored.
  double max_gram_share = 0.01;   // Default: 0.01.
  size_t max_query_grams = 16;    // Default: 16.
  size_t max_candidates = 32;     // Default: 32.
  bool japanese_readings = true;  // MeCab readings of kanji (NormalizerOptions). Default: true.
  // Split a katakana run of a kana query into the words of the records' Japanese readings
  // (ハルビンコウギョウダイガク → harubin kogyo daigaku) for the reading key. Default: true.
  bool split_katakana_runs = true;
};

struct QueryOptions {
  std::optional<Kind> kind;  // only records of this kind; Default: any.
  std::string country;       // the query's country (ISO alpha-2) or "". Default: "".
  double threshold = 0.7;    // minimum score returned. Default: 0.7.
  size_t max_results = 10;   // Default: 10.
};

struct ScoreParts {
  double token_set = 0;     // weighted token-set similarity
  double jaro_winkler = 0;  // best of written and token-sorted order
  double levenshtein = 0;   // 1 − distance / length, best of both orders
  double factor = 1;        // country and cap adjustments applied to the combination
};

struct Match {
  uint32_t record = 0;
  double score = 0;         // in [0,1]
  std::string record_name;  // the record's name that matched, as published
  std::string record_country;
  Kind kind = Kind::kOrganisation;
  Script record_script = Script::kLatin;
  std::string record_form;  // the key of that name which matched
  Transform record_transform = Transform::kAsWritten;
  std::string query_form;  // the key of the query which matched
  Transform query_transform = Transform::kAsWritten;
  ScoreParts parts;
  std::vector<std::string> against;  // missing tokens, different distinctive tokens, country…
  std::string explanation;           // one line for a reviewer
};

// Copies are cheap and share the immutable index.
class NameIndex {
 public:
  // Fails with kInvalidArgument naming the record (id and position) whose name is empty or
  // has no letter or digit, with kUnavailable when ICU, OpenCC or MeCab cannot be loaded.
  static Result<NameIndex> Build(std::span<const NameRecord> records, const Options& options);

  // Matches with score ≥ threshold, best first, one per record; empty for an empty query.
  std::vector<Match> Query(std::string_view name, const QueryOptions& options) const;

  // The same result without the q-gram retrieval: every key is scored. For tests of
  // retrieval recall and as the benchmark's baseline; O(number of keys) per query.
  std::vector<Match> QueryExhaustive(std::string_view name, const QueryOptions& options) const;

  size_t name_count() const;    // NameRecords indexed
  size_t key_count() const;     // keys (forms) indexed
  size_t memory_bytes() const;  // approximate heap bytes held by the index

 private:
  struct Rep;
  explicit NameIndex(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::names
