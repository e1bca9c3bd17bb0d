// SPDX-License-Identifier: Apache-2.0
// CaseStore on SQLite (case_store_test, label unit) and on a real PostgreSQL 15
// (case_store_pg_test, label pg): the four-step procedure end to end, optimistic conflicts,
// restricted items ⑫ ⑬ (denied and audited), an illegal transition naming its unmet condition,
// follow-ups on a list snapshot change (new hits only) and tenant isolation.
#include "storage/case_store.h"

#include <gtest/gtest.h>

#include <algorithm>

// Designated initializers leave the store-assigned fields (id, case_id …) to their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "domain/cases/codec.h"
#include "domain/workflow/codec.h"
#include "storage/account_store.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
#include "tests/support/data.h"

namespace highfence::storage {
namespace {

using testing::PostgresBackend;
using testing::SqliteBackend;
using workflow::Transition;

constexpr const char* kNow = "2026-11-30T09:00:00Z";

Caller As(access::Role role, std::string user, std::string tenant = "") {
  Caller c;
  c.user_id = std::move(user);
  c.roles = {role};
  c.tenant_id = std::move(tenant);
  c.request_id = "req-test";
  return c;
}

cases::Disclosure SignedDisclosure(std::string as_of, std::string university) {
  cases::Disclosure d;
  d.as_of = std::move(as_of);
  d.certification = {"user_aoba", "2026-10-01T09:30:00+09:00", "記載内容は事実に相違ありません。"};
  cases::EducationRow e;
  e.organisation = {std::move(university), "", "JP"};
  e.degree = "博士（工学）";
  e.field = "材料科学";
  e.start = "2008-04";
  e.end = "2011-03";
  d.education.push_back(e);
  return d;
}

// A list check of one subject with the given hits (entry ids of us_entity_list).
cases::ScreeningRef ListCheck(cases::Subject subject, const std::vector<std::string>& entries,
                              std::string version = "2025-09-29") {
  cases::ScreeningRef s;
  s.kind = cases::ScreeningKind::kLists;
  cases::ListCheck lc;
  lc.subject = subject;
  lc.query = "Beihang University";
  cases::SnapshotRef snap{"us_entity_list", version, "sha256:" + std::string(64, 'a')};
  lc.snapshots = {snap};
  for (const std::string& e : entries)
    lc.hits.push_back({snap, e, "Beihang University", "Beihang University", 0.97, "exact name in us_entity_list"});
  s.lists = lc;
  return s;
}

template <typename Backend>
class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = Backend::NewUrl(dir_);
    ASSERT_FALSE(url_.empty());
    auto db = Database::Open(url_, {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
    CaseStoreOptions options;
    options.now = [] { return std::string(kNow); };
    auto store = CaseStore::Open(*db_, options);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    Seed();
  }

  // An agency, a lead university with a designated programme, two researchers, a partner
  // organisation on a list, and a shortlisted proposal with its case opened.
  void Seed() {
    Caller admin = As(access::Role::kAdministrator, "user_admin");
    cases::Institution jst{.name_ja = "科学技術振興機構",
                           .name_en = "Japan Science and Technology Agency",
                           .kind = cases::InstitutionKind::kAgency};
    auto agency = store_->CreateInstitution(admin, jst);
    ASSERT_TRUE(agency) << agency.error().ToString();
    agency_ = agency->value.id;
    cases::Institution tohoku{
        .name_ja = "東北大学", .name_en = "Tohoku University", .kind = cases::InstitutionKind::kUniversity};
    auto lead = store_->CreateInstitution(admin, tohoku);
    ASSERT_TRUE(lead) << lead.error().ToString();
    lead_ = lead->value.id;
    officer_ = As(access::Role::kSecurityOfficer, "user_officer_sato", lead_);

    cases::Programme programme{.agency_id = agency_,
                               .name_ja = "経済安全保障重要技術育成プログラム",
                               .name_en = "K Program",
                               .designated = true};
    for (int i = 1; i <= 3; ++i)
      programme.designation_conditions.push_back(
          {"condition " + std::to_string(i), true, "CSTI 手順書 (2026)", "recorded by the agency"});
    auto prog = store_->CreateProgramme(As(access::Role::kProgrammeOfficer, "user_po", agency_), programme);
    ASSERT_TRUE(prog) << prog.error().ToString();

    cases::Person aoba{.names = {{"青葉 花子", cases::NameScript::kKanji},
                                 {"Hanako Aoba", cases::NameScript::kLatin, cases::NameKind::kRomanised}},
                       .erad_id = "70451234"};
    auto p1 = store_->CreatePerson(officer_, aoba);
    ASSERT_TRUE(p1) << p1.error().ToString();
    aoba_ = p1->value.id;
    cases::Person sato{.names = {{"佐藤 一郎", cases::NameScript::kKanji}}, .erad_id = "80562345"};
    auto p2 = store_->CreatePerson(officer_, sato);
    ASSERT_TRUE(p2) << p2.error().ToString();
    sato_ = p2->value.id;

    cases::Organisation beihang{
        .names = {{"北京航空航天大学", cases::NameScript::kKanji}, {"Beihang University", cases::NameScript::kLatin}},
        .country = "CN"};
    auto org = store_->CreateOrganisation(officer_, beihang);
    ASSERT_TRUE(org) << org.error().ToString();
    partner_ = org->value.id;

    cases::Proposal proposal{.programme_id = prog->value.id,
                             .title = "NV中心量子センシングによる自律型水中航走体の航法",
                             .lead_institution_id = lead_,
                             .team = {{aoba_, lead_, cases::TeamRole::kPi}, {sato_, lead_, cases::TeamRole::kCoPi}},
                             .partner_institution_ids = {partner_}};
    auto submitted = store_->SubmitProposal(officer_, proposal);
    ASSERT_TRUE(submitted) << submitted.error().ToString();
    EXPECT_EQ(submitted->value.state, cases::ProposalState::kSubmitted);
    auto shortlisted =
        store_->ChangeProposalState(As(access::Role::kProgrammeOfficer, "user_po", agency_), submitted->value.id,
                                    cases::ProposalState::kShortlisted, submitted->version);
    ASSERT_TRUE(shortlisted) << shortlisted.error().ToString();
    auto opened = store_->OpenCase(officer_, shortlisted->value.id);
    ASSERT_TRUE(opened) << opened.error().ToString();
    case_ = opened->value.id;
    EXPECT_EQ(opened->value.tenant_id, lead_);
    EXPECT_EQ(opened->value.agency_id, agency_);
    EXPECT_EQ(opened->value.state, "opened");
  }

  int64_t CaseVersion() {
    auto view = store_->GetCase(Visibility::All(), case_);
    EXPECT_TRUE(view) << view.error().ToString();
    return view ? view->kase.version : 0;
  }

  Result<Stored<cases::Case>> Move(Transition t, const Caller& who) {
    return store_->Advance(who, case_, t, CaseVersion());
  }

  // Disclosures and list checks of everyone, then ① → ②.
  void ThroughIdentification() {
    ASSERT_TRUE(Move(Transition::kStartIdentification, officer_));
    for (const std::string& p : {aoba_, sato_}) {
      auto d = store_->Disclose(officer_, p, SignedDisclosure("2026-10-01", "東北大学"));
      ASSERT_TRUE(d) << d.error().ToString();
      ASSERT_TRUE(store_->AttachScreening(officer_, case_, ListCheck({cases::SubjectKind::kPerson, p}, {})));
    }
    auto hit = store_->AttachScreening(officer_, case_,
                                       ListCheck({cases::SubjectKind::kOrganisation, partner_}, {"el-beihang"}));
    ASSERT_TRUE(hit) << hit.error().ToString();
    auto moved = Move(Transition::kCompleteIdentification, officer_);
    ASSERT_TRUE(moved) << moved.error().ToString();
    EXPECT_EQ(moved->value.state, "evaluation");
  }

  testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
  std::string agency_, lead_, aoba_, sato_, partner_, case_;
  Caller officer_;
};

#ifdef HF_STORAGE_TEST_POSTGRES
using Backends = ::testing::Types<PostgresBackend>;
#else
using Backends = ::testing::Types<SqliteBackend>;
#endif
TYPED_TEST_SUITE(CaseStoreTest, Backends);

TYPED_TEST(CaseStoreTest, RunsTheProcedureFromOpenedToFollowUpWithAnAuditedChain) {
  this->ThroughIdentification();
  const workflow::Subject partner{workflow::SubjectKind::kInstitution, this->partner_};
  workflow::Evaluation on_partner{.subject = partner,
                                  .risk = workflow::RiskAnswer::kYes,
                                  .rationale = "米国エンティティリスト掲載機関（北京航空航天大学）との共同研究",
                                  .categories = {"export_control", "national_security"},
                                  .flag_ids = {"lists:us_entity_list:el-beihang"},
                                  .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}};
  auto e1 = this->store_->Assess(this->officer_, this->case_, on_partner);
  ASSERT_TRUE(e1) << e1.error().ToString();
  EXPECT_EQ(e1->value.evaluator, "user_officer_sato");
  workflow::Evaluation on_aoba{.subject = {workflow::SubjectKind::kPerson, this->aoba_},
                               .risk = workflow::RiskAnswer::kNo,
                               .rationale = "開示内容に懸念なし",
                               .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}};
  ASSERT_TRUE(this->store_->Assess(this->officer_, this->case_, on_aoba));
  workflow::Evaluation on_sato{
      .subject = {workflow::SubjectKind::kPerson, this->sato_},
      .risk = workflow::RiskAnswer::kNo,
      .rationale = "2019年以前の兼業先は確認できなかったが、現在の活動に懸念なし",
      .due_diligence = {workflow::DueDiligenceState::kPartial,
                        {{"2019年以前の兼業先", "本人が記録を保持しておらず、先方機関も回答しない"}},
                        ""}};
  ASSERT_TRUE(this->store_->Assess(this->officer_, this->case_, on_sato));
  ASSERT_TRUE(this->Move(Transition::kCompleteEvaluation, this->officer_));

