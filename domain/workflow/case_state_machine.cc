// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/case_state_machine.h"

#include <algorithm>

#include "domain/workflow/internal/enum_names.h"
#include "domain/workflow/internal/text.h"

namespace highfence::workflow {
namespace {

using C = Condition;
using R = access::Role;
using S = CaseState;
using T = Transition;

constexpr EnumSet<R> kOfficer{R::kSecurityOfficer};
constexpr EnumSet<R> kOfficers{R::kSecurityOfficer, R::kProgrammeOfficer};
constexpr EnumSet<R> kDeciders{R::kReviewer, R::kProgrammeOfficer};
constexpr EnumSet<R> kAppellants{R::kResearcher, R::kSecurityOfficer};

// THE table. One row per (transition, from). Read it top to bottom as the procedure runs.
// clang-format off
constexpr TransitionRule kTable[] = {
  // transition                  from                 to                   roles        conditions
  {T::kStartIdentification,     S::kOpened,          S::kIdentification,  kOfficers,   {C::kHasTeam}},
  {T::kCompleteIdentification,  S::kIdentification,  S::kEvaluation,      kOfficer,    {C::kHasTeam, C::kEveryMemberDisclosed, C::kEveryoneListScreened}},
  {T::kCompleteEvaluation,      S::kEvaluation,      S::kMitigation,      kOfficer,    {C::kEveryFlagEvaluated, C::kEverySubjectEvaluated, C::kDueDiligenceCarriedOut}},
  {T::kSubmitForReview,         S::kMitigation,      S::kReview,          kOfficer,    {C::kRiskHasMeasure, C::kMeasuresConsented, C::kMeasuresFeasible, C::kReviewersAssigned}},
  {T::kDecide,                  S::kReview,          S::kDecided,         kDeciders,   {C::kEveryStageComplete, C::kDecisionRecorded}},
  {T::kStartFollowUp,           S::kDecided,         S::kFollowUp,        kOfficers,   {C::kDecisionProceeds}},
  {T::kReturnToIdentification,  S::kDecided,         S::kIdentification,  kOfficers,   {C::kCorrectionToIdentification}, true},
  {T::kReturnToMitigation,      S::kDecided,         S::kMitigation,      kOfficers,   {C::kCorrectionToMitigation}, true},
  {T::kAppeal,                  S::kDecided,         S::kAppeal,          kAppellants, {C::kDecisionDeclines, C::kAppealFiledInWindow}},
  {T::kCloseDeclined,           S::kDecided,         S::kClosed,          kOfficers,   {C::kDecisionDeclines, C::kAppealWindowClosed}},
  {T::kGrantAppeal,             S::kAppeal,          S::kReview,          kDeciders,   {C::kAppealGranted}, true},
  {T::kDismissAppeal,           S::kAppeal,          S::kClosed,          kDeciders,   {C::kAppealDismissed}},
  {T::kReassess,                S::kFollowUp,        S::kIdentification,  kOfficer,    {C::kOpenFollowUp}},
  {T::kClose,                   S::kFollowUp,        S::kClosed,          kOfficers,   {C::kNoOpenFollowUp, C::kMeasuresFinished, C::kEveryMemberDisclosed, C::kEveryoneListScreened}},
  {T::kWithdraw,                S::kOpened,          S::kClosed,          kOfficers,   {C::kWithdrawalReason}},
  {T::kWithdraw,                S::kIdentification,  S::kClosed,          kOfficers,   {C::kWithdrawalReason}},
  {T::kWithdraw,                S::kEvaluation,      S::kClosed,          kOfficers,   {C::kWithdrawalReason}},
  {T::kWithdraw,                S::kMitigation,      S::kClosed,          kOfficers,   {C::kWithdrawalReason}},
  {T::kWithdraw,                S::kReview,          S::kClosed,          kOfficers,   {C::kWithdrawalReason}},
};
// clang-format on

constexpr std::array<internal::EnumName<Transition>, 15> kTransitionNames{{
    {T::kStartIdentification, "start_identification"},
    {T::kCompleteIdentification, "complete_identification"},
    {T::kCompleteEvaluation, "complete_evaluation"},
    {T::kSubmitForReview, "submit_for_review"},
    {T::kDecide, "decide"},
    {T::kStartFollowUp, "start_follow_up"},
    {T::kReturnToIdentification, "return_to_identification"},
    {T::kReturnToMitigation, "return_to_mitigation"},
    {T::kAppeal, "appeal"},
    {T::kCloseDeclined, "close_declined"},
    {T::kGrantAppeal, "grant_appeal"},
    {T::kDismissAppeal, "dismiss_appeal"},
    {T::kReassess, "reassess"},
    {T::kClose, "close"},
    {T::kWithdraw, "withdraw"},
}};

struct ConditionInfo {
  Condition condition;
  std::string_view name;
  std::string_view text;
};

constexpr std::array<ConditionInfo, 24> kConditions{{
    {C::kHasTeam, "has_team", "the team has at least one member"},
    {C::kEveryMemberDisclosed, "every_member_disclosed",
     "every team member has a current disclosure or a recorded reason for not having one"},
    {C::kEveryoneListScreened, "everyone_list_screened",
     "every team member and partner institution has been checked against the list snapshots"},
    {C::kEveryFlagEvaluated, "every_flag_evaluated", "every flag has an evaluation of its subject that answers it"},
    {C::kEverySubjectEvaluated, "every_subject_evaluated",
     "every team member and partner institution has an evaluation"},
    {C::kDueDiligenceCarriedOut, "due_diligence_carried_out",
     "no subject's latest evaluation has due diligence \"not_done\" (\"partial\" passes, with its gaps on record)"},
    {C::kRiskHasMeasure, "risk_has_measure",
     "every subject whose latest evaluation is \"yes\" or \"unsure\" has a measure that is not cancelled"},
    {C::kMeasuresConsented, "measures_consented",
     "every measure that is not cancelled has the consent of every person it binds"},
    {C::kMeasuresFeasible, "measures_feasible", "every measure that is not cancelled has a feasibility confirmation"},
    {C::kReviewersAssigned, "reviewers_assigned",
     "the review stages of this round are set up, each with assigned reviewers"},
    {C::kEveryStageComplete, "every_stage_complete",
     "every review stage of this round has an opinion from each assigned reviewer"},
    {C::kDecisionRecorded, "decision_recorded", "a decision of this round is recorded"},
    {C::kDecisionProceeds, "decision_proceeds", "the decision is proceed or proceed_with_conditions"},
    {C::kCorrectionToIdentification, "correction_to_identification",
     "the decision is correction_required back to identification"},
    {C::kCorrectionToMitigation, "correction_to_mitigation", "the decision is correction_required back to mitigation"},
    {C::kDecisionDeclines, "decision_declines", "the decision is decline"},
    {C::kAppealFiledInWindow, "appeal_filed_in_window",
     "a pending appeal against this decision was filed on or before its appeal deadline"},
    {C::kAppealWindowClosed, "appeal_window_closed",
     "the appeal deadline has passed (today is later) and no appeal against the decision is pending"},
    {C::kAppealGranted, "appeal_granted", "the appeal has been granted (the case is reviewed again)"},
    {C::kAppealDismissed, "appeal_dismissed", "the appeal has been dismissed"},
    {C::kOpenFollowUp, "open_follow_up", "at least one follow-up is open"},
    {C::kNoOpenFollowUp, "no_open_follow_up", "no follow-up is open"},
    {C::kMeasuresFinished, "measures_finished", "every measure is done or cancelled"},
    {C::kWithdrawalReason, "withdrawal_reason", "a reason for the withdrawal is recorded"},
}};

constexpr bool InEnumOrder() {
  for (size_t i = 0; i < kConditions.size(); ++i)
    if (static_cast<size_t>(kConditions[i].condition) != i) return false;
  return true;
}
static_assert(InEnumOrder(), "kConditions lists the conditions in enum order");

const ConditionInfo& Info(Condition c) {
  return kConditions[static_cast<size_t>(c)];
}

bool Live(const Measure& m) {
  return CurrentStatus(m) != MeasureStatus::kCancelled;
}

std::vector<Subject> Subjects(const CaseSnapshot& s) {
  std::vector<Subject> out;
  for (const TeamMember& m : s.team) out.push_back({SubjectKind::kPerson, m.person_id});
  for (const Partner& p : s.partners) out.push_back({SubjectKind::kInstitution, p.institution_id});
  return out;
}

const Decision* CurrentDecision(const CaseSnapshot& s) {
  return s.decision && s.decision->round == s.round ? &*s.decision : nullptr;
}

std::vector<const Review*> RoundReviews(const CaseSnapshot& s) {
  std::vector<const Review*> out;
  for (const Review& r : s.reviews)
    if (r.round == s.round) out.push_back(&r);
  return out;
}

std::string DecisionIs(const CaseSnapshot& s, std::string_view wanted) {
  const Decision* d = CurrentDecision(s);
  if (!d) return "no decision of round " + std::to_string(s.round) + " is recorded";
  std::string is = std::string(Name(d->outcome));
  if (d->outcome == Outcome::kCorrectionRequired) is += " back to " + std::string(Name(d->correction_target));
  return "decision " + d->id + " is " + is + ", not " + std::string(wanted);
}

// Appends one message per unmet fact of `c` to `out`.
void Check(Condition c, const CaseSnapshot& s, Date today, std::vector<std::string>& out) {
  switch (c) {
    case C::kHasTeam:
      if (s.team.empty()) out.push_back("the team has no member");
      break;
    case C::kEveryMemberDisclosed:
      for (const TeamMember& m : s.team)
        if (!m.has_current_disclosure && !internal::HasText(m.no_disclosure_reason))
          out.push_back("person " + m.person_id + " has no current disclosure and no recorded reason");
      break;
    case C::kEveryoneListScreened:
      for (const TeamMember& m : s.team)
        if (!m.list_screened) out.push_back("person " + m.person_id + " has not been checked against the lists");
      for (const Partner& p : s.partners)
        if (!p.list_screened)
          out.push_back("institution " + p.institution_id + " has not been checked against the lists");
      break;
    case C::kEveryFlagEvaluated:
      for (const Flag& f : s.flags) {
        bool answered = std::any_of(s.evaluations.begin(), s.evaluations.end(), [&](const Evaluation& e) {
          return e.subject == f.subject && std::find(e.flag_ids.begin(), e.flag_ids.end(), f.id) != e.flag_ids.end();
        });
        if (!answered) out.push_back("flag " + f.id + " on " + Describe(f.subject) + " has no evaluation");
      }
      break;
    case C::kEverySubjectEvaluated:
      for (const Subject& subject : Subjects(s))
        if (!LatestEvaluation(s.evaluations, subject)) out.push_back(Describe(subject) + " has no evaluation");
      break;
    case C::kDueDiligenceCarriedOut:
      for (const Subject& subject : Subjects(s))
        if (const Evaluation* e = LatestEvaluation(s.evaluations, subject);
            e && e->due_diligence.state == DueDiligenceState::kNotDone)
          out.push_back("due diligence on " + Describe(subject) + " is not done (evaluation " + e->id + ": " +
                        e->due_diligence.note + ")");
      break;
    case C::kRiskHasMeasure:
      for (const Subject& subject : Subjects(s)) {
        const Evaluation* e = LatestEvaluation(s.evaluations, subject);
        if (!e || e->risk == RiskAnswer::kNo) continue;
        bool covered = std::any_of(s.measures.begin(), s.measures.end(),
                                   [&](const Measure& m) { return m.subject == subject && Live(m); });
        if (!covered)
          out.push_back(Describe(subject) + " was evaluated \"" + std::string(Name(e->risk)) + "\" (evaluation " +
                        e->id + ") but has no measure");
      }
      break;
    case C::kMeasuresConsented:
      for (const Measure& m : s.measures) {
        if (!Live(m)) continue;
        for (const std::string& person : m.binds) {
          auto answer = ConsentOf(m, person);
          if (!answer)
            out.push_back("measure " + m.id + " has no answer from person " + person + " on consent");
          else if (*answer == ConsentAnswer::kRefused)
            out.push_back("person " + person + " refused measure " + m.id);
        }
      }
      break;
    case C::kMeasuresFeasible:
      for (const Measure& m : s.measures)
        if (Live(m) && !m.feasibility) out.push_back("measure " + m.id + " has no feasibility confirmation");
      break;
    case C::kReviewersAssigned: {
      auto reviews = RoundReviews(s);
      if (reviews.empty()) out.push_back("no review stage is set up for round " + std::to_string(s.round));
      for (const Review* r : reviews)
        if (r->reviewers.empty()) out.push_back("review stage " + r->stage_id + " has no reviewer assigned");
      break;
    }
    case C::kEveryStageComplete: {
      auto reviews = RoundReviews(s);
      if (reviews.empty()) out.push_back("no review stage is set up for round " + std::to_string(s.round));
      for (const Review* r : reviews) {
        if (r->reviewers.empty())
          out.push_back("review stage " + r->stage_id + " has no reviewer assigned");
        else if (!StageComplete(*r))
          out.push_back("review stage " + r->stage_id + " is waiting for " + internal::Join(PendingReviewers(*r)));
      }
      break;
    }
    case C::kDecisionRecorded:
      if (!CurrentDecision(s)) out.push_back("no decision of round " + std::to_string(s.round) + " is recorded");
      break;
    case C::kDecisionProceeds: {
      const Decision* d = CurrentDecision(s);
      if (!d || (d->outcome != Outcome::kProceed && d->outcome != Outcome::kProceedWithConditions))
        out.push_back(DecisionIs(s, "proceed or proceed_with_conditions"));
      break;
    }
    case C::kCorrectionToIdentification:
    case C::kCorrectionToMitigation: {
      CorrectionTarget target =
          c == C::kCorrectionToIdentification ? CorrectionTarget::kIdentification : CorrectionTarget::kMitigation;
      const Decision* d = CurrentDecision(s);
      if (!d || d->outcome != Outcome::kCorrectionRequired || d->correction_target != target)
        out.push_back(DecisionIs(s, "correction_required back to " + std::string(Name(target))));
      break;
    }
    case C::kDecisionDeclines: {
      const Decision* d = CurrentDecision(s);
      if (!d || d->outcome != Outcome::kDecline) out.push_back(DecisionIs(s, "decline"));
      break;
    }
    case C::kAppealFiledInWindow: {
      const Decision* d = CurrentDecision(s);
      if (!d || d->outcome != Outcome::kDecline) break;  // kDecisionDeclines says so
      if (!s.appeal || s.appeal->decision_id != d->id) {
        out.push_back("no appeal against decision " + d->id + " is filed");
        break;
      }
      if (s.appeal->status != AppealStatus::kPending)
        out.push_back("appeal " + s.appeal->id + " is " + std::string(Name(s.appeal->status)) + ", not pending");
      auto filed = TimestampDate(s.appeal->filed_at, "filed_at");
      if (!filed || !d->appeal_deadline || *filed > *d->appeal_deadline)
        out.push_back("appeal " + s.appeal->id + " was filed on " + s.appeal->filed_at + ", after the deadline " +
                      (d->appeal_deadline ? FormatDate(*d->appeal_deadline) : std::string("(none)")));
      break;
    }
    case C::kAppealWindowClosed: {
      const Decision* d = CurrentDecision(s);
      if (!d || d->outcome != Outcome::kDecline) break;
      if (!d->appeal_deadline)
        out.push_back("decision " + d->id + " has no appeal deadline recorded");
      else if (today <= *d->appeal_deadline)
        out.push_back("the appeal window of decision " + d->id + " is open until " + FormatDate(*d->appeal_deadline) +
                      " (today is " + FormatDate(today) + ")");
      if (s.appeal && s.appeal->decision_id == d->id && s.appeal->status == AppealStatus::kPending)
        out.push_back("appeal " + s.appeal->id + " against decision " + d->id + " is pending");
      break;
    }
    case C::kAppealGranted:
    case C::kAppealDismissed: {
      AppealStatus wanted = c == C::kAppealGranted ? AppealStatus::kGranted : AppealStatus::kDismissed;
      if (!s.appeal)
        out.push_back("no appeal is filed");
      else if (s.appeal->status != wanted)
        out.push_back("appeal " + s.appeal->id + " is " + std::string(Name(s.appeal->status)) + ", not " +
                      std::string(Name(wanted)));
      break;
    }
    case C::kOpenFollowUp:
      if (std::none_of(s.followups.begin(), s.followups.end(),
                       [](const FollowUp& f) { return f.status == FollowUpStatus::kOpen; }))
        out.push_back("no follow-up is open");
      break;
    case C::kNoOpenFollowUp:
      for (const FollowUp& f : s.followups)
        if (f.status == FollowUpStatus::kOpen)
          out.push_back("follow-up " + f.id + " (" + std::string(Name(f.kind)) + ", " + Describe(f.subject) +
                        ") is open");
      break;
    case C::kMeasuresFinished:
      for (const Measure& m : s.measures) {
        MeasureStatus status = CurrentStatus(m);
        if (status != MeasureStatus::kDone && status != MeasureStatus::kCancelled)
          out.push_back("measure " + m.id + " is " + std::string(Name(status)));
      }
      break;
    case C::kWithdrawalReason:
      if (!internal::HasText(s.withdrawal_reason)) out.push_back("no withdrawal reason is recorded");
      break;
  }
}

std::string Arrow(const TransitionRule& rule) {
  return std::string(Name(rule.from)) + " → " + std::string(Name(rule.to));
}

std::string RoleList(const EnumSet<R>& roles) {
  std::vector<std::string> names;
  for (R role : roles.Members()) names.emplace_back(access::RoleName(role));
  return internal::Join(names);
}

}  // namespace

std::span<const TransitionRule> TransitionTable() {
  return kTable;
}

std::string_view Name(Transition transition) {
  return internal::NameIn(kTransitionNames, transition);
}

Result<Transition> ParseTransition(std::string_view text) {
  return internal::ParseIn(kTransitionNames, text, "transition");
}

std::string_view Name(Condition condition) {
  return Info(condition).name;
}

std::string_view ConditionText(Condition condition) {
  return Info(condition).text;
}

std::vector<std::string> Blockers(const TransitionRule& rule, const CaseSnapshot& snapshot, Date today) {
  std::vector<std::string> out;
  for (Condition c : rule.conditions.Members()) Check(c, snapshot, today, out);
  return out;
}

Result<CaseState> Advance(const CaseSnapshot& snapshot, Transition transition, access::Role role, Date today) {
  const TransitionRule* rule = nullptr;
  std::vector<std::string> from_states;
  for (const TransitionRule& r : kTable) {
    if (r.transition != transition) continue;
    if (r.from == snapshot.state) rule = &r;
    from_states.emplace_back(Name(r.from));
  }
  const std::string where = "case " + snapshot.case_id + ": ";
  if (!rule)
    return MakeError(ErrorCode::kFailedPrecondition,
                     where + std::string(Name(transition)) + " cannot be taken from state " +
                         std::string(Name(snapshot.state)) + " (only from " + internal::Join(from_states) + ")");
  if (!rule->roles.Has(role))
    return MakeError(ErrorCode::kPermissionDenied, where + "role " + std::string(access::RoleName(role)) +
                                                       " may not take " + std::string(Name(transition)) + " (" +
                                                       Arrow(*rule) + "); allowed: " + RoleList(rule->roles));
  std::vector<std::string> blockers = Blockers(*rule, snapshot, today);
  if (!blockers.empty()) {
    std::string message = where + Arrow(*rule) + " (" + std::string(Name(transition)) + "): ";
    for (size_t i = 0; i < blockers.size(); ++i) message += (i ? "; " : "") + blockers[i];
    return MakeError(ErrorCode::kFailedPrecondition, std::move(message));
  }
  return rule->to;
}

std::vector<TransitionOption> AllowedTransitions(const CaseSnapshot& snapshot, access::Role role, Date today) {
  std::vector<TransitionOption> out;
  for (const TransitionRule& rule : kTable)
    if (rule.from == snapshot.state && rule.roles.Has(role)) out.push_back({&rule, Blockers(rule, snapshot, today)});
  return out;
}

std::string RenderTransitionTable() {
  std::string md = "| transition | from → to | roles | conditions (all must hold) | new round |\n";
  md += "|---|---|---|---|---|\n";
  for (const TransitionRule& rule : kTable) {
    std::vector<std::string> conditions;
    for (Condition c : rule.conditions.Members()) conditions.push_back("`" + std::string(Name(c)) + "`");
    std::vector<std::string> roles;
    for (R r : rule.roles.Members()) roles.push_back("`" + std::string(access::RoleName(r)) + "`");
    md += "| `" + std::string(Name(rule.transition)) + "` | " + Arrow(rule) + " | " + internal::Join(roles) + " | " +
          internal::Join(conditions) + " | " + (rule.new_round ? "yes" : "") + " |\n";
  }
  md += "\n| condition | holds when |\n|---|---|\n";
  for (const ConditionInfo& info : kConditions)
    md += "| `" + std::string(info.name) + "` | " + std::string(info.text) + " |\n";
  return md;
}

}  // namespace highfence::workflow
