// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/case_state_machine.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "tests/domain/workflow/fixtures.h"
#include "tests/support/data.h"

namespace highfence::workflow {
namespace {

using access::Role;
using testing::Day;
using testing::DecidedProceedCase;

const Date kToday = testing::Day(2026, 12, 15);

const TransitionRule& Rule(Transition t, CaseState from) {
  for (const TransitionRule& r : TransitionTable())
    if (r.transition == t && r.from == from) return r;
  ADD_FAILURE() << "no rule " << Name(t) << " from " << Name(from);
  return TransitionTable().front();
}

Decision Declined() {
  Decision d{.id = "dc_1",
             .case_id = testing::kCaseId,
             .round = 1,
             .outcome = Outcome::kDecline,
             .reasons = {"懸念先への未発表データ提供を避ける措置が合意できなかった"},
             .decided_by = "u_sato",
             .at = "2026-12-10T12:00:00+09:00"};
  auto made = MakeDecision(d, {});
  EXPECT_TRUE(made.has_value());
  return *made;  // appeal deadline 2027-01-09
}

// A snapshot in `rule.from` on which every condition of `rule` holds (and the day to use).
std::pair<CaseSnapshot, Date> Ready(const TransitionRule& rule) {
  CaseSnapshot s = DecidedProceedCase();
  Date today = kToday;
  s.state = rule.from;
  switch (rule.transition) {
    case Transition::kReturnToIdentification:
    case Transition::kReturnToMitigation:
      s.decision->outcome = Outcome::kCorrectionRequired;
      s.decision->reasons = {"取引先の確認範囲が不足"};
      s.decision->correction_target = rule.transition == Transition::kReturnToIdentification
                                          ? CorrectionTarget::kIdentification
                                          : CorrectionTarget::kMitigation;
      break;
    case Transition::kAppeal:
      s.decision = Declined();
      s.appeal = Appeal{.id = "ap_1",
                        .case_id = testing::kCaseId,
                        .decision_id = "dc_1",
                        .filed_by = "u_pi_tanaka",
                        .grounds = "データ共有範囲を限定する追加措置を提案する",
                        .filed_at = "2026-12-20T09:00:00+09:00"};
      break;
    case Transition::kCloseDeclined:
      s.decision = Declined();
      today = Day(2027, 1, 10);
      break;
    case Transition::kGrantAppeal:
    case Transition::kDismissAppeal:
      s.decision = Declined();
      s.appeal = Appeal{
          .id = "ap_1",
          .case_id = testing::kCaseId,
          .decision_id = "dc_1",
          .filed_by = "u_pi_tanaka",
          .grounds = "追加措置の提案",
          .filed_at = "2026-12-20T09:00:00+09:00",
          .status = rule.transition == Transition::kGrantAppeal ? AppealStatus::kGranted : AppealStatus::kDismissed,
          .outcome_reason = "追加措置で懸念が解消される見込み",
          .decided_by = "u_srg_chair",
          .decided_at = "2026-12-27T10:00:00+09:00"};
      break;
    case Transition::kReassess:
      s.followups = {OnMemberAdded(testing::kCaseId, "p_new", "2027-02-01T09:00:00+09:00")};
      s.followups[0].id = "fu_1";
      break;
    case Transition::kClose:
      for (Measure& m : s.measures) {
        m.evidence.push_back({"記録.pdf", std::string(64, 'a'), "u_officer_sato", "2027-01-20T09:00:00+09:00"});
        m.history.push_back({MeasureStatus::kInProgress, "u_officer_sato", "2027-01-05T09:00:00+09:00", ""});
        m.history.push_back({MeasureStatus::kDone, "u_officer_sato", "2027-01-20T09:00:00+09:00", ""});
      }
      break;
    case Transition::kWithdraw:
      s.withdrawal_reason = "申請者が応募を取り下げた (2026-12-12 付メール)";
      break;
    default:
      break;
  }
  return {s, today};
}

// Breaks `c` on `s` and returns the text its blocker message must contain.
std::string Break(Condition c, CaseSnapshot& s, Date& today) {
  switch (c) {
    case Condition::kHasTeam:
      s.team.clear();
      return "the team has no member";
    case Condition::kEveryMemberDisclosed:
      s.team[1].no_disclosure_reason = "　";  // a full-width space is no reason
      return "person p_li has no current disclosure and no recorded reason";
    case Condition::kEveryoneListScreened:
      s.partners[0].list_screened = false;
      return "institution inst_partner_hit has not been checked against the lists";
    case Condition::kEveryFlagEvaluated:
      s.flags.push_back({"lists:us_entity_list:5678", {SubjectKind::kPerson, "p_li"}});
      return "flag lists:us_entity_list:5678 on person p_li has no evaluation";
    case Condition::kEverySubjectEvaluated:
      s.team.push_back({"p_new", true, "", true});
      return "person p_new has no evaluation";
    case Condition::kDueDiligenceCarriedOut: {
      Evaluation e = s.evaluations[0];
      e.id = "ev_9";
      e.due_diligence = {DueDiligenceState::kNotDone, {}, "本人と連絡が取れず未実施"};
      s.evaluations.push_back(e);
      return "due diligence on person p_tanaka is not done (evaluation ev_9: 本人と連絡が取れず未実施)";
    }
    case Condition::kRiskHasMeasure:
      s.measures[0].history.push_back(
          {MeasureStatus::kCancelled, "u_officer_sato", "2026-12-05T09:00:00+09:00", "対象データが存在しないため"});
      return "institution inst_partner_hit was evaluated \"yes\" (evaluation ev_3) but has no measure";
    case Condition::kMeasuresConsented:
      s.measures[0].consents.clear();
      return "measure ms_1 has no answer from person p_tanaka on consent";
    case Condition::kMeasuresFeasible:
      s.measures[1].feasibility.reset();
      return "measure ms_2 has no feasibility confirmation";
    case Condition::kReviewersAssigned:
      s.reviews.clear();
      return "no review stage is set up for round 1";
    case Condition::kEveryStageComplete:
      s.reviews[1].opinions.pop_back();
      return "review stage academic_committee is waiting for u_ito";
    case Condition::kDecisionRecorded:
      s.decision.reset();
      return "no decision of round 1 is recorded";
    case Condition::kDecisionProceeds:
      s.decision->outcome = Outcome::kDecline;
      return "decision dc_1 is decline, not proceed or proceed_with_conditions";
    case Condition::kCorrectionToIdentification:
      s.decision->correction_target = CorrectionTarget::kMitigation;
      return "decision dc_1 is correction_required back to mitigation, not correction_required back to identification";
    case Condition::kCorrectionToMitigation:
      s.decision->correction_target = CorrectionTarget::kIdentification;
      return "decision dc_1 is correction_required back to identification, not correction_required back to mitigation";
    case Condition::kDecisionDeclines:
      s.decision->outcome = Outcome::kProceed;
      return "decision dc_1 is proceed, not decline";
    case Condition::kAppealFiledInWindow:
      s.appeal.reset();
      return "no appeal against decision dc_1 is filed";
    case Condition::kAppealWindowClosed:
      today = Day(2027, 1, 9);
      return "the appeal window of decision dc_1 is open until 2027-01-09 (today is 2027-01-09)";
    case Condition::kAppealGranted:
      s.appeal->status = AppealStatus::kDismissed;
      return "appeal ap_1 is dismissed, not granted";
    case Condition::kAppealDismissed:
      s.appeal->status = AppealStatus::kPending;
      return "appeal ap_1 is pending, not dismissed";
    case Condition::kOpenFollowUp:
      s.followups.clear();
      return "no follow-up is open";
    case Condition::kNoOpenFollowUp:
      s.followups = {OnMemberAdded(testing::kCaseId, "p_new", "2027-02-01T09:00:00+09:00")};
      s.followups[0].id = "fu_7";
      return "follow-up fu_7 (member_added, person p_new) is open";
    case Condition::kMeasuresFinished:
      s.measures[1].history.pop_back();
      return "measure ms_2 is in_progress";
    case Condition::kWithdrawalReason:
      s.withdrawal_reason.clear();
      return "no withdrawal reason is recorded";
  }
  return "unreachable";
}

TEST(CaseStateMachineTest, EveryTransitionIsTakenByEachAllowedRoleAndRefusedToEveryOther) {
  for (const TransitionRule& rule : TransitionTable()) {
    auto [snapshot, today] = Ready(rule);
    ASSERT_TRUE(Blockers(rule, snapshot, today).empty())
        << Name(rule.transition) << " from " << Name(rule.from) << ": " << Blockers(rule, snapshot, today).front();
    for (Role role : access::kAllRoles) {
      SCOPED_TRACE(std::string(Name(rule.transition)) + " from " + std::string(Name(rule.from)) + " by " +
                   std::string(access::RoleName(role)));
      auto next = Advance(snapshot, rule.transition, role, today);
      if (rule.roles.Has(role)) {
        ASSERT_TRUE(next.has_value()) << next.error().message;
        EXPECT_EQ(*next, rule.to);
      } else {
        ASSERT_FALSE(next.has_value());
        EXPECT_EQ(next.error().code, ErrorCode::kPermissionDenied);
        EXPECT_NE(next.error().message.find("role " + std::string(access::RoleName(role)) + " may not take " +
                                            std::string(Name(rule.transition))),
                  std::string::npos)
            << next.error().message;
      }
    }
  }
}

TEST(CaseStateMachineTest, EveryConditionOfEveryTransitionRefusesWithItsOwnMessage) {
  int checked = 0;
  for (const TransitionRule& rule : TransitionTable()) {
    Role role = rule.roles.Members().front();
    for (Condition c : rule.conditions.Members()) {
      auto [snapshot, today] = Ready(rule);
      std::string expected = Break(c, snapshot, today);
      SCOPED_TRACE(std::string(Name(rule.transition)) + " / " + std::string(Name(c)));
      auto next = Advance(snapshot, rule.transition, role, today);
      ASSERT_FALSE(next.has_value());
      EXPECT_EQ(next.error().code, ErrorCode::kFailedPrecondition);
      EXPECT_NE(next.error().message.find(expected), std::string::npos) << next.error().message;
      EXPECT_NE(next.error().message.find(std::string(Name(rule.from)) + " → " + std::string(Name(rule.to))),
                std::string::npos);
      ++checked;
    }
  }
  EXPECT_GE(checked, 30);
}

TEST(CaseStateMachineTest, EveryConditionIsUsedByAtLeastOneTransition) {
  std::map<Condition, int> uses;
  for (const TransitionRule& rule : TransitionTable())
    for (Condition c : rule.conditions.Members()) ++uses[c];
  for (int i = 0; i <= static_cast<int>(Condition::kWithdrawalReason); ++i)
    EXPECT_GT(uses[static_cast<Condition>(i)], 0) << Name(static_cast<Condition>(i));
}

TEST(CaseStateMachineTest, TransitionFromTheWrongStateNamesTheStatesItLeavesFrom) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kIdentification;
  auto next = Advance(s, Transition::kCompleteEvaluation, Role::kSecurityOfficer, kToday);
  ASSERT_FALSE(next.has_value());
  EXPECT_EQ(next.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(next.error().message,
            "case case_5f2a91c0d3e4b718: complete_evaluation cannot be taken from state identification (only from "
            "evaluation)");
  auto closed = Advance(s, Transition::kWithdraw, Role::kSecurityOfficer, kToday);
  s.state = CaseState::kClosed;
  auto again = Advance(s, Transition::kWithdraw, Role::kSecurityOfficer, kToday);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().message.find("only from opened, identification, evaluation, mitigation, review"),
            std::string::npos);
  EXPECT_FALSE(closed.has_value());  // no withdrawal reason recorded
}

TEST(CaseStateMachineTest, RefusalNamesEveryUnmetConditionWithTheIdsConcerned) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kEvaluation;
  s.flags.push_back({"lists:us_entity_list:5678", {SubjectKind::kPerson, "p_li"}});
  s.partners.push_back({"inst_second", true});
  s.evaluations[0].due_diligence = {DueDiligenceState::kNotDone, {}, "海外出張中で面談未了"};
  auto next = Advance(s, Transition::kCompleteEvaluation, Role::kSecurityOfficer, kToday);
  ASSERT_FALSE(next.has_value());
  EXPECT_EQ(next.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(next.error().message,
            "case case_5f2a91c0d3e4b718: evaluation → mitigation (complete_evaluation): "
            "flag lists:us_entity_list:5678 on person p_li has no evaluation; "
            "institution inst_second has no evaluation; "
            "due diligence on person p_tanaka is not done (evaluation ev_1: 海外出張中で面談未了)");
}

TEST(CaseStateMachineTest, AnEvaluationOfAnotherSubjectDoesNotAnswerAFlag) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kEvaluation;
  s.evaluations[2].flag_ids.clear();
  s.evaluations[1].flag_ids = {testing::kListFlag};  // p_li's evaluation cites the partner's flag
  auto next = Advance(s, Transition::kCompleteEvaluation, Role::kSecurityOfficer, kToday);
  ASSERT_FALSE(next.has_value());
  EXPECT_NE(next.error().message.find("flag lists:jp_meti_eul:1234 on institution inst_partner_hit has no evaluation"),
            std::string::npos)
      << next.error().message;
}

