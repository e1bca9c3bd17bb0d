// SPDX-License-Identifier: Apache-2.0
#include "tests/domain/cases/fixtures.h"

namespace highfence::cases::testing {

Institution Tohoku() {
  return {.id = "inst_7c1f0a9e3b2d4c11",
          .name_ja = "東北大学",
          .name_en = "Tohoku University",
          .kind = InstitutionKind::kUniversity,
          .ror_id = "https://ror.org/01dq60k83"};
}

Institution Jst() {
  return {.id = "inst_0a93d5e2f1c84b77",
          .name_ja = "国立研究開発法人科学技術振興機構",
          .name_en = "Japan Science and Technology Agency",
          .kind = InstitutionKind::kAgency,
          .ror_id = "https://ror.org/00097mb19"};
}

Person Aoba() {
  return {.id = "person_3e8a11c0d2f94b5a",
          .tenant_id = Tohoku().id,
          .names = {{"青葉 花子", NameScript::kKanji, NameKind::kLegal},
                    {"あおば はなこ", NameScript::kKana, NameKind::kRomanised},
                    {"Hanako Aoba", NameScript::kLatin, NameKind::kRomanised},
                    {"杜 花子", NameScript::kKanji, NameKind::kFormer}},
          .erad_id = "70451234",
          .orcid = "0000-0003-1415-9269",
          .researchmap_id = "h_aoba",
          .affiliations = {{.institution_id = Tohoku().id,
                            .name = "東北大学 金属材料研究所",
                            .department = "水素材料工学研究部門",
                            .position = "准教授",
                            .since = "2018-04-01",
                            .main_post = true}}};
}

Person LiWei() {
  return {
      .id = "person_b0c4e6f8a1d23e90",
      .tenant_id = Tohoku().id,
      .names = {{"李 伟", NameScript::kKanji, NameKind::kLegal}, {"Li Wei", NameScript::kLatin, NameKind::kRomanised}},
      .orcid = "0000-0002-4701-005X",
      .affiliations = {{.organisation_id = "org_5d1e2f3a4b6c7d80",
                        .name = "北京航空航天大学 材料科学与工程学院",
                        .position = "教授"}}};
}

Organisation Beihang() {
  return {.id = "org_5d1e2f3a4b6c7d80",
          .tenant_id = Tohoku().id,
          .names = {{"北京航空航天大学", NameScript::kKanji, NameKind::kLegal},
                    {"Beihang University", NameScript::kLatin, NameKind::kRomanised},
                    {"Beijing University of Aeronautics and Astronautics", NameScript::kLatin, NameKind::kFormer},
                    {"BUAA", NameScript::kLatin, NameKind::kAlias}},
          .ror_id = "https://ror.org/00wk2mp56",
          .country = "CN",
          .list_memberships = {
              {.list_id = "us_entity_list",
               .entry_id = "beijing-university-of-aeronautics-and-astronautics-buaa",
               .version_date = "2026-03-30",
               .content_hash = "sha256:3f572dbe5c431fd7c9d406b7563e84ea40d645511de20abf9a86238fd5f26e63"}}};
}

Programme Crest() {
  return {.id = "prog_c4e5f6a7b8c9d0e1",
          .agency_id = Jst().id,
          .name_ja = "戦略的創造研究推進事業 CREST",
          .name_en = "CREST (Core Research for Evolutional Science and Technology)",
          .designated = true,
          .designation_conditions = {
              {"条件1 (as recorded by the agency)", true, "CSTI 手順書 (2026), designation section", ""},
              {"条件2 (as recorded by the agency)", true, "CSTI 手順書 (2026), designation section", ""},
              {"条件3 (as recorded by the agency)", true, "CSTI 手順書 (2026), designation section",
               "JST 研究セキュリティ委員会 2026-09-12"}}};
}

Proposal HydrogenProposal() {
  return {.id = "prop_9a8b7c6d5e4f3a2b",
          .programme_id = Crest().id,
          .title = "水素社会に向けた高エントロピー合金の耐水素脆化設計",
          .lead_institution_id = Tohoku().id,
          .team = {{Aoba().id, Tohoku().id, TeamRole::kPi},
                   {"person_11aa22bb33cc44dd", Tohoku().id, TeamRole::kCoPi},
                   {"person_55ee66ff77aa88bb", Tohoku().id, TeamRole::kStudent},
                   {LiWei().id, Beihang().id, TeamRole::kParticipant}},
          .partner_institution_ids = {Beihang().id},
          .state = ProposalState::kShortlisted};
}

Case HydrogenCase() {
  return {.id = "case_0f1e2d3c4b5a6978",
          .tenant_id = Tohoku().id,
          .agency_id = Jst().id,
          .proposal_id = HydrogenProposal().id,
          .state = "identification",
          .opened_at = "2026-10-02T01:15:00Z",
          .opened_by = "user_rs_officer_01",
          .risk_level = rules::RiskLevel::kRed,
          .screening_ids = {"scr_1111222233334444", "scr_5555666677778888"}};
}

ScreeningRef KeywordScreeningOfProposal() {
  return {.id = "scr_1111222233334444",
          .case_id = HydrogenCase().id,
          .kind = ScreeningKind::kKeywords,
          .screened_at = "2026-10-02T01:20:00Z",
          .screened_by = "user_rs_officer_01",
          .keywords = KeywordScreening{.document = "proposal_hydrogen.pdf",
                                       .keyword_list_version = "kw-4f9c2a1b7d3e6c05",
                                       .keyword_hit = rules::KeywordHit::kYes,
                                       .level = rules::RiskLevel::kRed,
                                       .min_level = rules::RiskLevel::kRed,
                                       .max_level = rules::RiskLevel::kRed,
                                       .reasons = {"keyword_hit.full: 水素脆化 (0.8)", "jst_trust.table: ○ × ○ → red"},
                                       .keywords = {"水素脆化", "高エントロピー合金"}}};
}

ScreeningRef ListCheckOfBeihang() {
  SnapshotRef entity_list{"us_entity_list", "2026-03-30",
                          "sha256:3f572dbe5c431fd7c9d406b7563e84ea40d645511de20abf9a86238fd5f26e63"};
  return {.id = "scr_5555666677778888",
          .case_id = HydrogenCase().id,
          .kind = ScreeningKind::kLists,
          .screened_at = "2026-10-02T01:21:00Z",
          .screened_by = "user_rs_officer_01",
          .lists = ListCheck{.subject = {SubjectKind::kOrganisation, Beihang().id},
                             .query = "北京航空航天大学",
                             .snapshots = {entity_list},
                             .hits = {{.snapshot = entity_list,
                                       .entry_id = "beijing-university-of-aeronautics-and-astronautics-buaa",
                                       .primary_name = "Beijing University of Aeronautics and Astronautics (BUAA)",
                                       .matched_name = "Beihang University",
                                       .score = 0.97,
                                       .explanation = "pinyin beijing hangkong hangtian daxue ≈ registry name"}}}};
}

Disclosure AobaDisclosure() {
  Disclosure d;
  d.id = "disc_aa11bb22cc33dd44";
  d.tenant_id = Tohoku().id;
  d.person_id = Aoba().id;
  d.seq = 1;
  d.as_of = "2026-10-01";
  d.certification = {"user_h_aoba", "2026-10-01T09:30:00+09:00", "記載内容は事実に相違ありません。"};
  OrgRef tohoku{"東北大学", Tohoku().id, "JP"};
  OrgRef beihang{"北京航空航天大学", Beihang().id, "CN"};
  d.education = {{tohoku, "博士（工学）", "材料科学", "2008-04", "2011-03"}};
  d.career = {{.organisation = tohoku,
               .department = "金属材料研究所",
               .position = "准教授",
               .start = "2018-04",
               .main_post = true,
               .effort_percent = 50},
              {.organisation = beihang,
               .department = "School of Materials Science and Engineering",
               .position = "Visiting Researcher",
               .start = "2012-04",
               .end = "2014-03"}};
  d.funding = {{.funder = {"日本学術振興会", "", "JP"},
                .programme = "科研費 基盤研究(B)",
                .title = "高エントロピー合金の水素脆化機構の解明",
                .role = "研究代表者",
                .project_id = "24H00123",
                .amount = Money{13'000'000, "JPY"},
                .start = "2024-04",
                .end = "2027-03",
                .effort_percent = 20},
               {.funder = {"JST", Jst().id, "JP"},
                .programme = "CREST",
                .title = "水素環境下での構造材料の信頼性",
                .role = "主たる共同研究者",
                .amount = Money{30'000'000, "JPY"},
                .start = "2023-10",
                .end = "2029-03",
                .effort_percent = 15}};
  d.other_support = {{beihang, "lab space", "訪問時の実験スペースと装置利用", std::nullopt, "2012-04", "2014-03"}};
  d.publications = {{.title = "Hydrogen trapping at grain boundaries in CoCrFeMnNi high-entropy alloys",
                     .venue = "Acta Materialia",
                     .published = "2025-06",
                     .doi = "10.1016/j.actamat.2025.120001",
                     .co_authors = {{"Li Wei", beihang}, {"佐藤 一郎", tohoku}}}};
  d.patents = {{.title = "耐水素脆化合金及びその製造方法",
                .number = "特願2023-012345",
                .office = "JP",
                .filed = "2023-02-14",
                .co_inventors = {{"佐藤 一郎", tohoku}},
                .co_applicants = {{"", {"株式会社仙台アロイ", "", "JP"}}}}};
  d.external_funding = {{.funder = {"Harbin Institute of Technology", "", "CN"},
                         .title = "Joint study on hydrogen embrittlement of welds",
                         .role = "collaborator",
                         .amount = Money{200'000, "CNY"},
                         .effort_percent = 10,
                         .nda = true,
                         .start = "2022-01",
                         .end = "2025-12"}};
  d.side_jobs = {{.organisation = {"株式会社仙台アロイ", "", "JP"},
                  .position = "技術顧問",
                  .remuneration = Money{1'200'000, "JPY"},
                  .effort_percent = 5,
                  .start = "2021-04"}};
  d.unpaid_posts = {{.organisation = {"公益社団法人日本金属学会", "", "JP"},
                     .position = "編集委員",
                     .effort_percent = 2,
                     .start = "2020-04"}};
  return d;
}

}  // namespace highfence::cases::testing
