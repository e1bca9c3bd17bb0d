// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/review.h"

#include <gtest/gtest.h>

#include "domain/workflow/case_state_machine.h"
#include "tests/domain/workflow/fixtures.h"
#include "tests/support/data.h"

namespace highfence::workflow {
namespace {

using testing::Day;

ReviewStage Stage(const char* track, const char* id) {
  auto plan = LoadReviewPlan(highfence::testing::RepoPath("data/workflow/review_stages.tsv"));
  EXPECT_TRUE(plan.has_value()) << plan.error().message;
  const ReviewStage* stage = plan->Find(track, id);
  EXPECT_NE(stage, nullptr) << track << "/" << id;
  return *stage;
}

Decision Draft(Outcome outcome) {
  return Decision{.id = "dc_1",
                  .case_id = testing::kCaseId,
                  .round = 1,
                  .outcome = outcome,
                  .decided_by = "u_srg_chair",
                  .at = "2026-12-10T17:30:00+09:00"};
}

TEST(ReviewTest, AStageNeedsItsMinimumOfDistinctReviewers) {
  ReviewStage committee = Stage("institution", "academic_committee");
  auto few = OpenReview(testing::kCaseId, 1, committee, {"u_sato"});
  ASSERT_FALSE(few.has_value());
  EXPECT_EQ(few.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(few.error().message.find("stage academic_committee needs at least 2 reviewers, 1 assigned"),
            std::string::npos);
  auto twice = OpenReview(testing::kCaseId, 1, committee, {"u_sato", "u_sato"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("u_sato is assigned twice"), std::string::npos);
  auto ok = OpenReview(testing::kCaseId, 1, committee, {"u_sato", "u_ito"});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->order, 2);
  EXPECT_FALSE(StageComplete(*ok));
}

TEST(ReviewTest, OnlyAssignedReviewersVoteOnceEachAndObjectionsCarryText) {
  Review r = *OpenReview(testing::kCaseId, 1, Stage("institution", "academic_committee"), {"u_sato", "u_ito"});
  auto outsider = RecordOpinion(r, {"u_yamada", Vote::kApprove, "", "2026-12-09T15:00:00+09:00"});
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(outsider.error().message.find("u_yamada is not an assigned reviewer (assigned: u_sato, u_ito)"),
            std::string::npos);
  auto silent = RecordOpinion(r, {"u_sato", Vote::kDecline, "", "2026-12-09T15:00:00+09:00"});
  ASSERT_FALSE(silent.has_value());
  EXPECT_EQ(silent.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(silent.error().message.find("field \"text\" is required for a vote of decline"), std::string::npos);
  r = *RecordOpinion(r, {"u_sato", Vote::kConditions, "データ管理計画の提出を条件とする", "2026-12-09T15:00:00+09:00"});
  EXPECT_EQ(PendingReviewers(r), std::vector<std::string>{"u_ito"});
  auto again = RecordOpinion(r, {"u_sato", Vote::kApprove, "", "2026-12-09T16:00:00+09:00"});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("u_sato already voted conditions"), std::string::npos);
  r = *RecordOpinion(r, {"u_ito", Vote::kAbstain, "", "2026-12-09T16:00:00+09:00"});
  EXPECT_TRUE(StageComplete(r));
}

TEST(DecisionTest, DeclineWithoutAReasonIsRejected) {
  for (std::vector<std::string> reasons : {std::vector<std::string>{}, std::vector<std::string>{"", "　"}}) {
    Decision d = Draft(Outcome::kDecline);
    d.reasons = reasons;
    auto made = MakeDecision(d, {});
    ASSERT_FALSE(made.has_value());
    EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(made.error().message.find("decision dc_1: field \"reasons\": a decision of decline needs a reason"),
              std::string::npos)
        << made.error().message;
  }
}

TEST(DecisionTest, DeclineOpensAnAppealWindowOfTheConfiguredDays) {
  Decision d = Draft(Outcome::kDecline);
  d.reasons = {"懸念先への未発表データ提供を避ける措置が合意できなかった"};
  auto made = MakeDecision(d, {});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(made->appeal_deadline, Day(2027, 1, 9));  // 2026-12-10 + 30 days
  auto short_window = MakeDecision(d, {.appeal_days = 14});
  EXPECT_EQ(short_window->appeal_deadline, Day(2026, 12, 24));
  auto proceed = MakeDecision(Draft(Outcome::kProceed), {});
  ASSERT_TRUE(proceed.has_value());
  EXPECT_EQ(proceed->appeal_deadline, std::nullopt);
}

TEST(DecisionTest, EachOutcomeCarriesWhatItNeeds) {
  Decision d = Draft(Outcome::kCorrectionRequired);
  d.reasons = {"兼業先の確認が2019年以降に限られている"};
  auto made = MakeDecision(d, {});
  ASSERT_FALSE(made.has_value());
  EXPECT_NE(made.error().message.find("field \"correction_target\""), std::string::npos);
  d.correction_target = CorrectionTarget::kIdentification;
  EXPECT_TRUE(MakeDecision(d, {}).has_value());
  d = Draft(Outcome::kProceedWithConditions);
  made = MakeDecision(d, {});
  ASSERT_FALSE(made.has_value());
  EXPECT_NE(made.error().message.find("field \"conditions\": proceed_with_conditions lists at least one condition"),
            std::string::npos);
  d.conditions = {"Submit a data-management plan before the first partner meeting"};
  EXPECT_TRUE(MakeDecision(d, {}).has_value());
  d.outcome = Outcome::kProceed;
  made = MakeDecision(d, {});
  ASSERT_FALSE(made.has_value());
  EXPECT_NE(made.error().message.find("conditions belong only to proceed_with_conditions"), std::string::npos);
}

TEST(AppealTest, IsFiledAgainstADeclineWithinItsWindowOnly) {
  Decision d = Draft(Outcome::kDecline);
  d.reasons = {"措置が合意できなかった"};
  d = *MakeDecision(d, {});
  Appeal a{.id = "ap_1",
           .filed_by = "u_pi_tanaka",
           .grounds = "データ共有範囲を限定する追加措置を提案する",
           .filed_at = "2027-01-09T18:00:00+09:00"};
  auto on_the_day = FileAppeal(d, a, Day(2027, 1, 9));
  ASSERT_TRUE(on_the_day.has_value()) << on_the_day.error().message;
  EXPECT_EQ(on_the_day->decision_id, "dc_1");
  EXPECT_EQ(on_the_day->status, AppealStatus::kPending);
  auto late = FileAppeal(d, a, Day(2027, 1, 10));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(late.error().message.find("the appeal window closed on 2027-01-09 (today is 2027-01-10)"),
            std::string::npos);
  a.grounds = "";
  auto groundless = FileAppeal(d, a, Day(2026, 12, 20));
  ASSERT_FALSE(groundless.has_value());
  EXPECT_NE(groundless.error().message.find("field \"grounds\" is required"), std::string::npos);
  auto not_declined = FileAppeal(*MakeDecision(Draft(Outcome::kProceed), {}), a, Day(2026, 12, 20));
  ASSERT_FALSE(not_declined.has_value());
  EXPECT_NE(not_declined.error().message.find("only a decline can be appealed; the decision was proceed"),
            std::string::npos);
}

TEST(AppealTest, DeclineAppealGrantedSendsTheCaseBackToReviewInANewRound) {
  CaseSnapshot s = testing::DecidedProceedCase();
  Decision d = Draft(Outcome::kDecline);
  d.reasons = {"懸念先への未発表データ提供を避ける措置が合意できなかった"};
  s.decision = *MakeDecision(d, {});
  const Date today = Day(2026, 12, 20);
  auto early = Advance(s, Transition::kAppeal, access::Role::kResearcher, today);
  ASSERT_FALSE(early.has_value());
  EXPECT_NE(early.error().message.find("no appeal against decision dc_1 is filed"), std::string::npos);
  auto not_yet_closed = Advance(s, Transition::kCloseDeclined, access::Role::kSecurityOfficer, today);
  ASSERT_FALSE(not_yet_closed.has_value());
  EXPECT_NE(not_yet_closed.error().message.find("is open until 2027-01-09"), std::string::npos);
  s.appeal = *FileAppeal(*s.decision,
                         {.id = "ap_1",
                          .filed_by = "u_pi_tanaka",
                          .grounds = "追加措置を提案する",
                          .filed_at = "2026-12-20T09:00:00+09:00"},
                         today);
  s.state = *Advance(s, Transition::kAppeal, access::Role::kResearcher, today);
  EXPECT_EQ(s.state, CaseState::kAppeal);
  auto pending = Advance(s, Transition::kGrantAppeal, access::Role::kReviewer, today);
  ASSERT_FALSE(pending.has_value());
  EXPECT_NE(pending.error().message.find("appeal ap_1 is pending, not granted"), std::string::npos);
  auto empty_reason = DecideAppeal(*s.appeal, AppealStatus::kGranted, "", "u_srg_chair", "2026-12-27T10:00:00+09:00");
  ASSERT_FALSE(empty_reason.has_value());
  EXPECT_NE(empty_reason.error().message.find("field \"outcome_reason\" is required"), std::string::npos);
  s.appeal = *DecideAppeal(*s.appeal, AppealStatus::kGranted, "追加措置で懸念が解消される見込み", "u_srg_chair",
                           "2026-12-27T10:00:00+09:00");
  auto twice = DecideAppeal(*s.appeal, AppealStatus::kDismissed, "再考", "u_srg_chair", "2026-12-28T10:00:00+09:00");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  s.state = *Advance(s, Transition::kGrantAppeal, access::Role::kReviewer, today);
  EXPECT_EQ(s.state, CaseState::kReview);
}

TEST(ReviewTest, NamesRoundTrip) {
  for (Vote v : {Vote::kApprove, Vote::kConditions, Vote::kCorrection, Vote::kDecline, Vote::kAbstain})
    EXPECT_EQ(*ParseVote(Name(v)), v);
  for (Outcome o :
       {Outcome::kProceed, Outcome::kProceedWithConditions, Outcome::kCorrectionRequired, Outcome::kDecline})
    EXPECT_EQ(*ParseOutcome(Name(o)), o);
  EXPECT_EQ(*ParseCorrectionTarget("mitigation"), CorrectionTarget::kMitigation);
  EXPECT_EQ(*ParseAppealStatus("dismissed"), AppealStatus::kDismissed);
  EXPECT_FALSE(ParseVote("yes").has_value());
}

}  // namespace
}  // namespace highfence::workflow