TEST(CaseStateMachineTest, PartialDueDiligencePassesAndRefusedConsentIsNamed) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kEvaluation;
  EXPECT_EQ(*Advance(s, Transition::kCompleteEvaluation, Role::kSecurityOfficer, kToday), CaseState::kMitigation);
  s.state = CaseState::kMitigation;
  s.measures[1].consents.push_back(
      {"p_li", ConsentAnswer::kRefused, "2026-12-06T09:00:00+09:00", "研修日程が学会と重なるため"});
  auto next = Advance(s, Transition::kSubmitForReview, Role::kSecurityOfficer, kToday);
  ASSERT_FALSE(next.has_value());
  EXPECT_NE(next.error().message.find("person p_li refused measure ms_2"), std::string::npos);
}

TEST(CaseStateMachineTest, NoRiskAnywhereNeedsNoMeasure) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kMitigation;
  s.measures.clear();
  for (Evaluation& e : s.evaluations) {
    e.risk = RiskAnswer::kNo;
    e.categories.clear();
  }
  EXPECT_EQ(*Advance(s, Transition::kSubmitForReview, Role::kSecurityOfficer, kToday), CaseState::kReview);
}

TEST(CaseStateMachineTest, CorrectionLoopStartsANewRoundWhereTheOldDecisionNoLongerCounts) {
  CaseSnapshot s = DecidedProceedCase();
  s.decision->outcome = Outcome::kCorrectionRequired;
  s.decision->reasons = {"兼業先の確認範囲が2019年以降に限られている"};
  s.decision->correction_target = CorrectionTarget::kIdentification;
  EXPECT_FALSE(Advance(s, Transition::kStartFollowUp, Role::kSecurityOfficer, kToday).has_value());
  EXPECT_FALSE(Advance(s, Transition::kReturnToMitigation, Role::kProgrammeOfficer, kToday).has_value());
  auto back = Advance(s, Transition::kReturnToIdentification, Role::kProgrammeOfficer, kToday);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, CaseState::kIdentification);
  EXPECT_TRUE(Rule(Transition::kReturnToIdentification, CaseState::kDecided).new_round);
  s.state = *back;
  s.round = 2;  // what the store does for a new_round transition
  for (Transition t :
       {Transition::kCompleteIdentification, Transition::kCompleteEvaluation, Transition::kSubmitForReview}) {
    auto next = Advance(s, t, Role::kSecurityOfficer, kToday);
    if (t == Transition::kSubmitForReview) {
      ASSERT_FALSE(next.has_value());  // round 2 has no review stages yet
      EXPECT_NE(next.error().message.find("no review stage is set up for round 2"), std::string::npos);
      for (const Review& r : std::vector<Review>(s.reviews)) {
        Review again = r;
        again.round = 2;
        again.opinions.clear();
        s.reviews.push_back(again);
      }
      next = Advance(s, t, Role::kSecurityOfficer, kToday);
    }
    ASSERT_TRUE(next.has_value()) << next.error().message;
    s.state = *next;
  }
  EXPECT_EQ(s.state, CaseState::kReview);
  for (Review& r : s.reviews)
    if (r.round == 2)
      for (const std::string& reviewer : r.reviewers)
        r.opinions.push_back({reviewer, Vote::kApprove, "", "2027-01-12T10:00:00+09:00"});
  auto decided = Advance(s, Transition::kDecide, Role::kReviewer, kToday);
  ASSERT_FALSE(decided.has_value());
  EXPECT_NE(decided.error().message.find("no decision of round 2 is recorded"), std::string::npos);
  s.decision = Decision{.id = "dc_2",
                        .case_id = testing::kCaseId,
                        .round = 2,
                        .outcome = Outcome::kProceed,
                        .decided_by = "u_sato",
                        .at = "2027-01-13T12:00:00+09:00"};
  EXPECT_EQ(*Advance(s, Transition::kDecide, Role::kReviewer, kToday), CaseState::kDecided);
}

