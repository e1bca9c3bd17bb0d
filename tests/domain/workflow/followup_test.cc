// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/followup.h"

#include <gtest/gtest.h>

#include "domain/workflow/case_snapshot.h"
#include "tests/domain/workflow/fixtures.h"

namespace highfence::workflow {
namespace {

using testing::Day;

ListHit Hit(std::string list, std::string entry, Subject subject, std::string snapshot, std::string name) {
  return {std::move(list), std::move(entry), std::move(subject), std::move(snapshot), std::move(name)};
}

const Subject kPartner{SubjectKind::kInstitution, "inst_partner_hit"};
const Subject kLi{SubjectKind::kPerson, "p_li"};

TEST(NewHitsTest, OnlyAHitWithANewListEntrySubjectKeyIsNew) {
  std::vector<ListHit> previous = {
      Hit("jp_meti_eul", "1234", kPartner, "jp_meti_eul@2026-09-01", "Harbin Institute of Technology"),
      Hit("us_entity_list", "88", kLi, "us_entity_list@2026-09-01", "Beihang University"),
  };
  std::vector<ListHit> current = {
      // the same entry again on the newer snapshot, under another spelling: not new
      Hit("jp_meti_eul", "1234", kPartner, "jp_meti_eul@2026-12-01", "哈爾濱工業大学"),
      // the same entry matched for another subject: new
      Hit("jp_meti_eul", "1234", kLi, "jp_meti_eul@2026-12-01", "哈尔滨工业大学"),
      // an entry added to the list: new (and listed once although found twice)
      Hit("jp_meti_eul", "1301", kPartner, "jp_meti_eul@2026-12-01", "Harbin Engineering University"),
      Hit("jp_meti_eul", "1301", kPartner, "jp_meti_eul@2026-12-01", "哈爾濱工程大学"),
  };  // us_entity_list 88 disappeared: removals open nothing
  std::vector<ListHit> fresh = NewHits(previous, current);
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].subject, kLi);
  EXPECT_EQ(fresh[0].entry_id, "1234");
  EXPECT_EQ(fresh[1].entry_id, "1301");
  EXPECT_EQ(fresh[1].matched_name, "Harbin Engineering University");
  EXPECT_TRUE(NewHits(current, previous).size() == 1u);  // only us_entity_list 88 is new the other way round
  EXPECT_TRUE(NewHits(current, current).empty());
}

TEST(FollowUpTest, AChangedListSnapshotOpensOneFollowUpPerNewHit) {
  std::vector<ListHit> previous = {Hit("jp_meti_eul", "1234", kPartner, "jp_meti_eul@2026-09-01", "HIT")};
  std::vector<ListHit> current = {Hit("jp_meti_eul", "1234", kPartner, "jp_meti_eul@2026-12-01", "HIT"),
                                  Hit("us_entity_list", "5678", kLi, "us_entity_list@2026-12-01", "BUAA")};
  auto followups = OnListSnapshotChanged(testing::kCaseId, previous, current, "2026-12-02T08:00:00+09:00");
  ASSERT_EQ(followups.size(), 1u);
  const FollowUp& f = followups[0];
  EXPECT_EQ(f.kind, FollowUpKind::kListSnapshotChanged);
  EXPECT_EQ(f.case_id, testing::kCaseId);
  EXPECT_EQ(f.subject, kLi);
  EXPECT_EQ(f.ref, "lists:us_entity_list:5678");
  EXPECT_EQ(f.status, FollowUpStatus::kOpen);
  EXPECT_EQ(f.note, "new hit on list us_entity_list entry 5678 (snapshot us_entity_list@2026-12-01, matched \"BUAA\")");
  EXPECT_TRUE(OnListSnapshotChanged(testing::kCaseId, current, current, "2026-12-02T08:00:00+09:00").empty());
}

TEST(FollowUpTest, ANewListHitClosesOnlyOnceAnEvaluationOfTheSubjectAnswersIt) {
  CaseSnapshot s = testing::DecidedProceedCase();
  s.state = CaseState::kFollowUp;
  FollowUp f =
      OnListSnapshotChanged(s.case_id, {}, std::vector<ListHit>{Hit("us_entity_list", "5678", kLi, "v2", "BUAA")},
                            "2026-12-02T08:00:00+09:00")[0];
  f.id = "fu_3";
  auto early = CloseFollowUp(s, f, "u_officer_sato", "2026-12-03T09:00:00+09:00", "確認済み", Day(2026, 12, 3));
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(early.error().message,
            "follow-up fu_3 (list_snapshot_changed) cannot close: flag lists:us_entity_list:5678 on person p_li has "
            "no evaluation");
  Evaluation again = s.evaluations[1];
  again.id = "ev_8";
  again.flag_ids = {"lists:us_entity_list:5678"};
  again.rationale = "同名の別人(所属・経歴が一致しない)。リスクなしと判断。";
  again.risk = RiskAnswer::kNo;
  s.evaluations.push_back(again);
  auto closed = CloseFollowUp(s, f, "u_officer_sato", "2026-12-03T09:00:00+09:00", "ev_8 で評価済み", Day(2026, 12, 3));
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(closed->status, FollowUpStatus::kDone);
  EXPECT_EQ(closed->closing_note, "ev_8 で評価済み");
  auto twice = CloseFollowUp(s, *closed, "u_officer_sato", "2026-12-04T09:00:00+09:00", "再度", Day(2026, 12, 4));
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("already done on 2026-12-03T09:00:00+09:00"), std::string::npos);
}