  workflow::Measure m{.catalogue_id = "data_access",
                      .subject = partner,
                      .description = "未発表データへのアクセスを研究室メンバーに限定する",
                      .owner = "user_officer_sato",
                      .due_date = workflow::Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{31}},
                      .binds = {this->aoba_}};
  auto added = this->store_->AddMeasure(this->officer_, this->case_, m);
  ASSERT_TRUE(added) << added.error().ToString();
  auto consented = this->store_->RecordMeasureConsent(this->officer_, added->value.id, added->version,
                                                      {this->aoba_, workflow::ConsentAnswer::kConsented, "", ""});
  ASSERT_TRUE(consented) << consented.error().ToString();
  auto feasible = this->store_->ConfirmMeasureFeasibility(this->officer_, added->value.id, consented->version,
                                                          {"", "", "情報基盤センターが実施可能と確認"});
  ASSERT_TRUE(feasible) << feasible.error().ToString();
  EXPECT_EQ(feasible->version, 3);

  auto compliance = this->store_->AssignReviewers(this->officer_, this->case_, "compliance", {"user_officer_sato"});
  ASSERT_TRUE(compliance) << compliance.error().ToString();
  auto academic = this->store_->AssignReviewers(this->officer_, this->case_, "academic_committee",
                                                {"user_prof_kato", "user_prof_mori"});
  ASSERT_TRUE(academic) << academic.error().ToString();
  ASSERT_TRUE(this->Move(Transition::kSubmitForReview, this->officer_));
  Caller kato = As(access::Role::kReviewer, "user_prof_kato", this->lead_);
  // A reviewer cannot vote in the compliance stage (security officers vote there).
  auto wrong =
      this->store_->Vote(kato, compliance->value.id, compliance->version, {"", workflow::Vote::kApprove, "", ""});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(wrong.error().message.find("compliance"), std::string::npos) << wrong.error().message;
  ASSERT_TRUE(this->store_->Vote(this->officer_, compliance->value.id, compliance->version,
                                 {"", workflow::Vote::kConditions, "データ管理計画の提出を条件とする", ""}));
  auto kato_voted = this->store_->Vote(kato, academic->value.id, academic->version,
                                       {"", workflow::Vote::kConditions, "データ管理計画の提出を条件とする", ""});
  ASSERT_TRUE(kato_voted) << kato_voted.error().ToString();
  // Before the second committee member votes, the decision cannot be taken.
  ASSERT_TRUE(this->store_->Decide(
      this->officer_, this->case_,
      {.outcome = workflow::Outcome::kProceedWithConditions, .conditions = {"データ管理計画の提出"}}));
  auto early = this->Move(Transition::kDecide, kato);
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("waiting for user_prof_mori"), std::string::npos) << early.error().message;
  Caller mori = As(access::Role::kReviewer, "user_prof_mori", this->lead_);
  ASSERT_TRUE(
      this->store_->Vote(mori, academic->value.id, kato_voted->version, {"", workflow::Vote::kApprove, "", ""}));
  auto decision = this->store_->Decide(
      this->officer_, this->case_,
      {.outcome = workflow::Outcome::kProceedWithConditions, .conditions = {"データ管理計画の提出"}});
  ASSERT_TRUE(decision) << decision.error().ToString();
  auto decided = this->Move(Transition::kDecide, kato);
  ASSERT_TRUE(decided) << decided.error().ToString();
  EXPECT_EQ(decided->value.state, "decided");
  auto follow = this->Move(Transition::kStartFollowUp, this->officer_);
  ASSERT_TRUE(follow) << follow.error().ToString();
  EXPECT_EQ(follow->value.state, "follow_up");

  auto view = this->store_->GetCase(Visibility::Of({this->lead_}), this->case_);
  ASSERT_TRUE(view) << view.error().ToString();
  EXPECT_EQ(view->team.size(), 2u);
  EXPECT_EQ(view->partner_organisations.size(), 1u);
  EXPECT_EQ(view->evaluations.size(), 3u);
  EXPECT_EQ(view->evaluations[2].value.due_diligence.state, workflow::DueDiligenceState::kPartial);
  ASSERT_EQ(view->flags.size(), 1u);
  EXPECT_EQ(view->flags[0].id, "lists:us_entity_list:el-beihang");
  ASSERT_TRUE(view->decision);
  EXPECT_EQ(view->decision->value.outcome, workflow::Outcome::kProceedWithConditions);
  EXPECT_EQ(view->snapshot.round, 1);

  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->ok) << report->reason;
  auto history = AuditHistory(*this->db_, "cases", this->case_);
  ASSERT_TRUE(history);
  EXPECT_GE(history->size(), 7u);  // insert, 3 screenings, 5 transitions …
  EXPECT_EQ(history->back().actor, "user_officer_sato");
  EXPECT_EQ(history->back().request_id.value_or(""), "req-test");
}

