// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/evaluation.h"

#include <gtest/gtest.h>

#include "tests/domain/workflow/fixtures.h"
#include "tests/support/data.h"

namespace highfence::workflow {
namespace {

RiskCategoryCatalogue Shipped() {
  auto catalogue = LoadRiskCategories(highfence::testing::RepoPath("data/workflow/risk_categories.tsv"));
  EXPECT_TRUE(catalogue.has_value()) << catalogue.error().message;
  return *catalogue;
}

Evaluation Partner() {
  return testing::DecidedProceedCase().evaluations[2];
}

void ExpectInvalid(const Evaluation& e, const std::string& needle) {
  auto ok = Validate(e, Shipped());
  ASSERT_FALSE(ok.has_value()) << "expected an error naming " << needle;
  EXPECT_EQ(ok.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(ok.error().message.find(needle), std::string::npos) << ok.error().message;
}

TEST(EvaluationTest, TheCaseEvaluationsAreValidAgainstTheShippedCategories) {
  for (const Evaluation& e : testing::DecidedProceedCase().evaluations) {
    auto ok = Validate(e, Shipped());
    EXPECT_TRUE(ok.has_value()) << ok.error().message;
  }
}

TEST(EvaluationTest, RationaleIsRequiredAndSpacesAreNotARationale) {
  for (std::string blank : {"", "   ", "　\n", "\t　 "}) {
    Evaluation e = Partner();
    e.rationale = blank;
    ExpectInvalid(e, "evaluation ev_3 of institution inst_partner_hit: field \"rationale\" is required");
  }
}

TEST(EvaluationTest, EachRequiredFieldIsNamed) {
  Evaluation e = Partner();
  e.evaluator.clear();
  ExpectInvalid(e, "field \"evaluator\" is required");
  e = Partner();
  e.case_id.clear();
  ExpectInvalid(e, "field \"case_id\" is required");
  e = Partner();
  e.subject.id.clear();
  ExpectInvalid(e, "field \"subject.id\" is required");
  e = Partner();
  e.at = "2026/12/02 14:00";
  ExpectInvalid(e, "field \"at\": \"2026/12/02 14:00\" is not an RFC 3339 timestamp");
}

TEST(EvaluationTest, RiskYesNamesACategoryFromTheCatalogue) {
  Evaluation e = Partner();
  e.categories.clear();
  ExpectInvalid(e, "field \"categories\": a risk answered \"yes\" names at least one risk category");
  e.categories = {"export_control", "nationality"};
  ExpectInvalid(e, "\"nationality\" is not in the risk-category catalogue");
  e.categories = {"export_control", "export_control"};
  ExpectInvalid(e, "\"export_control\" is listed twice");
  e.risk = RiskAnswer::kUnsure;
  e.categories.clear();
  EXPECT_TRUE(Validate(e, Shipped()).has_value());
}

TEST(EvaluationTest, PartialDueDiligenceListsWhatCouldNotBeObtainedAndWhy) {
  Evaluation e = testing::DecidedProceedCase().evaluations[1];
  ASSERT_EQ(e.due_diligence.state, DueDiligenceState::kPartial);
  EXPECT_TRUE(Validate(e, Shipped()).has_value());
  e.due_diligence.unobtainable[0].why = "";
  ExpectInvalid(e, "field \"due_diligence.unobtainable[0].why\" is required");
  e.due_diligence.unobtainable.clear();
  ExpectInvalid(e, "field \"due_diligence.unobtainable\": a partial due diligence lists what could not be obtained");
}

TEST(EvaluationTest, GapsBelongOnlyToPartialAndNotDoneSaysWhy) {
  Evaluation e = Partner();
  e.due_diligence.unobtainable = {{"先方機関の出資構成", "公開情報なし"}};
  ExpectInvalid(e, "gaps are recorded only with state \"partial\", not \"done\"");
  e.due_diligence = {DueDiligenceState::kNotDone, {}, ""};
  ExpectInvalid(e, "field \"due_diligence.note\" is required");
  e.due_diligence.note = "先方の回答待ち (2026-12-20 期限)";
  EXPECT_TRUE(Validate(e, Shipped()).has_value());
}

TEST(EvaluationTest, LatestEvaluationIsTheLastOfTheSubjectInRecordingOrder) {
  auto evaluations = testing::DecidedProceedCase().evaluations;
  Evaluation again = evaluations[1];
  again.id = "ev_7";
  again.risk = RiskAnswer::kNo;
  evaluations.push_back(again);
  EXPECT_EQ(LatestEvaluation(evaluations, {SubjectKind::kPerson, "p_li"})->id, "ev_7");
  EXPECT_EQ(LatestEvaluation(evaluations, {SubjectKind::kPerson, "p_tanaka"})->id, "ev_1");
  EXPECT_EQ(LatestEvaluation(evaluations, {SubjectKind::kInstitution, "p_li"}), nullptr);
}

TEST(EvaluationTest, NamesRoundTripAndUnknownOnesAreRejected) {
  for (RiskAnswer r : {RiskAnswer::kYes, RiskAnswer::kNo, RiskAnswer::kUnsure}) EXPECT_EQ(*ParseRiskAnswer(Name(r)), r);
  for (DueDiligenceState s : {DueDiligenceState::kDone, DueDiligenceState::kNotDone, DueDiligenceState::kPartial})
    EXPECT_EQ(*ParseDueDiligenceState(Name(s)), s);
  auto bad = ParseRiskAnswer("maybe");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "risk: unknown \"maybe\" (known: yes, no, unsure)");
}

}  // namespace
}  // namespace highfence::workflow
