// SPDX-License-Identifier: Apache-2.0
#pragma once
// ScreeningRef: the evidence from ① リスク確認 attached to a case — a keyword screening of the
// proposal (`highfence screen`, domain/screening) or a list check of one person or organisation
// (`highfence check`, domain/checking) — pinned to the exact keyword-list version and list
// snapshots that produced it, so the same input can be re-run and a list update detected.
// A flag is evidence for a human, never a decision: nothing here changes a case's state.
//
// Field names follow the producers: screening::ScreeningResult::keyword_list_version,
// rules::Classification {level, min_level, max_level, reasons}; checking::ListHit
// {list_id, entry_id, primary_name, match.record_name, match.score, match.explanation}, with
// the snapshot named as model::ListSnapshot names it (version_date, content_hash).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cases/subject.h"
#include "domain/rules/risk_level.h"

namespace highfence::cases {

enum class ScreeningKind {
  kKeywords,  // `screen`: technology keywords in the proposal
  kLists,     // `check`: a person or organisation against lists of entities of concern
};

// What `screen` found, as the classifier explained it.
struct KeywordScreening {
  std::string document;              // the proposal file screened
  std::string keyword_list_version;  // KeywordList::version, a content hash ("kw-…")
  rules::KeywordHit keyword_hit = rules::KeywordHit::kNo;
  std::optional<rules::RiskLevel> level;  // nullopt while the readiness answers are missing
  rules::RiskLevel min_level = rules::RiskLevel::kGreen;
  rules::RiskLevel max_level = rules::RiskLevel::kGreen;
  std::vector<std::string> reasons;   // rule-named, as the classifier gave them
  std::vector<std::string> keywords;  // the distinct keywords that counted, most specific first
  bool operator==(const KeywordScreening&) const = default;
};

// One list edition a check ran against (a check with no hit is evidence too).
struct SnapshotRef {
  std::string list_id;
  std::string version_date;
  std::string content_hash;
  bool operator==(const SnapshotRef&) const = default;
};

// One list entry that matched.
struct ListHitRef {
  SnapshotRef snapshot;
  std::string entry_id;
  std::string primary_name;  // the entry's primary name
  std::string matched_name;  // the entry's name that matched (names::Match::record_name)
  double score = 0;          // in [0, 1]
  std::string explanation;   // one line for a reviewer
  bool operator==(const ListHitRef&) const = default;
};

struct ListCheck {
  Subject subject;
  std::string query;  // the name or affiliation as checked
  std::vector<SnapshotRef> snapshots;
  std::vector<ListHitRef> hits;  // best first; empty when nothing matched
  bool operator==(const ListCheck&) const = default;
};

struct ScreeningRef {
  std::string id;  // opaque, e.g. "scr_" + 16 hex
  std::string case_id;
  ScreeningKind kind = ScreeningKind::kKeywords;
  std::string screened_at;                   // RFC 3339 UTC
  std::string screened_by;                   // user id, or "system" for a re-screen after a list update
  std::optional<KeywordScreening> keywords;  // set iff kind == kKeywords
  std::optional<ListCheck> lists;            // set iff kind == kLists
  bool operator==(const ScreeningRef&) const = default;
};

std::string_view ScreeningKindId(ScreeningKind kind);  // "keywords", "lists"
std::optional<ScreeningKind> ParseScreeningKind(std::string_view id);

}  // namespace highfence::cases