TYPED_TEST(CaseStoreTest, TwoOfficersEditingOneMeasureGetAConflictNotALostUpdate) {
  this->ThroughIdentification();
  workflow::Measure m{.catalogue_id = "training",
                      .subject = {workflow::SubjectKind::kPerson, this->aoba_},
                      .description = "研究セキュリティ研修の受講",
                      .owner = "user_officer_sato"};
  auto added = this->store_->AddMeasure(this->officer_, this->case_, m);
  ASSERT_TRUE(added) << added.error().ToString();
  Caller tanaka = As(access::Role::kSecurityOfficer, "user_officer_tanaka", this->lead_);
  auto first = this->store_->ChangeMeasureStatus(this->officer_, added->value.id, added->version,
                                                 {workflow::MeasureStatus::kInProgress, "", "", ""});
  ASSERT_TRUE(first) << first.error().ToString();
  auto second = this->store_->ChangeMeasureStatus(tanaka, added->value.id, added->version,
                                                  {workflow::MeasureStatus::kCancelled, "", "", "不要と判断"});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kAborted);
  EXPECT_NE(second.error().message.find(added->value.id), std::string::npos) << second.error().message;
  EXPECT_NE(second.error().message.find("version 1 is stale, current is 2"), std::string::npos)
      << second.error().message;
  auto now = this->store_->GetMeasure(Visibility::All(), added->value.id);
  ASSERT_TRUE(now);
  EXPECT_EQ(workflow::CurrentStatus(now->value), workflow::MeasureStatus::kInProgress);
}

TYPED_TEST(CaseStoreTest, RestrictedItemsAreForExportControlOnlyAndEveryReadIsAudited) {
  Caller export_control = As(access::Role::kExportControlOfficer, "user_ec_ito", this->lead_);
  cases::RestrictedDisclosure r;
  r.as_of = "2026-10-01";
  r.certification = {"user_aoba", "2026-10-01T09:30:00+09:00", "記載内容は事実に相違ありません。"};
  r.non_resident_status.non_resident = false;
  r.nationalities = {"JP"};
  auto denied_write = this->store_->DiscloseRestricted(this->officer_, this->aoba_, r);
  ASSERT_FALSE(denied_write);
  EXPECT_EQ(denied_write.error().code, ErrorCode::kPermissionDenied);
  auto stored = this->store_->DiscloseRestricted(export_control, this->aoba_, r);
  ASSERT_TRUE(stored) << stored.error().ToString();

  auto denied = this->store_->ReadRestricted(this->officer_, this->aoba_, "curiosity");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(denied.error().message.find("export_control_officer"), std::string::npos) << denied.error().message;
  auto no_reason = this->store_->ReadRestricted(export_control, this->aoba_, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);

  auto read = this->store_->ReadRestricted(export_control, this->aoba_, "みなし輸出の該非確認 " + this->case_);
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].value.nationalities, std::vector<std::string>{"JP"});
  auto history = AuditHistory(*this->db_, "restricted_disclosures", stored->value.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);  // the insert and the one read (denied reads read nothing)
  EXPECT_EQ(history->back().action, "read");
  EXPECT_EQ(history->back().actor, "user_ec_ito");
  EXPECT_EQ(history->back().reason.value_or(""), "みなし輸出の該非確認 " + this->case_);
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
}

TYPED_TEST(CaseStoreTest, AnIllegalTransitionNamesTheUnmetConditionAndChangesNothing) {
  ASSERT_TRUE(this->Move(Transition::kStartIdentification, this->officer_));
  int64_t before = this->CaseVersion();
  auto moved = this->Move(Transition::kCompleteIdentification, this->officer_);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(moved.error().message.find("person " + this->aoba_ + " has no current disclosure"), std::string::npos)
      << moved.error().message;
  EXPECT_NE(moved.error().message.find("has not been checked against the lists"), std::string::npos)
      << moved.error().message;
  EXPECT_EQ(this->CaseVersion(), before);
  // A reviewer may not take an officer's transition at all.
  auto wrong_role = this->store_->Advance(As(access::Role::kReviewer, "user_prof_kato", this->lead_), this->case_,
                                          Transition::kCompleteIdentification, before);
  ASSERT_FALSE(wrong_role);
  EXPECT_EQ(wrong_role.error().code, ErrorCode::kPermissionDenied);
  // A stale case version is a conflict.
  auto stale = this->store_->Advance(this->officer_, this->case_, Transition::kWithdraw, before - 1, "辞退");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
  // A recorded reason stands in for a missing disclosure.
  ASSERT_TRUE(this->store_->RecordNoDisclosureReason(this->officer_, this->case_, this->sato_, "新規参画、提出期限前"));
  auto still = this->Move(Transition::kCompleteIdentification, this->officer_);
  ASSERT_FALSE(still);
  EXPECT_EQ(still.error().message.find("person " + this->sato_ + " has no current disclosure"), std::string::npos)
      << still.error().message;
  auto choices = this->store_->AllowedTransitions(this->officer_, this->case_);
  ASSERT_TRUE(choices);
  auto complete = std::find_if(choices->begin(), choices->end(), [](const TransitionChoice& c) {
    return c.transition == Transition::kCompleteIdentification;
  });
  ASSERT_NE(complete, choices->end());
  EXPECT_FALSE(complete->blockers.empty());
}

TYPED_TEST(CaseStoreTest, AListSnapshotChangeOpensFollowUpsOnlyForNewHits) {
  this->ThroughIdentification();
  // The new edition still lists the partner's old entry and adds one new entry for it.
  std::string partner = this->partner_;
  SubjectChecker checker = [&](const CheckSubject& s) -> Result<cases::ListCheck> {
    std::vector<std::string> entries;
    if (s.subject.id == partner) entries = {"el-beihang", "el-beihang-2"};
    auto ref = ListCheck(s.subject, entries, "2026-11-15");
    return *ref.lists;
  };
  Caller system = As(access::Role::kSecurityOfficer, "system:followup", this->lead_);
  auto run = this->store_->OnListSnapshotChanged(system, checker);
  ASSERT_TRUE(run) << run.error().ToString();
  EXPECT_EQ(run->cases_checked, 1);
  EXPECT_EQ(run->subjects_checked, 3);
  EXPECT_EQ(run->screenings.size(), 3u);
  ASSERT_EQ(run->opened.size(), 1u);
  EXPECT_EQ(run->opened[0].value.kind, workflow::FollowUpKind::kListSnapshotChanged);
  EXPECT_EQ(run->opened[0].value.ref, "lists:us_entity_list:el-beihang-2");
  // The same edition again: nothing is new.
  auto again = this->store_->OnListSnapshotChanged(system, checker);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->opened.empty());
  ListOptions open;
  open.where = {{"case_id", this->case_}, {"status", "open"}};
  auto followups = this->store_->ListFollowUps(Visibility::Of({this->lead_}), open);
  ASSERT_TRUE(followups);
  EXPECT_EQ(followups->total, 1);
}

TYPED_TEST(CaseStoreTest, AReadShowsTheBodyAsStoredEvenWhenItsVersionDidNotChange) {
  // Read once (the decoded value is kept), then the body is edited behind the application's back
  // without a new version: the next read decodes what is stored now.
  auto before = this->store_->GetPerson(Visibility::All(), this->sato_);
  ASSERT_TRUE(before) << before.error().ToString();
  EXPECT_EQ(before->value.names.at(0).text, "佐藤 一郎");
  const bool postgres = std::string(TypeParam::kName) == "postgres";
  const std::string body =
      postgres ? "REPLACE(body::text, '佐藤 一郎', '佐藤 二郎')::jsonb" : "REPLACE(body, '佐藤 一郎', '佐藤 二郎')";
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE people SET body = " + body + " WHERE id = '" + this->sato_ + "'"));
  auto after = this->store_->GetPerson(Visibility::All(), this->sato_);
  ASSERT_TRUE(after) << after.error().ToString();
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(after->value.names.at(0).text, "佐藤 二郎");
}

