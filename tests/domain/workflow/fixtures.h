// SPDX-License-Identifier: Apache-2.0
#pragma once
// A realistic case for the workflow tests: a shortlisted proposal of a designated programme
// with a PI (田中), a co-investigator whose past side appointments could only partly be
// checked (李), a partner institution that hit the METI End User List, two measures with
// consent and feasibility, and a two-stage review that decided to proceed.
#include "domain/workflow/case_snapshot.h"

namespace highfence::workflow::testing {

inline constexpr char kCaseId[] = "case_5f2a91c0d3e4b718";
inline constexpr char kListFlag[] = "lists:jp_meti_eul:1234";

inline Date Day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

inline CaseSnapshot DecidedProceedCase() {
  CaseSnapshot s;
  s.case_id = kCaseId;
  s.state = CaseState::kDecided;
  s.team = {
      {"p_tanaka", true, "", true},
      {"p_li", false, "2026年4月参画。研究インテグリティ開示は提出期限（2026-12-20）前", true},
  };
  s.partners = {{"inst_partner_hit", true}};
  s.flags = {{kListFlag, {SubjectKind::kInstitution, "inst_partner_hit"}}};
  Evaluation tanaka{.id = "ev_1",
                    .case_id = kCaseId,
                    .subject = {SubjectKind::kPerson, "p_tanaka"},
                    .risk = RiskAnswer::kNo,
                    .rationale = "開示内容と公開情報に懸念先との関係は見当たらない。",
                    .due_diligence = {DueDiligenceState::kDone, {}, ""},
                    .evaluator = "u_officer_sato",
                    .at = "2026-12-02T10:00:00+09:00"};
  Evaluation li{.id = "ev_2",
                .case_id = kCaseId,
                .subject = {SubjectKind::kPerson, "p_li"},
                .risk = RiskAnswer::kUnsure,
                .rationale = "Side appointments before 2019 could not be verified; current ones are disclosed.",
                .categories = {"ri_conflict_of_commitment"},
                .due_diligence = {DueDiligenceState::kPartial,
                                  {{"2019年以前の兼業先", "本人が記録を保持しておらず、先方機関も回答しない"}},
                                  ""},
                .evaluator = "u_officer_sato",
                .at = "2026-12-02T11:00:00+09:00"};
  Evaluation partner{.id = "ev_3",
                     .case_id = kCaseId,
                     .subject = {SubjectKind::kInstitution, "inst_partner_hit"},
                     .risk = RiskAnswer::kYes,
                     .rationale = "外国ユーザーリスト掲載機関。共同研究で未発表データを共有する計画がある。",
                     .categories = {"export_control", "data_security"},
                     .flag_ids = {kListFlag},
                     .due_diligence = {DueDiligenceState::kDone, {}, ""},
                     .evaluator = "u_officer_sato",
                     .at = "2026-12-02T14:00:00+09:00"};
  s.evaluations = {tanaka, li, partner};
  Measure data{.id = "ms_1",
               .case_id = kCaseId,
               .catalogue_id = "data_access",
               .subject = {SubjectKind::kInstitution, "inst_partner_hit"},
               .description = "未発表データへのアクセスを研究室メンバーに限定する",
               .owner = "u_pi_tanaka",
               .due_date = Day(2027, 1, 31),
               .binds = {"p_tanaka"},
               .history = {{MeasureStatus::kPlanned, "u_officer_sato", "2026-12-03T09:00:00+09:00", ""}},
               .feasibility = Feasibility{"u_it_center", "2026-12-04T09:00:00+09:00", "研究室NASのACLで実施可能"},
               .consents = {{"p_tanaka", ConsentAnswer::kConsented, "2026-12-04T10:00:00+09:00", ""}}};
  Measure training{.id = "ms_2",
                   .case_id = kCaseId,
                   .catalogue_id = "training",
                   .subject = {SubjectKind::kPerson, "p_li"},
                   .description = "Research-security training before joining the partner meetings",
                   .owner = "u_officer_sato",
                   .due_date = Day(2026, 12, 25),
                   .binds = {"p_li"},
                   .history = {{MeasureStatus::kPlanned, "u_officer_sato", "2026-12-03T09:05:00+09:00", ""}},
                   .feasibility = Feasibility{"u_officer_sato", "2026-12-03T09:06:00+09:00", ""},
                   .consents = {{"p_li", ConsentAnswer::kConsented, "2026-12-05T16:30:00+09:00", ""}}};
  s.measures = {data, training};
  s.reviews = {
      {"rv_1", kCaseId, "compliance", 1, 1, {"u_kato"}, {{"u_kato", Vote::kApprove, "", "2026-12-08T10:00:00+09:00"}}},
      {"rv_2",
       kCaseId,
       "academic_committee",
       2,
       1,
       {"u_sato", "u_ito"},
       {{"u_sato", Vote::kConditions, "データ管理計画の提出を条件とする", "2026-12-09T15:00:00+09:00"},
        {"u_ito", Vote::kApprove, "", "2026-12-09T16:00:00+09:00"}}},
  };
  s.decision = Decision{.id = "dc_1",
                        .case_id = kCaseId,
                        .round = 1,
                        .outcome = Outcome::kProceed,
                        .decided_by = "u_sato",
                        .at = "2026-12-10T12:00:00+09:00"};
  return s;
}

}  // namespace highfence::workflow::testing
