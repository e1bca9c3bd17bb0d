// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/measure.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/domain/workflow/fixtures.h"
#include "tests/support/data.h"

namespace highfence::workflow {
namespace {

using testing::Day;

constexpr char kSha[] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

MeasureCatalogue Shipped() {
  auto catalogue = LoadMeasureCatalogue(highfence::testing::RepoPath("data/workflow/measures.tsv"));
  EXPECT_TRUE(catalogue.has_value()) << catalogue.error().message;
  return *catalogue;
}

Measure Draft() {
  return Measure{.id = "ms_1",
                 .case_id = testing::kCaseId,
                 .catalogue_id = "data_access",
                 .subject = {SubjectKind::kInstitution, "inst_partner_hit"},
                 .description = "未発表データへのアクセスを研究室メンバーに限定する",
                 .owner = "u_pi_tanaka",
                 .due_date = Day(2027, 1, 31),
                 .binds = {"p_tanaka", "p_li"}};
}

Measure Planned() {
  auto m = ValidateNew(Draft(), Shipped(), "2026-12-03T09:00:00+09:00");
  EXPECT_TRUE(m.has_value()) << m.error().message;
  return *m;
}

StatusChange To(MeasureStatus status, std::string note = "") {
  return {status, "u_officer_sato", "2026-12-10T09:00:00+09:00", std::move(note)};
}

TEST(MeasureTest, ANewMeasureStartsPlannedByItsOwner) {
  Measure m = Planned();
  ASSERT_EQ(m.history.size(), 1u);
  EXPECT_EQ(m.history[0].status, MeasureStatus::kPlanned);
  EXPECT_EQ(m.history[0].by, "u_pi_tanaka");
  EXPECT_EQ(CurrentStatus(m), MeasureStatus::kPlanned);
}

TEST(MeasureTest, ValidateNewNamesTheBadField) {
  Measure m = Draft();
  m.catalogue_id = "surveillance";
  auto bad = ValidateNew(m, Shipped(), "2026-12-03T09:00:00+09:00");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("field \"catalogue_id\": \"surveillance\" is not in the measure catalogue"),
            std::string::npos);
  m = Draft();
  m.description = "　";
  bad = ValidateNew(m, Shipped(), "2026-12-03T09:00:00+09:00");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("measure ms_1: field \"description\" is required"), std::string::npos);
  m = Draft();
  m.binds = {"p_li", "p_li"};
  bad = ValidateNew(m, Shipped(), "2026-12-03T09:00:00+09:00");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("person p_li is listed twice"), std::string::npos);
}

TEST(MeasureTest, ValidateNewReplaysARecordedHistoryThroughTheStatusRules) {
  Measure m = Draft();
  m.history = {To(MeasureStatus::kPlanned), To(MeasureStatus::kDone)};
  auto bad = ValidateNew(m, Shipped(), "2026-12-03T09:00:00+09:00");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("planned → done is not allowed (next: in_progress, cancelled) (history[1])"),
            std::string::npos)
      << bad.error().message;
  m.history = {To(MeasureStatus::kPlanned), To(MeasureStatus::kInProgress), To(MeasureStatus::kDone)};
  m.evidence = {{"アクセス権設定_スクリーンショット.png", kSha, "u_pi_tanaka", "2026-12-09T09:00:00+09:00"}};
  auto good = ValidateNew(m, Shipped(), "2026-12-03T09:00:00+09:00");
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_EQ(CurrentStatus(*good), MeasureStatus::kDone);
}

// Every (from, to) pair: the legal steps are planned → in_progress → done and → cancelled.
TEST(MeasureTest, EveryStatusChangeIsAllowedOrRefusedByTheRules) {
  const MeasureStatus all[] = {MeasureStatus::kPlanned, MeasureStatus::kInProgress, MeasureStatus::kDone,
                               MeasureStatus::kCancelled};
  auto reach = [&](MeasureStatus s) {
    Measure m = Planned();
    m = *AddEvidence(m, {"記録.pdf", kSha, "u_pi_tanaka", "2026-12-05T09:00:00+09:00"});
    if (s == MeasureStatus::kInProgress || s == MeasureStatus::kDone)
      m = *ChangeStatus(m, To(MeasureStatus::kInProgress));
    if (s == MeasureStatus::kDone) m = *ChangeStatus(m, To(MeasureStatus::kDone));
    if (s == MeasureStatus::kCancelled) m = *ChangeStatus(m, To(MeasureStatus::kCancelled, "共同研究自体が中止"));
    return m;
  };
  const std::set<std::pair<MeasureStatus, MeasureStatus>> legal = {
      {MeasureStatus::kPlanned, MeasureStatus::kInProgress},
      {MeasureStatus::kPlanned, MeasureStatus::kCancelled},
      {MeasureStatus::kInProgress, MeasureStatus::kDone},
      {MeasureStatus::kInProgress, MeasureStatus::kCancelled}};
  for (MeasureStatus from : all)
    for (MeasureStatus to : all) {
      SCOPED_TRACE(std::string(Name(from)) + " → " + std::string(Name(to)));
      Measure m = reach(from);
      ASSERT_EQ(CurrentStatus(m), from);
      auto next = ChangeStatus(m, To(to, "理由あり"));
      if (legal.count({from, to})) {
        ASSERT_TRUE(next.has_value()) << next.error().message;
        EXPECT_EQ(CurrentStatus(*next), to);
        EXPECT_EQ(next->history.size(), m.history.size() + 1);
      } else {
        ASSERT_FALSE(next.has_value());
        EXPECT_EQ(next.error().code, ErrorCode::kFailedPrecondition);
        EXPECT_NE(next.error().message.find("measure ms_1: " + std::string(Name(from)) + " → " + std::string(Name(to)) +
                                            " is not allowed"),
                  std::string::npos)
            << next.error().message;
      }
    }
}