TYPED_TEST(CaseStoreTest, AnotherTenantsIdsAreNotFound) {
  Caller admin = As(access::Role::kAdministrator, "user_admin");
  auto other = this->store_->CreateInstitution(admin, {.name_ja = "大阪大学", .name_en = "Osaka University"});
  ASSERT_TRUE(other);
  Visibility osaka = Visibility::Of({other->value.id});
  auto c = this->store_->GetCase(osaka, this->case_);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kNotFound);
  auto p = this->store_->GetPerson(osaka, this->aoba_);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
  auto h = this->store_->DisclosureHistory(osaka, this->aoba_);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, ErrorCode::kNotFound);
  auto listed = this->store_->ListCases(osaka, {});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->total, 0);
  // An Osaka officer cannot write into Tohoku's case either.
  Caller osaka_officer = As(access::Role::kSecurityOfficer, "user_osaka", other->value.id);
  osaka_officer.visible = osaka;
  auto write = this->store_->AttachScreening(osaka_officer, this->case_,
                                             ListCheck({cases::SubjectKind::kPerson, this->aoba_}, {}));
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kNotFound);
  // The funding agency sees the case submitted to its programme.
  auto agency = this->store_->ListCases(Visibility::Of({this->agency_}), {});
  ASSERT_TRUE(agency);
  EXPECT_EQ(agency->total, 1);
  EXPECT_TRUE(this->store_->GetCase(Visibility::Of({this->agency_}), this->case_));
  // Seen both as the lead's own case and as the agency's: listed and counted once; a page past
  // the end is empty but keeps the total.
  auto both = this->store_->ListCases(Visibility::Of({this->lead_, this->agency_}), {});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->total, 1);
  EXPECT_EQ(both->items.size(), 1u);
  auto past = this->store_->ListCases(Visibility::Of({this->lead_, this->agency_}), {.limit = 1, .offset = 1});
  ASSERT_TRUE(past);
  EXPECT_EQ(past->total, 1);
  EXPECT_TRUE(past->items.empty());
}

// What GetCase returns must be what the tables hold, record by record: it reads the children,
// the team and the partners in a few batched statements (records.h GetMany), checked here
// against one plain read per record or table (records.h Get / List) on a case that has some of
// everything: a team with and without a disclosure, a partner organisation and a partner
// institution, screenings, evaluations, a measure, reviews, a declined decision, an appeal and
// follow-ups.
template <typename T>
std::string Json(const T& value) {
  if constexpr (std::is_same_v<T, workflow::Evaluation> || std::is_same_v<T, workflow::Measure> ||
                std::is_same_v<T, workflow::Review> || std::is_same_v<T, workflow::Decision> ||
                std::is_same_v<T, workflow::Appeal> || std::is_same_v<T, workflow::FollowUp>) {
    return workflow::ToJson(value);
  } else {
    return cases::ToJson(value);
  }
}

template <typename T>
void ExpectSame(const Stored<T>& got, const Record& want) {
  EXPECT_EQ(got.value.id, want.id) << want.table;
  EXPECT_EQ(got.version, want.version) << want.table << "/" << want.id;
  EXPECT_EQ(got.created_at, want.created_at) << want.table << "/" << want.id;
  EXPECT_EQ(got.updated_at, want.updated_at) << want.table << "/" << want.id;
  Result<T> decoded = [&] {
    if constexpr (std::is_same_v<T, workflow::Evaluation> || std::is_same_v<T, workflow::Measure> ||
                  std::is_same_v<T, workflow::Review> || std::is_same_v<T, workflow::Decision> ||
                  std::is_same_v<T, workflow::Appeal> || std::is_same_v<T, workflow::FollowUp>) {
      return workflow::FromJson<T>(want.body);
    } else {
      return cases::FromJson<T>(want.body);
    }
  }();
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(Json(got.value), Json(*decoded)) << want.table << "/" << want.id;
}

// The rows of `table` belonging to the case, oldest first, as one List reads them.
std::vector<Record> ChildRows(Database& db, const std::string& table, const std::string& case_id) {
  auto page = List(db, table, {.where = {{"case_id", case_id}}, .limit = 0});
  EXPECT_TRUE(page) << page.error().ToString();
  return page ? page->records : std::vector<Record>{};
}

template <typename T>
void ExpectSameRows(const std::vector<Stored<T>>& got, const std::vector<Record>& want) {
  ASSERT_EQ(got.size(), want.size()) << (want.empty() ? "" : want[0].table);
  for (size_t i = 0; i < got.size(); ++i) ExpectSame(got[i], want[i]);
}

