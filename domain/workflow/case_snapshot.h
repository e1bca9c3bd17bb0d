// SPDX-License-Identifier: Apache-2.0
#pragma once
// CaseSnapshot: everything the case state machine needs to decide a transition, loaded by the
// store inside the write transaction (decision 0003): the case's state, the team with each
// member's disclosure status, the partner institutions, the flags, evaluations, measures,
// reviews, the decision and appeal, and the follow-ups. People, institutions and flags are
// referred to by id only; domain/cases owns what they are.
//
//   CaseSnapshot s{.case_id = "case_9", .state = CaseState::kEvaluation, .team = {...}, .flags = {...}};
//   auto next = Advance(s, Transition::kCompleteEvaluation, access::Role::kSecurityOfficer, today);
#include <optional>
#include <string>
#include <vector>

#include "domain/workflow/evaluation.h"
#include "domain/workflow/followup.h"
#include "domain/workflow/measure.h"
#include "domain/workflow/review.h"
#include "domain/workflow/subject.h"

namespace highfence::workflow {

enum class CaseState {
  kOpened,          // 案件登録
  kIdentification,  // ① リスク確認
  kEvaluation,      // ② リスク評価
  kMitigation,      // ③ リスク軽減措置
  kReview,          // 審査
  kDecided,         // 判定済み
  kAppeal,          // 異議申立て中
  kFollowUp,        // ④ フォローアップ
  kClosed,          // 終了
};

struct TeamMember {
  std::string person_id;
  bool has_current_disclosure = false;  // a disclosure valid for this case's as-of date
  std::string no_disclosure_reason;  // recorded reason when there is none (e.g. 「新規参画、提出期限前」)
  bool list_screened = false;        // checked against the list snapshots for this case
  bool operator==(const TeamMember&) const = default;
};

struct Partner {
  std::string institution_id;
  bool list_screened = false;
  bool operator==(const Partner&) const = default;
};

struct Flag {      // a screening hit, evidence for a human, never a decision
  std::string id;  // "lists:jp_meti_eul:1234", "keywords:ta-01-4"
  Subject subject;
  bool operator==(const Flag&) const = default;
};

struct CaseSnapshot {
  std::string case_id;
  CaseState state = CaseState::kOpened;
  // The review round, from 1. A correction (是正) or a granted appeal starts a new round
  // (TransitionRule::new_round; the store increments it): only reviews and a decision of the
  // current round count, so the decision that sent the case back cannot decide it again.
  int round = 1;
  std::vector<TeamMember> team;
  std::vector<Partner> partners;
  std::vector<Flag> flags;
  std::vector<Evaluation> evaluations;  // recording order
  std::vector<Measure> measures;
  std::vector<Review> reviews;       // one per configured stage of the track, per round
  std::optional<Decision> decision;  // the latest decision (of this or an earlier round)
  std::optional<Appeal> appeal;
  std::vector<FollowUp> followups;
  std::string withdrawal_reason;  // why the case was withdrawn (required to withdraw)
  bool operator==(const CaseSnapshot&) const = default;
};

std::string_view Name(CaseState state);  // "opened", "identification", …, "follow_up", "closed"
Result<CaseState> ParseCaseState(std::string_view text);

}  // namespace highfence::workflow
