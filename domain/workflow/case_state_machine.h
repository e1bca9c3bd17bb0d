// SPDX-License-Identifier: Apache-2.0
#pragma once
// The case state machine (案件の状態遷移): ONE table of (transition, from, to, roles, conditions)
// over the states opened → identification (①) → evaluation (②) → mitigation (③) → review →
// decided → follow_up (④) → closed, with the correction loops (是正: back to ① or ③), the
// appeal of a decline (異議申立て) and withdrawal. Conditions are evaluated on a CaseSnapshot
// (case_snapshot.h); docs/workflow.md is rendered from the table and a test keeps it equal.
//
//   auto next = Advance(snapshot, Transition::kCompleteEvaluation, access::Role::kSecurityOfficer, today);
//   if (!next) Show(next.error().message);  // "evaluation → mitigation (complete_evaluation): flag
//                                           //  lists:jp_meti_eul:1234 on person p_7 has no evaluation"
//   for (const TransitionOption& o : AllowedTransitions(snapshot, role, today)) Button(o, o.blockers);
//
// Pure: no I/O and no clock (`today` decides appeal windows). Thread-safe.
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/access/role.h"
#include "domain/workflow/case_snapshot.h"
#include "domain/workflow/date.h"

namespace highfence::workflow {

enum class Transition {
  kStartIdentification,
  kCompleteIdentification,
  kCompleteEvaluation,
  kSubmitForReview,
  kDecide,
  kStartFollowUp,
  kReturnToIdentification,
  kReturnToMitigation,
  kAppeal,
  kCloseDeclined,
  kGrantAppeal,
  kDismissAppeal,
  kReassess,
  kClose,
  kWithdraw,
};

// What a transition needs; each is checked on the snapshot and, when unmet, explained with
// the ids concerned (ConditionText gives the sentence the docs show).
enum class Condition {
  kHasTeam,
  kEveryMemberDisclosed,
  kEveryoneListScreened,
  kEveryFlagEvaluated,
  kEverySubjectEvaluated,
  kDueDiligenceCarriedOut,
  kRiskHasMeasure,
  kMeasuresConsented,
  kMeasuresFeasible,
  kReviewersAssigned,
  kEveryStageComplete,
  kDecisionRecorded,
  kDecisionProceeds,
  kCorrectionToIdentification,
  kCorrectionToMitigation,
  kDecisionDeclines,
  kAppealFiledInWindow,
  kAppealWindowClosed,
  kAppealGranted,
  kAppealDismissed,
  kOpenFollowUp,
  kNoOpenFollowUp,
  kMeasuresFinished,
  kWithdrawalReason,
};

// A small set of enumerators (at most 64) usable in a constexpr table.
template <typename E>
class EnumSet {
 public:
  constexpr EnumSet(std::initializer_list<E> members) {
    for (E e : members) bits_ |= std::uint64_t{1} << static_cast<int>(e);
  }
  constexpr bool Has(E e) const { return (bits_ >> static_cast<int>(e)) & 1; }
  std::vector<E> Members() const {
    std::vector<E> out;
    for (int i = 0; i < 64; ++i)
      if ((bits_ >> i) & 1) out.push_back(static_cast<E>(i));
    return out;
  }

 private:
  std::uint64_t bits_ = 0;
};

struct TransitionRule {
  Transition transition;
  CaseState from;
  CaseState to;
  EnumSet<access::Role> roles;    // who may take it
  EnumSet<Condition> conditions;  // all must hold
  bool new_round = false;         // the store increments CaseSnapshot::round
};

// The table, in the order docs/workflow.md shows it. A transition may have several rows (one
// per state it leaves from, e.g. withdraw).
std::span<const TransitionRule> TransitionTable();

// The state after `transition`, or:
//   kFailedPrecondition  the transition does not leave from snapshot.state, or conditions are
//                        unmet — the message names the transition and EVERY unmet condition
//                        with the ids concerned, "; "-separated;
//   kPermissionDenied    `role` may not take it (the message names the role, the transition
//                        and the roles that may).
Result<CaseState> Advance(const CaseSnapshot& snapshot, Transition transition, access::Role role, Date today);

// Unmet conditions of `rule` on `snapshot`, one message per unmet fact (empty = ready).
std::vector<std::string> Blockers(const TransitionRule& rule, const CaseSnapshot& snapshot, Date today);

struct TransitionOption {
  const TransitionRule* rule;
  std::vector<std::string> blockers;  // empty when it can be taken now
};
// The transitions `role` may take from snapshot.state, each with what still blocks it.
std::vector<TransitionOption> AllowedTransitions(const CaseSnapshot& snapshot, access::Role role, Date today);

std::string_view Name(Transition transition);  // "complete_evaluation"
Result<Transition> ParseTransition(std::string_view text);
std::string_view Name(Condition condition);  // "every_flag_evaluated"
// The English sentence a condition states ("every flag has an evaluation of its subject that answers it").
std::string_view ConditionText(Condition condition);

// docs/workflow.md's generated part: the transition table and the conditions, as Markdown.
std::string RenderTransitionTable();

}  // namespace highfence::workflow