TYPED_TEST(CaseStoreTest, TheCaseViewHoldsEveryRecordOfTheCaseAsItsTablesHaveThem) {
  Caller admin = As(access::Role::kAdministrator, "user_admin");
  auto osaka = this->store_->CreateInstitution(admin, {.name_ja = "大阪大学", .name_en = "Osaka University"});
  ASSERT_TRUE(osaka) << osaka.error().ToString();
  cases::Person ito{.names = {{"伊藤 さくら", cases::NameScript::kKanji}}, .erad_id = "90673456"};
  auto third = this->store_->CreatePerson(this->officer_, ito);
  ASSERT_TRUE(third) << third.error().ToString();
  auto programmes = this->store_->ListProgrammes(Visibility::All(), {});
  ASSERT_TRUE(programmes && programmes->items.size() == 1u);
  cases::Proposal proposal{
      .programme_id = programmes->items[0].value.id,
      .title = "Quantum-safe key distribution for satellite links / 衛星量子鍵配送",
      .lead_institution_id = this->lead_,
      .team = {{this->sato_, this->lead_, cases::TeamRole::kPi}, {this->aoba_, this->lead_, cases::TeamRole::kCoPi}},
      .partner_institution_ids = {osaka->value.id, this->partner_}};
  auto submitted = this->store_->SubmitProposal(this->officer_, proposal);
  ASSERT_TRUE(submitted) << submitted.error().ToString();
  auto shortlisted =
      this->store_->ChangeProposalState(As(access::Role::kProgrammeOfficer, "user_po", this->agency_),
                                        submitted->value.id, cases::ProposalState::kShortlisted, submitted->version);
  ASSERT_TRUE(shortlisted) << shortlisted.error().ToString();
  auto opened = this->store_->OpenCase(this->officer_, shortlisted->value.id);
  ASSERT_TRUE(opened) << opened.error().ToString();
  const std::string kase = opened->value.id;

  // Only Aoba has disclosed; Sato and the partner organisation are checked against the lists.
  ASSERT_TRUE(this->store_->Disclose(this->officer_, this->aoba_, SignedDisclosure("2026-10-01", "東北大学")));
  ASSERT_TRUE(
      this->store_->AttachScreening(this->officer_, kase, ListCheck({cases::SubjectKind::kPerson, this->sato_}, {})));
  ASSERT_TRUE(this->store_->AttachScreening(
      this->officer_, kase, ListCheck({cases::SubjectKind::kOrganisation, this->partner_}, {"el-beihang"})));
  const workflow::Subject partner{workflow::SubjectKind::kInstitution, this->partner_};
  ASSERT_TRUE(this->store_->Assess(this->officer_, kase,
                                   {.subject = partner,
                                    .risk = workflow::RiskAnswer::kYes,
                                    .rationale = "米国エンティティリスト掲載機関との共同研究",
                                    .categories = {"export_control"},
                                    .flag_ids = {"lists:us_entity_list:el-beihang"},
                                    .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}}));
  ASSERT_TRUE(this->store_->Assess(this->officer_, kase,
                                   {.subject = {workflow::SubjectKind::kPerson, this->sato_},
                                    .risk = workflow::RiskAnswer::kNo,
                                    .rationale = "No concern in the current activities",
                                    .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}}));
  auto measure = this->store_->AddMeasure(this->officer_, kase,
                                          {.catalogue_id = "data_access",
                                           .subject = partner,
                                           .description = "未発表データへのアクセスを研究室メンバーに限定する",
                                           .owner = "user_officer_sato"});
  ASSERT_TRUE(measure) << measure.error().ToString();
  ASSERT_TRUE(this->store_->ChangeMeasureStatus(this->officer_, measure->value.id, measure->version,
                                                {workflow::MeasureStatus::kInProgress, "", "", ""}));
  ASSERT_TRUE(this->store_->AssignReviewers(this->officer_, kase, "compliance", {"user_officer_sato"}));
  ASSERT_TRUE(
      this->store_->AssignReviewers(this->officer_, kase, "academic_committee", {"user_prof_kato", "user_prof_mori"}));
  auto decision = this->store_->Decide(
      this->officer_, kase, {.outcome = workflow::Outcome::kDecline, .reasons = {"技術流出の懸念が払拭できない"}});
  ASSERT_TRUE(decision) << decision.error().ToString();
  auto appeal = this->store_->FileAppeal(this->officer_, kase, {.grounds = "データ管理計画を追加で提出する"});
  ASSERT_TRUE(appeal) << appeal.error().ToString();
  ASSERT_TRUE(this->store_->ReportChangeToFunder(this->officer_, kase, {workflow::SubjectKind::kPerson, this->aoba_},
                                                 "change-2026-11", "所属変更の報告"));
  ASSERT_TRUE(
      this->store_->AddTeamMember(this->officer_, kase, {third->value.id, this->lead_, cases::TeamRole::kParticipant}));
  ASSERT_TRUE(this->store_->MemberAdded(this->officer_, kase, third->value.id));

  auto view = this->store_->GetCase(Visibility::Of({this->lead_}), kase);
  ASSERT_TRUE(view) << view.error().ToString();
  Database& db = *this->db_;
  auto case_row = Get(db, "cases", kase);
  ASSERT_TRUE(case_row);
  ExpectSame(view->kase, *case_row);
  auto proposal_row = Get(db, "proposals", shortlisted->value.id);
  ASSERT_TRUE(proposal_row);
  ExpectSame(view->proposal, *proposal_row);
  // The team in proposal order, the new member last; both kinds of partner, each on its own list.
  ASSERT_EQ(view->team.size(), 3u);
  const std::vector<std::string> team = {this->sato_, this->aoba_, third->value.id};
  for (size_t i = 0; i < team.size(); ++i) {
    auto row = Get(db, "people", team[i]);
    ASSERT_TRUE(row);
    ExpectSame(view->team[i], *row);
  }
  ASSERT_EQ(view->partner_organisations.size(), 1u);
  ExpectSame(view->partner_organisations[0], *Get(db, "organisations", this->partner_));
  ASSERT_EQ(view->partner_institutions.size(), 1u);
  ExpectSame(view->partner_institutions[0], *Get(db, "institutions", osaka->value.id));

  ExpectSameRows(view->screenings, ChildRows(db, "screenings", kase));
  ExpectSameRows(view->evaluations, ChildRows(db, "evaluations", kase));
  ExpectSameRows(view->measures, ChildRows(db, "measures", kase));
  ExpectSameRows(view->reviews, ChildRows(db, "reviews", kase));
  ExpectSameRows(view->followups, ChildRows(db, "followups", kase));
  EXPECT_EQ(view->screenings.size(), 2u);
  EXPECT_EQ(view->evaluations.size(), 2u);
  EXPECT_EQ(view->measures.size(), 1u);
  EXPECT_EQ(view->measures[0].version, 2);
  EXPECT_EQ(view->reviews.size(), 2u);
  ASSERT_EQ(view->followups.size(), 2u);  // the report to the funder, the member added
  auto decisions = ChildRows(db, "decisions", kase);
  ASSERT_EQ(decisions.size(), 1u);
  ASSERT_TRUE(view->decision);
  ExpectSame(*view->decision, decisions[0]);
  EXPECT_EQ(view->decision->value.outcome, workflow::Outcome::kDecline);
  auto appeals = ChildRows(db, "appeals", kase);
  ASSERT_EQ(appeals.size(), 1u);
  ASSERT_TRUE(view->appeal);
  ExpectSame(*view->appeal, appeals[0]);
  ExpectSameRows(view->appeals, appeals);

  // The state machine's view: who has a disclosure and who was screened, per member and partner.
  const workflow::CaseSnapshot& s = view->snapshot;
  ASSERT_EQ(s.team.size(), 3u);
  EXPECT_EQ(s.team[0].person_id, this->sato_);
  EXPECT_FALSE(s.team[0].has_current_disclosure);
  EXPECT_TRUE(s.team[0].list_screened);
  EXPECT_EQ(s.team[1].person_id, this->aoba_);
  EXPECT_TRUE(s.team[1].has_current_disclosure);
  EXPECT_FALSE(s.team[1].list_screened);
  EXPECT_FALSE(s.team[2].has_current_disclosure);
  ASSERT_EQ(s.partners.size(), 2u);
  EXPECT_EQ(s.partners[0].institution_id, osaka->value.id);
  EXPECT_FALSE(s.partners[0].list_screened);
  EXPECT_EQ(s.partners[1].institution_id, this->partner_);
  EXPECT_TRUE(s.partners[1].list_screened);
  ASSERT_EQ(view->flags.size(), 1u);
  EXPECT_EQ(view->flags[0].id, "lists:us_entity_list:el-beihang");
  EXPECT_EQ(s.evaluations.size(), 2u);
  EXPECT_EQ(s.measures.size(), 1u);
  EXPECT_EQ(s.reviews.size(), 2u);
  ASSERT_TRUE(s.decision && s.appeal);
  EXPECT_EQ(s.appeal->decision_id, decision->value.id);
  EXPECT_EQ(s.followups.size(), 2u);

  // The first case of the fixture is untouched by all this: nothing of the second leaks into it.
  auto first = this->store_->GetCase(Visibility::Of({this->lead_}), this->case_);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->screenings.empty());
  EXPECT_TRUE(first->evaluations.empty());
  EXPECT_FALSE(first->decision);
  EXPECT_EQ(first->team.size(), 2u);
  EXPECT_TRUE(first->partner_institutions.empty());
}