TEST(MeasureTest, DoneNeedsEvidenceAndCancelledNeedsANote) {
  Measure m = *ChangeStatus(Planned(), To(MeasureStatus::kInProgress));
  auto done = ChangeStatus(m, To(MeasureStatus::kDone));
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(done.error().message.find("cannot be done without evidence"), std::string::npos);
  auto cancelled = ChangeStatus(m, To(MeasureStatus::kCancelled, " "));
  ASSERT_FALSE(cancelled.has_value());
  EXPECT_EQ(cancelled.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(cancelled.error().message.find("field \"note\" is required"), std::string::npos);
}

TEST(MeasureTest, EvidenceNeedsAFileNameAndASha256AndNotAFinishedMeasure) {
  Measure m = Planned();
  auto bad = AddEvidence(m, {"立入管理記録_2026-12.pdf", "9F86D081", "u_pi_tanaka", "2026-12-05T09:00:00+09:00"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("field \"evidence.sha256\": \"9F86D081\" is not 64 lower-case hex digits"),
            std::string::npos);
  bad = AddEvidence(m, {"", kSha, "u_pi_tanaka", "2026-12-05T09:00:00+09:00"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("field \"evidence.file_name\" is required"), std::string::npos);
  m = *ChangeStatus(m, To(MeasureStatus::kCancelled, "措置不要となった"));
  bad = AddEvidence(m, {"late.pdf", kSha, "u_pi_tanaka", "2026-12-20T09:00:00+09:00"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(bad.error().message.find("is cancelled; evidence can no longer be added"), std::string::npos);
}

TEST(MeasureTest, ConsentComesFromTheBoundPeopleAndTheLatestAnswerCounts) {
  Measure m = Planned();
  auto stranger = RecordConsent(m, {"p_suzuki", ConsentAnswer::kConsented, "2026-12-04T10:00:00+09:00", ""});
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(stranger.error().message.find("person p_suzuki is not bound by this measure (binds: p_tanaka, p_li)"),
            std::string::npos);
  auto refusal = RecordConsent(m, {"p_li", ConsentAnswer::kRefused, "2026-12-04T10:00:00+09:00", ""});
  ASSERT_FALSE(refusal.has_value());
  EXPECT_NE(refusal.error().message.find("field \"consents.note\" is required"), std::string::npos);
  m = *RecordConsent(m, {"p_li", ConsentAnswer::kRefused, "2026-12-04T10:00:00+09:00", "共有サーバの利用が必須のため"});
  EXPECT_EQ(ConsentOf(m, "p_li"), ConsentAnswer::kRefused);
  m = *RecordConsent(m,
                     {"p_li", ConsentAnswer::kConsented, "2026-12-06T10:00:00+09:00", "研究室内NASで代替可能と確認"});
  EXPECT_EQ(ConsentOf(m, "p_li"), ConsentAnswer::kConsented);
  EXPECT_EQ(m.consents.size(), 2u);  // the refusal stays on record
  EXPECT_EQ(ConsentOf(m, "p_tanaka"), std::nullopt);
}

TEST(MeasureTest, FeasibilityNeedsWhoConfirmedIt) {
  auto bad = ConfirmFeasibility(Planned(), {"", "2026-12-04T09:00:00+09:00", ""});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("field \"feasibility.by\" is required"), std::string::npos);
  auto good = ConfirmFeasibility(Planned(), {"u_it_center", "2026-12-04T09:00:00Z", "研究室NASのACLで実施可能"});
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->feasibility->by, "u_it_center");
}

TEST(MeasureTest, OverdueIsDerivedFromTheDueDateAndToday) {
  Measure m = Planned();
  m.due_date = Day(2026, 12, 25);
  EXPECT_FALSE(IsOverdue(m, Day(2026, 12, 25)));  // due today is not late
  EXPECT_TRUE(IsOverdue(m, Day(2026, 12, 26)));
  m = *ChangeStatus(m, To(MeasureStatus::kCancelled, "共同研究先の変更により不要"));
  EXPECT_FALSE(IsOverdue(m, Day(2027, 3, 1)));
  m = Planned();
  m.due_date.reset();
  EXPECT_FALSE(IsOverdue(m, Day(2030, 1, 1)));
}

}  // namespace
}  // namespace highfence::workflow
