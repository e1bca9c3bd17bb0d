// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/classifier.h"

#include <gtest/gtest.h>

#include "domain/rules/jst_trust_table.h"

namespace highfence::rules {
namespace {

ReadinessAnswers Answers(DevelopmentScope scope, int trl_start, int trl_end, std::optional<bool> scenario) {
  ReadinessAnswers a;
  a.scope = scope;
  a.trl_start = trl_start;
  a.trl_end = trl_end;
  a.implementation_within_period = scenario;
  return a;
}

bool AnyReasonStartsWith(const Classification& c, std::string_view prefix) {
  for (const auto& r : c.reasons)
    if (r.rfind(prefix, 0) == 0) return true;
  return false;
}

const std::vector<KeywordEvidence> kQuantumSensing{
    {"ct-quantum-sensing-ja", "量子センシング", 0.85, 4, "④ 特定重要技術"},
    {"ta-10-sensor-ja", "センサー", 0.25, 9, "重要技術領域 10"}};
const std::vector<KeywordEvidence> kOnlyMidLevel{{"ec-eu-6a003-en", "infrared camera", 0.5, 2, "① EU 6A003"}};
const std::vector<KeywordEvidence> kFewGeneric{{"a", "laser", 0.3, 1, ""}, {"b", "sensor", 0.25, 2, ""}};
const std::vector<KeywordEvidence> kManyGeneric{{"a", "laser", 0.3, 1, ""},
                                                {"b", "sensor", 0.25, 2, ""},
                                                {"c", "semiconductor", 0.3, 1, ""},
                                                {"d", "battery", 0.3, 3, ""}};

TEST(JstTrustTableTest, EveryCellOfTheTable) {
  EXPECT_EQ(LookUp(KeywordHit::kYes, Realisation::kYes).level, RiskLevel::kRed);
  EXPECT_EQ(LookUp(KeywordHit::kYes, Realisation::kNo).level, RiskLevel::kYellow);
  EXPECT_EQ(LookUp(KeywordHit::kPartial, Realisation::kYes).level, RiskLevel::kYellow);
  EXPECT_EQ(LookUp(KeywordHit::kPartial, Realisation::kNo).level, RiskLevel::kGreen);
  EXPECT_EQ(LookUp(KeywordHit::kNo, Realisation::kYes).level, RiskLevel::kGreen);
  EXPECT_EQ(LookUp(KeywordHit::kNo, Realisation::kNo).level, RiskLevel::kGreen);
  EXPECT_EQ(LookUp(KeywordHit::kYes, Realisation::kNo).rule, "jst_trust.yes_no");
}

TEST(JstTrustTableTest, ActionsPerLevel) {
  EXPECT_EQ(ActionsFor(RiskLevel::kRed).rs_questionnaire, Requirement::kRequired);
  EXPECT_EQ(ActionsFor(RiskLevel::kRed).publication_management, Requirement::kRequired);
  EXPECT_EQ(ActionsFor(RiskLevel::kYellow).rs_questionnaire, Requirement::kAsNeeded);
  EXPECT_EQ(ActionsFor(RiskLevel::kGreen).publication_management, Requirement::kNone);
}

TEST(ClassifierTest, SpecificKeywordAndSystemDemonstrationIsRed) {
  Classification c = Classify(kQuantumSensing, Answers(DevelopmentScope::kSystem, 4, 7, true), {});
  EXPECT_EQ(c.keyword_hit, KeywordHit::kYes);
  ASSERT_TRUE(c.level);
  EXPECT_EQ(*c.level, RiskLevel::kRed);
  EXPECT_EQ(c.actions.rs_questionnaire, Requirement::kRequired);
  EXPECT_TRUE(AnyReasonStartsWith(c, "keyword_hit.full"));
  EXPECT_TRUE(AnyReasonStartsWith(c, "realisation.scenario"));
  EXPECT_TRUE(AnyReasonStartsWith(c, "jst_trust.yes_yes"));
  // The reason names the keyword that caused it.
  EXPECT_NE(c.reasons[0].find("量子センシング"), std::string::npos);
}

TEST(ClassifierTest, ElementTechnologyIsNotRealisedSoYellow) {
  Classification c = Classify(kQuantumSensing, Answers(DevelopmentScope::kElement, 2, 4, std::nullopt), {});
  ASSERT_TRUE(c.level);
  EXPECT_EQ(*c.level, RiskLevel::kYellow);
  EXPECT_TRUE(AnyReasonStartsWith(c, "realisation.element_only"));
}

TEST(ClassifierTest, SystemLevelTrlDecidesWhenNoScenarioIsGiven) {
  EXPECT_EQ(*Classify(kQuantumSensing, Answers(DevelopmentScope::kSystem, 5, 7, std::nullopt), {}).level,
            RiskLevel::kRed);
  EXPECT_EQ(*Classify(kQuantumSensing, Answers(DevelopmentScope::kSystem, 3, 5, std::nullopt), {}).level,
            RiskLevel::kYellow);
}

TEST(ClassifierTest, WithoutAnswersGivesTheRangeAndNamesMissingAnswers) {
  Classification c = Classify(kQuantumSensing, std::nullopt, {});
  EXPECT_FALSE(c.level);
  EXPECT_EQ(c.min_level, RiskLevel::kYellow);
  EXPECT_EQ(c.max_level, RiskLevel::kRed);
  EXPECT_NE(std::find(c.missing_answers.begin(), c.missing_answers.end(), "scope"), c.missing_answers.end());
  EXPECT_TRUE(AnyReasonStartsWith(c, "jst_trust.pending"));
  EXPECT_EQ(c.actions.rs_questionnaire, Requirement::kRequired);  // worst case until answered
}

TEST(ClassifierTest, NoKeywordIsGreenAndNeedsNoAnswers) {
  Classification c = Classify({}, std::nullopt, {});
  ASSERT_TRUE(c.level);
  EXPECT_EQ(*c.level, RiskLevel::kGreen);
  EXPECT_TRUE(c.missing_answers.empty());
  EXPECT_EQ(c.actions.rs_questionnaire, Requirement::kNone);
}

TEST(ClassifierTest, AFewGenericWordsDoNotCountButAClusterIsPartial) {
  EXPECT_EQ(Classify(kFewGeneric, std::nullopt, {}).keyword_hit, KeywordHit::kNo);
  Classification c = Classify(kManyGeneric, Answers(DevelopmentScope::kSystem, 5, 8, true), {});
  EXPECT_EQ(c.keyword_hit, KeywordHit::kPartial);
  EXPECT_TRUE(AnyReasonStartsWith(c, "keyword_hit.generic_cluster"));
  EXPECT_EQ(*c.level, RiskLevel::kYellow);
}

TEST(ClassifierTest, MidLevelKeywordIsPartial) {
  Classification c = Classify(kOnlyMidLevel, Answers(DevelopmentScope::kSystem, 5, 8, false), {});
  EXPECT_EQ(c.keyword_hit, KeywordHit::kPartial);
  EXPECT_EQ(*c.level, RiskLevel::kGreen);
}

TEST(ClassifierTest, OfficerOverrideOfKeywordHitIsRecordedWithItsReason) {
  ReadinessAnswers a = Answers(DevelopmentScope::kSystem, 4, 7, true);
  a.keyword_hit = KeywordHit::kPartial;
  a.keyword_hit_reason = "センサーは市販品を用いるのみで、量子センシングは比較対象として言及";
  Classification c = Classify(kQuantumSensing, a, {});
  EXPECT_EQ(c.keyword_hit_screened, KeywordHit::kYes);
  EXPECT_EQ(c.keyword_hit, KeywordHit::kPartial);
  EXPECT_TRUE(c.keyword_hit_overridden);
  EXPECT_EQ(*c.level, RiskLevel::kYellow);
  EXPECT_TRUE(AnyReasonStartsWith(c, "keyword_hit.officer"));
}

TEST(ClassifierTest, ContradictoryAnswersAreWarned) {
  Classification c = Classify(kQuantumSensing, Answers(DevelopmentScope::kElement, 2, 3, true), {});
  EXPECT_EQ(*c.level, RiskLevel::kYellow);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("contradicts"), std::string::npos);
}

}  // namespace
}  // namespace highfence::rules