// ListCasesJson is ListCases as codec text: the same page, order and total, each item the
// codec's JSON of the decoded case. Its cache must never show an older version of a case.
// Every appeal of the case is in the view, oldest first, decided ones included: filed, dismissed,
// filed again within the window. The latest stays CaseView::appeal; deciding the dismissed one
// again is refused naming its status; another tenant does not see the case or its appeals.
TYPED_TEST(CaseStoreTest, TheCaseViewHoldsEveryAppealOldestFirstWithItsStatus) {
  auto decision = this->store_->Decide(this->officer_, this->case_,
                                       {.outcome = workflow::Outcome::kDecline, .reasons = {"措置計画が不十分"}});
  ASSERT_TRUE(decision) << decision.error().ToString();
  auto none = this->store_->GetCase(Visibility::Of({this->lead_}), this->case_);
  ASSERT_TRUE(none) << none.error().ToString();
  EXPECT_TRUE(none->appeals.empty());
  EXPECT_FALSE(none->appeal);

  auto first = this->store_->FileAppeal(this->officer_, this->case_, {.grounds = "協定は2026年9月に終了している"});
  ASSERT_TRUE(first) << first.error().ToString();
  // One appeal at a time: another while the first is pending is refused, naming it, and not stored.
  auto twice = this->store_->FileAppeal(this->officer_, this->case_, {.grounds = "追加の根拠"});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(twice.error().message.find(first->value.id + " is still pending"), std::string::npos)
      << twice.error().message;
  EXPECT_EQ(ChildRows(*this->db_, "appeals", this->case_).size(), 1u);
  Caller po = As(access::Role::kProgrammeOfficer, "user_po", this->agency_);
  auto dismissed = this->store_->DecideAppeal(po, first->value.id, first->version, workflow::AppealStatus::kDismissed,
                                              "協定終了を示す書面がない");
  ASSERT_TRUE(dismissed) << dismissed.error().ToString();
  auto second = this->store_->FileAppeal(this->officer_, this->case_,
                                         {.grounds = "Termination notice attached / 終了通知を添付"});
  ASSERT_TRUE(second) << second.error().ToString();

  for (const Visibility& vis : {Visibility::Of({this->lead_}), Visibility::Of({this->agency_})}) {
    auto view = this->store_->GetCase(vis, this->case_);
    ASSERT_TRUE(view) << view.error().ToString();
    ASSERT_EQ(view->appeals.size(), 2u);
    EXPECT_EQ(view->appeals[0].value.id, first->value.id);
    EXPECT_EQ(view->appeals[0].value.status, workflow::AppealStatus::kDismissed);
    EXPECT_EQ(view->appeals[0].value.outcome_reason, "協定終了を示す書面がない");
    EXPECT_EQ(view->appeals[0].value.decided_by, "user_po");
    EXPECT_EQ(view->appeals[0].version, 2);
    EXPECT_EQ(view->appeals[1].value.id, second->value.id);
    EXPECT_EQ(view->appeals[1].value.status, workflow::AppealStatus::kPending);
    EXPECT_EQ(view->appeals[1].version, 1);
    ASSERT_TRUE(view->appeal);
    EXPECT_EQ(view->appeal->value.id, second->value.id);
    ExpectSameRows(view->appeals, ChildRows(*this->db_, "appeals", this->case_));
  }
  // The dismissed appeal is decided once: a second decision names its status.
  auto again =
      this->store_->DecideAppeal(po, first->value.id, dismissed->version, workflow::AppealStatus::kGranted, "再考した");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("already dismissed"), std::string::npos) << again.error().message;

  Caller admin = As(access::Role::kAdministrator, "user_admin");
  auto osaka = this->store_->CreateInstitution(admin, {.name_ja = "大阪大学", .name_en = "Osaka University"});
  ASSERT_TRUE(osaka) << osaka.error().ToString();
  auto hidden = this->store_->GetCase(Visibility::Of({osaka->value.id}), this->case_);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  Caller osaka_po = As(access::Role::kSecurityOfficer, "user_osaka", osaka->value.id);
  osaka_po.visible = Visibility::Of({osaka->value.id});
  auto foreign = this->store_->DecideAppeal(osaka_po, second->value.id, second->version,
                                            workflow::AppealStatus::kGranted, "他機関からの決定");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(CaseStoreTest, ACasePageAsJsonIsTheDecodedPageAndFollowsEveryChange) {
  auto expect_same_page = [&](const Visibility& vis, const ListOptions& o) {
    auto decoded = this->store_->ListCases(vis, o);
    ASSERT_TRUE(decoded) << decoded.error().ToString();
    auto text = this->store_->ListCasesJson(vis, o);
    ASSERT_TRUE(text) << text.error().ToString();
    EXPECT_EQ(text->total, decoded->total);
    ASSERT_EQ(text->items.size(), decoded->items.size());
    for (size_t i = 0; i < decoded->items.size(); ++i) {
      const auto& d = decoded->items[i];
      EXPECT_EQ(text->items[i].id, d.value.id);
      EXPECT_EQ(text->items[i].json, cases::ToJson(d.value));
      EXPECT_EQ(text->items[i].version, d.version);
      EXPECT_EQ(text->items[i].created_at, d.created_at);
      EXPECT_EQ(text->items[i].updated_at, d.updated_at);
    }
  };
  const Visibility lead = Visibility::Of({this->lead_});
  expect_same_page(lead, {});
  expect_same_page(lead, {});  // now from the cache
  auto before = this->store_->ListCasesJson(lead, {});
  ASSERT_TRUE(before && before->items.size() == 1u);
  EXPECT_NE(before->items[0].json.find("\"state\":\"opened\""), std::string::npos) << before->items[0].json;
  // A transition writes a new version: the page shows it, not the cached text.
  ASSERT_TRUE(this->Move(Transition::kStartIdentification, this->officer_));
  auto after = this->store_->ListCasesJson(lead, {});
  ASSERT_TRUE(after && after->items.size() == 1u);
  EXPECT_EQ(after->items[0].version, before->items[0].version + 1);
  EXPECT_NE(after->items[0].json.find("\"state\":\"identification\""), std::string::npos) << after->items[0].json;
  expect_same_page(lead, {});
  // A second case, filters, paging and the agency's and everyone's view agree too.
  cases::Proposal second{.programme_id = "",
                         .title = "耐放射線半導体の設計 / Radiation-hardened semiconductor design",
                         .lead_institution_id = this->lead_,
                         .team = {{this->aoba_, this->lead_, cases::TeamRole::kPi}}};
  auto programmes = this->store_->ListProgrammes(Visibility::All(), {});
  ASSERT_TRUE(programmes && !programmes->items.empty());
  second.programme_id = programmes->items[0].value.id;
  auto submitted = this->store_->SubmitProposal(this->officer_, second);
  ASSERT_TRUE(submitted) << submitted.error().ToString();
  ASSERT_TRUE(this->store_->ChangeProposalState(As(access::Role::kProgrammeOfficer, "user_po", this->agency_),
                                                submitted->value.id, cases::ProposalState::kShortlisted,
                                                submitted->version));
  ASSERT_TRUE(this->store_->OpenCase(this->officer_, submitted->value.id));
  expect_same_page(lead, {});
  expect_same_page(lead, {.where = {{"state", "opened"}}});
  expect_same_page(lead, {.descending = true, .limit = 1});
  expect_same_page(lead, {.descending = true, .limit = 1, .offset = 1});
  expect_same_page(Visibility::Of({this->agency_}), {});
  expect_same_page(Visibility::All(), {.order_by = "state"});
}

TYPED_TEST(CaseStoreTest, DisclosureVersionsAreNumberedValidatedAndCompared) {
  auto v1 = this->store_->Disclose(this->officer_, this->aoba_, SignedDisclosure("2026-04-01", "東北大学"));
  ASSERT_TRUE(v1) << v1.error().ToString();
  cases::Disclosure next = SignedDisclosure("2026-10-01", "東北大学");
  cases::PostRow job;
  job.organisation = {"株式会社仙台アロイ", "", "JP"};
  job.position = "技術顧問";
  job.effort_percent = 10;
  job.start = "2026-06";
  next.side_jobs.push_back(job);
  auto v2 = this->store_->Disclose(this->officer_, this->aoba_, next);
  ASSERT_TRUE(v2) << v2.error().ToString();
  EXPECT_EQ(v1->value.seq, 1);
  EXPECT_EQ(v2->value.seq, 2);
  cases::Disclosure unsigned_one = SignedDisclosure("2026-10-02", "東北大学");
  unsigned_one.certification = {};
  auto refused = this->store_->Disclose(this->officer_, this->aoba_, unsigned_one);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("certification.certified_by"), std::string::npos) << refused.error().message;
  auto diff = this->store_->DiffDisclosures(Visibility::All(), this->aoba_, 1, 2);
  ASSERT_TRUE(diff) << diff.error().ToString();
  ASSERT_EQ(diff->items.size(), 1u);
  EXPECT_EQ(diff->items[0].item, cases::DisclosureItem::kSideJobs);
  EXPECT_EQ(diff->items[0].rows[0].kind, cases::RowChangeKind::kAdded);
  auto missing = this->store_->DiffDisclosures(Visibility::All(), this->aoba_, 1, 3);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("version 3"), std::string::npos);
}