TEST(FollowUpTest, AMemberAddedReRunsIdentificationForThatPerson) {
  CaseSnapshot s = testing::DecidedProceedCase();
  FollowUp f = OnMemberAdded(s.case_id, "p_yamamoto", "2027-02-01T09:00:00+09:00");
  f.id = "fu_1";
  EXPECT_EQ(f.subject, (Subject{SubjectKind::kPerson, "p_yamamoto"}));
  EXPECT_NE(f.note.find("① risk identification is re-run"), std::string::npos);
  auto absent = CloseFollowUp(s, f, "u_officer_sato", "2027-02-02T09:00:00+09:00", "確認", Day(2027, 2, 2));
  ASSERT_FALSE(absent.has_value());
  EXPECT_NE(absent.error().message.find("person p_yamamoto is not on the team"), std::string::npos);
  s.team.push_back({"p_yamamoto", false, "", false});
  auto missing = CloseFollowUp(s, f, "u_officer_sato", "2027-02-02T09:00:00+09:00", "確認", Day(2027, 2, 2));
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find(
                "person p_yamamoto has no current disclosure and no recorded reason; person p_yamamoto has not been "
                "checked against the lists"),
            std::string::npos)
      << missing.error().message;
  s.team.back() = {"p_yamamoto", true, "", true};
  auto note = CloseFollowUp(s, f, "u_officer_sato", "2027-02-02T09:00:00+09:00", "", Day(2027, 2, 2));
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(note.error().message.find("field \"note\" is required"), std::string::npos);
  EXPECT_TRUE(CloseFollowUp(s, f, "u_officer_sato", "2027-02-02T09:00:00+09:00", "開示受領・照合済み", Day(2027, 2, 2))
                  .has_value());
}

TEST(FollowUpTest, AnOverdueMeasureOpensOneFollowUpUntilItIsDone) {
  CaseSnapshot s = testing::DecidedProceedCase();  // ms_2 training due 2026-12-25
  auto none = OnMeasuresOverdue(s.case_id, s.measures, {}, Day(2026, 12, 25), "2026-12-25T09:00:00+09:00");
  EXPECT_TRUE(none.empty());
  auto opened = OnMeasuresOverdue(s.case_id, s.measures, {}, Day(2026, 12, 26), "2026-12-26T09:00:00+09:00");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].ref, "ms_2");
  EXPECT_EQ(opened[0].subject, kLi);
  EXPECT_EQ(opened[0].note, "measure ms_2 (training) was due 2026-12-25 and is planned");
  opened[0].id = "fu_4";
  EXPECT_TRUE(OnMeasuresOverdue(s.case_id, s.measures, opened, Day(2026, 12, 27), "2026-12-27T09:00:00+09:00").empty());
  auto still =
      CloseFollowUp(s, opened[0], "u_officer_sato", "2026-12-27T09:00:00+09:00", "督促済み", Day(2026, 12, 27));
  ASSERT_FALSE(still.has_value());
  EXPECT_NE(still.error().message.find("measure ms_2 is still overdue (due 2026-12-25, planned)"), std::string::npos);
  Measure& training = s.measures[1];
  training = *AddEvidence(training, {"研修修了証_李.pdf", std::string(64, 'c'), "p_li", "2027-01-05T09:00:00+09:00"});
  training = *ChangeStatus(training, {MeasureStatus::kInProgress, "p_li", "2027-01-05T09:00:00+09:00", ""});
  training = *ChangeStatus(training, {MeasureStatus::kDone, "u_officer_sato", "2027-01-06T09:00:00+09:00", ""});
  EXPECT_TRUE(CloseFollowUp(s, opened[0], "u_officer_sato", "2027-01-06T09:00:00+09:00", "受講完了", Day(2027, 1, 6))
                  .has_value());
}

TEST(FollowUpTest, AChangeReportedToTheFunderNeedsItsReferenceAndDescription) {
  auto bad = OnChangeReportedToFunder(testing::kCaseId, kPartner, "JST-RS-2027-014", "", "2027-03-01T09:00:00+09:00");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("field \"note\" is required"), std::string::npos);
  auto f = OnChangeReportedToFunder(testing::kCaseId, kPartner, "JST-RS-2027-014",
                                    "Partner institution's parent organisation changed; reported to JST on 2027-03-01",
                                    "2027-03-01T09:00:00+09:00");
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_EQ(f->kind, FollowUpKind::kChangeReportedToFunder);
  EXPECT_EQ(f->ref, "JST-RS-2027-014");
}

TEST(FollowUpTest, NamesRoundTrip) {
  for (FollowUpKind k : {FollowUpKind::kMemberAdded, FollowUpKind::kListSnapshotChanged, FollowUpKind::kMeasureOverdue,
                         FollowUpKind::kChangeReportedToFunder})
    EXPECT_EQ(*ParseFollowUpKind(Name(k)), k);
  EXPECT_EQ(*ParseFollowUpStatus("done"), FollowUpStatus::kDone);
  EXPECT_FALSE(ParseFollowUpStatus("closed").has_value());
}

}  // namespace
}  // namespace highfence::workflow
