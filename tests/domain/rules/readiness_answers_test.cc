// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/readiness_answers.h"

#include <gtest/gtest.h>

namespace highfence::rules {
namespace {

TEST(ReadinessAnswersTest, ParsesACompleteJapaneseAnswersFile) {
  auto a = ParseReadinessAnswers(R"(# 量子センシングによる海中航法の実証
trl_start = 4
trl_end = 7
scope = "system"
implementation_within_period = true
scenario = "3年目に海上保安機関と共同で実海域試験を行い、4年目に航法装置として実装"
officer = "JST PO 佐藤"
answered_on = 2026-11-20
)",
                                 "quantum.answers.toml");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->trl_start, 4);
  EXPECT_EQ(a->trl_end, 7);
  EXPECT_EQ(a->scope, DevelopmentScope::kSystem);
  EXPECT_EQ(a->implementation_within_period, true);
  EXPECT_EQ(a->answered_on, "2026-11-20");
  EXPECT_NE(a->scenario.find("実海域試験"), std::string::npos);
}

TEST(ReadinessAnswersTest, RejectsTrlOutOfRangeNamingFileLineAndKey) {
  auto a = ParseReadinessAnswers("scope = \"element\"\ntrl_end = 12\n", "p.answers.toml");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(a.error().message.find("p.answers.toml:2"), std::string::npos) << a.error().message;
  EXPECT_NE(a.error().message.find("trl_end"), std::string::npos);
}

TEST(ReadinessAnswersTest, RejectsUnknownKeyAndBadScope) {
  auto unknown = ParseReadinessAnswers("scope = \"system\"\ntlr_end = 5\n", "x.toml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("tlr_end"), std::string::npos);
  auto scope = ParseReadinessAnswers("scope = \"component\"\n", "x.toml");
  ASSERT_FALSE(scope);
  EXPECT_NE(scope.error().message.find("\"system\" or \"element\""), std::string::npos);
}

TEST(ReadinessAnswersTest, RejectsDecreasingTrlAndOverrideWithoutReason) {
  EXPECT_FALSE(ParseReadinessAnswers("trl_start = 5\ntrl_end = 3\n", "x.toml"));
  auto r = ParseReadinessAnswers("keyword_hit = \"partial\"\n", "x.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("keyword_hit_reason"), std::string::npos);
}

TEST(ReadinessAnswersTest, MalformedTomlNamesTheLine) {
  auto r = ParseReadinessAnswers("trl_start = 3\nscope = system\n", "broken.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("broken.toml:2"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace highfence::rules