// A team file goes in as one transaction: a bad row (named by file, row and column) leaves the
// team, the record counts and the audit chain exactly as they were; with `partial` the good rows
// are written in one proposal update.
TYPED_TEST(CaseStoreTest, ATeamImportWritesTheWholeFileOrNothing) {
  cases::Person tanaka{.names = {{"田中 美咲", cases::NameScript::kKanji}}, .erad_id = "90673456"};
  auto t = this->store_->CreatePerson(this->officer_, tanaka);
  ASSERT_TRUE(t) << t.error().ToString();
  cases::Person suzuki{.names = {{"鈴木 次郎", cases::NameScript::kKanji}}};
  auto s = this->store_->CreatePerson(this->officer_, suzuki);
  ASSERT_TRUE(s) << s.error().ToString();
  const std::string& lead = this->lead_;
  std::string csv =
      "person_id,erad_id,name,institution,role\n"
      ",70451234,青葉 花子," +
      lead + ",PI\n" +                                         // already on the team
      "," + "90673456,田中 美咲," + lead + ",participant\n" +  // good
      s->value.id + ",,鈴木 次郎," + lead + ",student\n" +     // good
      ",11112222,山本 太郎," + lead + ",participant\n";        // unknown e-Rad id
  auto parsed = cases::ParseTeamImport(csv, "体制.csv");
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  ASSERT_TRUE(parsed->errors.empty()) << parsed->errors.front().ToString();
  auto proposal_version = [&] {
    auto view = this->store_->GetCase(Visibility::All(), this->case_);
    EXPECT_TRUE(view);
    return view ? std::pair{view->proposal.version, view->team.size()} : std::pair{int64_t{0}, size_t{0}};
  };
  auto before = VerifyAudit(*this->db_);
  ASSERT_TRUE(before) << before.error().ToString();
  auto [version, team] = proposal_version();
  EXPECT_EQ(team, 2u);

  auto refused = this->store_->ImportTeam(this->officer_, this->case_, *parsed, "体制.csv", false);
  ASSERT_TRUE(refused) << refused.error().ToString();
  EXPECT_TRUE(refused->refused(false));
  EXPECT_EQ(refused->added, 0);
  EXPECT_FALSE(refused->proposal);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].file, "体制.csv");
  EXPECT_EQ(refused->errors[0].line, 5);
  EXPECT_EQ(refused->errors[0].column, "erad_id");
  EXPECT_NE(refused->errors[0].message.find("11112222"), std::string::npos) << refused->errors[0].message;
  auto after = VerifyAudit(*this->db_);
  ASSERT_TRUE(after) << after.error().ToString();
  EXPECT_TRUE(after->ok) << after->reason;
  EXPECT_EQ(after->records_checked, before->records_checked);  // not one audit record more
  EXPECT_EQ(after->rows_checked, before->rows_checked);        // not one row more
  EXPECT_EQ(proposal_version(), std::pair(version, team));

  // A row that would break the team (a second PI) is refused the same way, naming its column.
  auto second_pi =
      cases::ParseTeamImport("erad_id,name,institution,role\n90673456,田中 美咲," + lead + ",PI\n", "team.csv");
  ASSERT_TRUE(second_pi);
  auto pi = this->store_->ImportTeam(this->officer_, this->case_, *second_pi, "team.csv", false);
  ASSERT_TRUE(pi) << pi.error().ToString();
  ASSERT_EQ(pi->errors.size(), 1u);
  EXPECT_EQ(pi->errors[0].ToString().rfind("team.csv:2: column \"role\": ", 0), 0u) << pi->errors[0].ToString();
  EXPECT_EQ(proposal_version(), std::pair(version, team));

  // partial: the good rows, in one proposal update (one audit record), the rest reported.
  auto partial = this->store_->ImportTeam(this->officer_, this->case_, *parsed, "体制.csv", true);
  ASSERT_TRUE(partial) << partial.error().ToString();
  EXPECT_EQ(partial->added, 2);
  EXPECT_EQ(partial->already_on_team, 1);
  EXPECT_EQ(partial->errors.size(), 1u);
  ASSERT_TRUE(partial->proposal);
  EXPECT_EQ(partial->proposal->version, version + 1);
  EXPECT_EQ(proposal_version(), std::pair(version + 1, team + 2));
  auto written = VerifyAudit(*this->db_);
  ASSERT_TRUE(written);
  EXPECT_TRUE(written->ok) << written->reason;
  EXPECT_EQ(written->records_checked, before->records_checked + 1);
  // The same file again changes nothing: everyone is on the team now.
  auto again = this->store_->ImportTeam(this->officer_, this->case_, *parsed, "体制.csv", true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->already_on_team, 3);
  EXPECT_EQ(proposal_version(), std::pair(version + 1, team + 2));
}

// Once ① is done, each imported member gets a member_added follow-up in the same transaction.
TYPED_TEST(CaseStoreTest, ATeamImportAfterIdentificationOpensMemberAddedFollowUps) {
  this->ThroughIdentification();
  cases::Person tanaka{.names = {{"田中 美咲", cases::NameScript::kKanji}}, .erad_id = "90673456"};
  ASSERT_TRUE(this->store_->CreatePerson(this->officer_, tanaka));
  auto parsed = cases::ParseTeamImport(
      "erad_id,name,institution,role\n90673456,田中 美咲," + this->lead_ + ",student\n", "t.csv");
  ASSERT_TRUE(parsed);
  auto out = this->store_->ImportTeam(this->officer_, this->case_, *parsed, "t.csv", false);
  ASSERT_TRUE(out) << out.error().ToString();
  EXPECT_EQ(out->added, 1);
  ASSERT_EQ(out->followups.size(), 1u);
  EXPECT_EQ(out->followups[0].value.kind, workflow::FollowUpKind::kMemberAdded);
  // Another institution's officer cannot import into this case at all.
  Caller kyoto = As(access::Role::kSecurityOfficer, "user_kyoto", "inst_kyoto");
  kyoto.visible = Visibility::Of({"inst_kyoto"});
  auto denied = this->store_->ImportTeam(kyoto, this->case_, *parsed, "t.csv", false);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
}