TEST(CaseStateMachineTest, AllowedTransitionsListsWhatTheRoleMayTakeWithItsBlockers) {
  CaseSnapshot s = DecidedProceedCase();
  s.state = CaseState::kReview;
  s.reviews[1].opinions.pop_back();
  auto reviewer = AllowedTransitions(s, Role::kReviewer, kToday);
  ASSERT_EQ(reviewer.size(), 1u);
  EXPECT_EQ(reviewer[0].rule->transition, Transition::kDecide);
  ASSERT_EQ(reviewer[0].blockers.size(), 1u);
  EXPECT_EQ(reviewer[0].blockers[0], "review stage academic_committee is waiting for u_ito");
  auto officer = AllowedTransitions(s, Role::kSecurityOfficer, kToday);
  ASSERT_EQ(officer.size(), 1u);
  EXPECT_EQ(officer[0].rule->transition, Transition::kWithdraw);
  EXPECT_TRUE(AllowedTransitions(s, Role::kAuditor, kToday).empty());
  EXPECT_TRUE(AllowedTransitions(s, Role::kAdministrator, kToday).empty());
}

TEST(CaseStateMachineTest, TransitionNamesRoundTripAndUnknownOnesAreListed) {
  for (const TransitionRule& rule : TransitionTable())
    EXPECT_EQ(*ParseTransition(Name(rule.transition)), rule.transition);
  auto bad = ParseTransition("approve");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("transition: unknown \"approve\" (known: start_identification"),
            std::string::npos);
  EXPECT_EQ(*ParseCaseState("follow_up"), CaseState::kFollowUp);
}

// docs/workflow.md carries the rendered table between two markers; the doc cannot drift.
TEST(CaseStateMachineTest, DocsWorkflowMdShowsTheTableAsRenderedFromTheCode) {
  const std::string doc = highfence::testing::ReadFileOrFail(highfence::testing::RepoPath("docs/workflow.md"));
  const std::string begin = "<!-- BEGIN transition table: generated by RenderTransitionTable(), do not edit -->\n";
  const std::string end = "<!-- END transition table -->";
  size_t b = doc.find(begin);
  size_t e = doc.find(end);
  ASSERT_NE(b, std::string::npos) << "docs/workflow.md lacks the marker: " << begin;
  ASSERT_NE(e, std::string::npos) << "docs/workflow.md lacks the marker: " << end;
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), RenderTransitionTable())
      << "docs/workflow.md is out of date; replace the generated part with:\n"
      << RenderTransitionTable();
}

}  // namespace
}  // namespace highfence::workflow