// A proposal is visible to the agency it was submitted to, which may shortlist or decline it;
// another agency sees nothing.
TYPED_TEST(CaseStoreTest, AnAgencyDecidesOnlyProposalsSubmittedToItsProgrammes) {
  cases::Person tanaka{.names = {{"田中 美咲", cases::NameScript::kKanji}}};
  auto t = this->store_->CreatePerson(this->officer_, tanaka);
  ASSERT_TRUE(t);
  auto view = this->store_->GetCase(Visibility::All(), this->case_);
  ASSERT_TRUE(view);
  cases::Proposal second{.programme_id = view->proposal.value.programme_id,
                         .title = "耐放射線半導体の研究",
                         .lead_institution_id = this->lead_,
                         .team = {{t->value.id, this->lead_, cases::TeamRole::kPi}}};
  auto submitted = this->store_->SubmitProposal(this->officer_, second);
  ASSERT_TRUE(submitted) << submitted.error().ToString();
  Caller po = As(access::Role::kProgrammeOfficer, "user_po", this->agency_);
  po.visible = Visibility::Of({this->agency_});
  auto seen = this->store_->GetProposal(po.visible, submitted->value.id);
  ASSERT_TRUE(seen) << seen.error().ToString();
  // The agency's list: both proposals of its programme, paged and filtered like any list.
  auto listed = this->store_->ListProposals(po.visible, {});
  ASSERT_TRUE(listed) << listed.error().ToString();
  EXPECT_EQ(listed->total, 2);
  ASSERT_EQ(listed->items.size(), 2u);
  EXPECT_EQ(listed->items[1].value.id, submitted->value.id);  // oldest first
  auto page = this->store_->ListProposals(po.visible, {.where = {{"state", "submitted"}}, .limit = 1});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].value.id, submitted->value.id);
  auto second_page = this->store_->ListProposals(po.visible, {.limit = 1, .offset = 1});
  ASSERT_TRUE(second_page);
  EXPECT_EQ(second_page->total, 2);
  ASSERT_EQ(second_page->items.size(), 1u);
  auto own = this->store_->ListProposals(Visibility::Of({this->lead_}), {});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->total, 2);
  auto amed = this->store_->ListProposals(Visibility::Of({"agency_amed"}), {});
  ASSERT_TRUE(amed);
  EXPECT_EQ(amed->total, 0);
  EXPECT_TRUE(amed->items.empty());
  Caller other = As(access::Role::kProgrammeOfficer, "user_amed", "agency_amed");
  other.visible = Visibility::Of({"agency_amed"});
  auto hidden = this->store_->GetProposal(other.visible, submitted->value.id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto not_theirs = this->store_->ChangeProposalState(other, submitted->value.id, cases::ProposalState::kDeclined,
                                                      submitted->version);
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().code, ErrorCode::kNotFound);
  auto declined =
      this->store_->ChangeProposalState(po, submitted->value.id, cases::ProposalState::kDeclined, submitted->version);
  ASSERT_TRUE(declined) << declined.error().ToString();
  EXPECT_EQ(declined->value.state, cases::ProposalState::kDeclined);
  auto stale = this->store_->ChangeProposalState(po, submitted->value.id, cases::ProposalState::kShortlisted,
                                                 submitted->version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
  Caller auditor = As(access::Role::kAuditor, "user_auditor", this->agency_);
  auditor.visible = po.visible;
  auto refused = this->store_->ChangeProposalState(auditor, submitted->value.id, cases::ProposalState::kShortlisted,
                                                   declined->version);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("proposal.decide"), std::string::npos) << refused.error().message;
}

// Reviewers named by a signed-in account (a caller scoped to its tenant, as every HTTP caller is)
// must be enabled user accounts of the assigning tenant holding a role of the stage: the
// institution's officer names its own staff, the agency's programme officer its own panel on a case submitted to it.
// Another tenant's user gets the words of an unknown id; nothing is written on a refusal. The CLI's operator (every
// tenant visible, no accounts) names reviewers freely.
TYPED_TEST(CaseStoreTest, ReviewersMustBeEnabledAccountsOfTheAssigningTenant) {
  AccountStore accounts(*this->db_);
  auto add = [&](const std::string& login, const std::string& tenant, const std::string& role, bool disabled) {
    UserAccount u{.tenant_id = tenant,
                  .login = login,
                  .roles = {role},
                  .password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                  .disabled = disabled};
    auto r = accounts.AddUser(u, Actor{"user_admin", "req-users"});
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? r->id : std::string();
  };
  const std::string sato = add("sato.officer", this->lead_, "security_officer", false);
  const std::string kato = add("kato.prof", this->lead_, "reviewer", false);
  const std::string retired = add("ito.retired", this->lead_, "reviewer", true);
  const std::string yamada = add("yamada.po", this->agency_, "programme_officer", false);
  const std::string kimura = add("kimura.rs", this->agency_, "reviewer", false);
  Caller officer = As(access::Role::kSecurityOfficer, sato, this->lead_);
  officer.visible = Visibility::Of({this->lead_});
  auto refused = [&](const Caller& who, std::string_view stage, std::vector<std::string> reviewers) {
    auto r = this->store_->AssignReviewers(who, this->case_, stage, std::move(reviewers));
    EXPECT_FALSE(r);
    return r ? Error{} : r.error();
  };

  Error foreign = refused(officer, "compliance", {sato, yamada});  // the agency's officer on the institution's stage
  EXPECT_EQ(foreign.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(foreign.message.rfind("reviewers[1]: ", 0), 0u) << foreign.message;
  Error unknown = refused(officer, "compliance", {sato, "user_00000000deadbeef"});
  EXPECT_EQ(unknown.code, ErrorCode::kInvalidArgument);
  std::string said_foreign = foreign.message, said_unknown = unknown.message;
  said_foreign.replace(said_foreign.find(yamada), yamada.size(), "…");
  const std::string ghost = "user_00000000deadbeef";
  said_unknown.replace(said_unknown.find(ghost), ghost.size(), "…");
  EXPECT_EQ(said_foreign, said_unknown) << "another tenant's user reads like an unknown id";
  Error disabled = refused(officer, "compliance", {retired});
  EXPECT_EQ(disabled.message.rfind("reviewers[0]: ", 0), 0u) << disabled.message;
  EXPECT_NE(disabled.message.find("disabled"), std::string::npos) << disabled.message;
  Error role = refused(officer, "compliance", {kato});  // a reviewer; compliance is the officers' stage
  EXPECT_EQ(role.message.rfind("reviewers[0]: ", 0), 0u) << role.message;
  EXPECT_NE(role.message.find("security_officer, export_control_officer"), std::string::npos) << role.message;
  EXPECT_TRUE(this->store_->GetCase(Visibility::All(), this->case_)->reviews.empty()) << "a refusal writes nothing";
  auto own = this->store_->AssignReviewers(officer, this->case_, "compliance", {sato});
  ASSERT_TRUE(own) << own.error().ToString();

  // The agency's stages, on a store reviewing in the funding-agency track.
  CaseStoreOptions agency_track;
  agency_track.now = [] { return std::string(kNow); };
  agency_track.review_track = "funding_agency";
  auto agency_store = CaseStore::Open(*this->db_, agency_track);
  ASSERT_TRUE(agency_store) << agency_store.error().ToString();
  Caller po = As(access::Role::kProgrammeOfficer, yamada, this->agency_);
  po.visible = Visibility::Of({this->agency_});
  auto staff = (*agency_store)->AssignReviewers(po, this->case_, "rs_committee", {kimura, kato});
  ASSERT_FALSE(staff);
  EXPECT_EQ(staff.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(staff.error().message.rfind("reviewers[1]: ", 0), 0u) << staff.error().message;
  auto panel = (*agency_store)->AssignReviewers(po, this->case_, "programme_officer", {yamada});
  ASSERT_TRUE(panel) << panel.error().ToString();
  Caller amed = As(access::Role::kProgrammeOfficer, "user_po_amed", "agency_amed");
  amed.visible = Visibility::Of({"agency_amed"});
  auto other = (*agency_store)->AssignReviewers(amed, this->case_, "rs_committee", {kimura, yamada});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  Caller auditor = As(access::Role::kAuditor, "user_auditor", this->lead_);
  auditor.visible = Visibility::Of({this->lead_});
  auto reader = this->store_->AssignReviewers(auditor, this->case_, "academic_committee", {kato, sato});
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(reader.error().message.find("review.assign"), std::string::npos) << reader.error().message;

  // The CLI's operator sees every tenant and names reviewers as its office knows them.
  auto cli =
      this->store_->AssignReviewers(this->officer_, this->case_, "academic_committee", {"prof_kato", "prof_mori"});
  ASSERT_TRUE(cli) << cli.error().ToString();
}

}  // namespace
}  // namespace highfence::storage
