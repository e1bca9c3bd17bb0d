// SPDX-License-Identifier: Apache-2.0
// The worked case (data/examples/case/README.md) driven through the HTTP API alone, on SQLite
// (worked_case_e2e_test, label e2e) and on a real PostgreSQL (worked_case_pg_test, label pg):
// institutions, programme, proposal, shortlist, case, team, disclosures (an import, a second
// version and its diff), upload + keyword screening, list check of the partner with a real list
// hit, evaluations (one due diligence partly unobtainable), three measures with consent and
// feasibility, a two-stage review, the decision, and a follow-up after a list update (the server
// restarted with the newer list edition); then the audit chain verifies. Plus hostile input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tuple>

#include "domain/cases/codec.h"
#include "domain/lists/snapshot_file.h"
#include "domain/workflow/codec.h"
#include "storage/audit.h"
#include "storage/case_store.h"
#include "tests/server/api_fixture.h"
#ifdef HF_SERVER_TEST_POSTGRES
#include "tests/support/postgres.h"
#endif

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace highfence::server {
namespace {

using nlohmann::json;
using testing::ApiServer;
using testing::ApiSession;

std::string DatabaseUrl([[maybe_unused]] const testing::TempDir& dir) {
#ifdef HF_SERVER_TEST_POSTGRES
  return testing::PostgresServer::Get().NewDatabase();
#else
  return "sqlite:" + (dir.path() / "api.db").string();
#endif
}

// jp_meti_eul and one edition of us_entity_list: the list update of step ④.
std::unique_ptr<checking::EntityChecker> Checker(const std::string& entity_list) {
  std::vector<model::ListSnapshot> snapshots;
  for (const std::string& f : {testing::RepoPath("data/lists/jp_meti_eul.jsonl").string(), entity_list}) {
    auto s = lists::ReadSnapshot(f);
    EXPECT_TRUE(s) << s.error().ToString();
    if (!s) return nullptr;
    snapshots.push_back(std::move(*s));
  }
  auto c = checking::EntityChecker::Build(std::move(snapshots), std::nullopt, {});
  EXPECT_TRUE(c) << c.error().ToString();
  return c ? std::make_unique<checking::EntityChecker>(std::move(*c)) : nullptr;
}

struct Reply {
  int status = 0;
  json body;
  std::string etag;
  std::string raw;
};

class WorkedCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::Open(DatabaseUrl(dir_), {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate());
    storage::CaseStoreOptions o = testing::ShippedWorkflowOptions();
    auto store = storage::CaseStore::Open(*db_, o);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    before_ = Checker(testing::RepoPath("data/examples/case/lists_before/us_entity_list.jsonl").string());
    after_ = Checker(testing::RepoPath("data/lists/us_entity_list.jsonl").string());
    ASSERT_TRUE(before_ && after_);
    StartServer(before_.get());
  }

  // A server on the case store; the users are added again (their ids are stable).
  void StartServer(const checking::EntityChecker* checker) {
    api_.reset();
    ResourceServices s{store_.get(), checker, testing::SharedScreener()};
    ResourceOptions ro;
    ro.max_file_bytes = 8u << 20;
    ro.max_docx_uncompressed_bytes = 16u << 20;
    Options so;
    so.max_body_bytes = 256u << 10;
    api_ = std::make_unique<ApiServer>(s, ro, so);
    sessions_.clear();
    api_->AddUser("admin", access::Role::kAdministrator, "system");
    if (!lead_.empty()) AddTenantUsers();
  }

  void AddTenantUsers() {
    api_->AddUser("officer_sato", access::Role::kSecurityOfficer, lead_);
    api_->AddUser("prof_kato", access::Role::kReviewer, lead_);
    api_->AddUser("prof_mori", access::Role::kReviewer, lead_);
    api_->AddUser("prof_ito", access::Role::kReviewer, lead_);  // never assigned
    api_->AddUser("export_suzuki", access::Role::kExportControlOfficer, lead_);
    api_->AddUser("auditor_abe", access::Role::kAuditor, lead_);
    api_->AddUser("po_yamada", access::Role::kProgrammeOfficer, agency_, access::TenantKind::kAgency);
    api_->AddUser("auditor_jst", access::Role::kAuditor, agency_, access::TenantKind::kAgency);
    api_->AddUser("po_amed", access::Role::kProgrammeOfficer, "agency_amed", access::TenantKind::kAgency);
    api_->AddUser("kyoto_officer", access::Role::kSecurityOfficer, "inst_kyoto");
  }

  const ApiSession& As(const std::string& user) {
    auto it = sessions_.find(user);
    if (it == sessions_.end()) it = sessions_.emplace(user, api_->SignIn(user)).first;
    return it->second;
  }

  Reply Send(const std::string& method, const std::string& path, const std::string& user, const json& body = nullptr,
             const std::string& if_match = "") {
    httplib::Headers h = As(user).headers();
    if (!if_match.empty()) h.emplace("If-Match", if_match);
    auto c = api_->Client();
    httplib::Result r = method == "GET"   ? c.Get(path, h)
                        : method == "PUT" ? c.Put(path, h, body.dump(), "application/json")
                                          : c.Post(path, h, body.dump(), "application/json");
    Reply out;
    if (!r) {
      ADD_FAILURE() << method << " " << path << ": no answer";
      return out;
    }
    out.status = r->status;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    out.etag = r->get_header_value("ETag");
    return out;
  }
  Reply Upload(const std::string& path, const std::string& user, httplib::MultipartFormDataItems items) {
    auto r = api_->Client().Post(path, As(user).headers(), items);
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    out.etag = r->get_header_value("ETag");
    return out;
  }
  // POST that must answer `status`; returns the body.
  json Expect(int status, const std::string& method, const std::string& path, const std::string& user,
              const json& body = nullptr, const std::string& if_match = "") {
    Reply r = Send(method, path, user, body, if_match);
    EXPECT_EQ(r.status, status) << method << " " << path << " as " << user << ": " << r.raw;
    last_etag_ = r.etag;
    return r.body;
  }
  std::string CaseETag() {
    Reply r = Send("GET", "/v1/cases/" + case_, "officer_sato");
    return r.etag;
  }
  json Advance(const std::string& transition, const std::string& user = "officer_sato") {
    return Expect(200, "POST", "/v1/cases/" + case_ + "/transitions", user, {{"transition", transition}}, CaseETag());
  }

  // Institutions, programme, partner, people, proposal (shortlisted), case.
  void SetUpCase() {
    cases::Institution jst{.name_ja = "科学技術振興機構",
                           .name_en = "Japan Science and Technology Agency",
                           .kind = cases::InstitutionKind::kAgency};
    agency_ = Expect(201, "POST", "/v1/institutions", "admin", json::parse(cases::ToJson(jst)))["id"];
    cases::Institution tohoku{.name_ja = "東北大学",
                              .name_en = "Tohoku University",
                              .kind = cases::InstitutionKind::kUniversity,
                              .ror_id = "https://ror.org/01dq60k83"};
    lead_ = Expect(201, "POST", "/v1/institutions", "admin", json::parse(cases::ToJson(tohoku)))["id"];
    AddTenantUsers();

    cases::Programme k{.agency_id = agency_,
                       .name_ja = "経済安全保障重要技術育成プログラム",
                       .name_en = "Key and Advanced Technology R&D through Cross Community Collaboration Program",
                       .designated = true};
    for (const char* c : {"重要技術の研究開発であること", "機微な技術情報を扱うこと", "国際共同研究を含み得ること"})
      k.designation_conditions.push_back({c, true, "CSTI 手順書 (2026) 指定の考え方", ""});
    programme_ = Expect(201, "POST", "/v1/programmes", "po_yamada", json::parse(cases::ToJson(k)))["id"];

    cases::Organisation hit{.names = {{"哈尔滨工业大学", cases::NameScript::kKanji},
                                      {"Harbin Institute of Technology", cases::NameScript::kLatin}},
                            .country = "CN"};
    partner_ = Expect(201, "POST", "/v1/organisations", "officer_sato", json::parse(cases::ToJson(hit)))["id"];
    cases::Person aoba{.names = {{"青葉 花子", cases::NameScript::kKanji},
                                 {"Hanako Aoba", cases::NameScript::kLatin, cases::NameKind::kRomanised}},
                       .erad_id = "70451234"};
    aoba_ = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(aoba)))["id"];
    cases::Person sato{.names = {{"佐藤 一郎", cases::NameScript::kKanji},
                                 {"Ichiro Sato", cases::NameScript::kLatin, cases::NameKind::kRomanised}},
                       .erad_id = "80562345"};
    sato_ = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(sato)))["id"];

    cases::Proposal p{.programme_id = programme_,
                      .title = "NV中心を用いた量子センシングによる自律型水中航走体の航法",
                      .lead_institution_id = lead_,
                      .team = {{aoba_, lead_, cases::TeamRole::kPi}},
                      .partner_institution_ids = {partner_}};
    json proposal = Expect(201, "POST", "/v1/proposals", "officer_sato", json::parse(cases::ToJson(p)));
    std::string etag = last_etag_;
    // The agency shortlists (採択候補) the proposal submitted to its programme.
    std::string state = "/v1/proposals/" + proposal["id"].get<std::string>() + "/state";
    EXPECT_EQ(Expect(200, "GET", "/v1/proposals/" + proposal["id"].get<std::string>(), "po_yamada")["state"],
              "submitted");
    json shortlisted = Expect(200, "POST", state, "po_yamada", {{"to", "shortlisted"}}, etag);
    EXPECT_EQ(shortlisted["state"], "shortlisted");
    case_ = Expect(201, "POST", "/v1/cases", "officer_sato", {{"proposal_id", proposal["id"]}})["id"];
    // Sato joins the team through the case (the proposal's team).
    Expect(201, "POST", "/v1/cases/" + case_ + "/team", "officer_sato",
           {{"person_id", sato_}, {"institution_id", lead_}, {"role", "co_pi"}});
  }

  // ① – ③ the short way, to mitigation: no disclosures (reasons recorded), list checks of
  // everyone, no risk found (so no measure is needed).
  void ThroughEvaluationWithNoRisk() {
    Advance("start_identification");
    for (const std::string& p : {aoba_, sato_})
      Expect(204, "POST", "/v1/cases/" + case_ + "/no-disclosure-reasons", "officer_sato",
             {{"person_id", p}, {"reason", "海外渡航中のため提出が遅れる（帰国後に提出予定）"}});
    for (const json& subject : {json{{"kind", "organisation"}, {"id", partner_}},
                                json{{"kind", "person"}, {"id", aoba_}}, json{{"kind", "person"}, {"id", sato_}}})
      Expect(201, "POST", "/v1/cases/" + case_ + "/checks", "officer_sato", {{"subject", subject}});
    Advance("complete_identification");
    json view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
    std::vector<std::string> flags;
    for (const json& f : view["flags"])
      if (f["subject"]["id"] == partner_) flags.push_back(f["id"]);
    for (const auto& [kind, id] :
         {std::pair{workflow::SubjectKind::kInstitution, partner_}, std::pair{workflow::SubjectKind::kPerson, aoba_},
          std::pair{workflow::SubjectKind::kPerson, sato_}}) {
      workflow::Evaluation e{.subject = {kind, id},
                             .risk = workflow::RiskAnswer::kNo,
                             .rationale = "懸念事項は確認されなかった",
                             .flag_ids = id == partner_ ? flags : std::vector<std::string>{},
                             .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}};
      Expect(201, "POST", "/v1/cases/" + case_ + "/evaluations", "officer_sato", json::parse(workflow::ToJson(e)));
    }
    Advance("complete_evaluation");
  }

  // Two-stage review: compliance (the security officer), then the academic committee (Kato and
  // Mori); the case is submitted for review. Returns each review with its ETag.
  std::tuple<json, std::string, json, std::string> SubmitForTwoStageReview() {
    json compliance = Expect(201, "POST", "/v1/cases/" + case_ + "/reviews", "officer_sato",
                             {{"stage_id", "compliance"}, {"reviewers", {"user_officer_sato"}}});
    std::string compliance_etag = last_etag_;
    json academic = Expect(201, "POST", "/v1/cases/" + case_ + "/reviews", "officer_sato",
                           {{"stage_id", "academic_committee"}, {"reviewers", {"user_prof_kato", "user_prof_mori"}}});
    std::string academic_etag = last_etag_;
    Advance("submit_for_review");
    return {compliance, compliance_etag, academic, academic_etag};
  }

  // Evaluated with no risk, submitted to the two-stage review, and every reviewer votes decline.
  void ReviewedWithEveryVoteDeclining() {
    ThroughEvaluationWithNoRisk();
    auto [compliance, compliance_etag, academic, academic_etag] = SubmitForTwoStageReview();
    Expect(200, "POST", "/v1/reviews/" + compliance["id"].get<std::string>() + "/votes", "officer_sato",
           {{"vote", "decline"}, {"text", "リスト掲載機関との共同研究で措置が不十分"}}, compliance_etag);
    Expect(200, "POST", "/v1/reviews/" + academic["id"].get<std::string>() + "/votes", "prof_kato",
           {{"vote", "decline"}, {"text", "措置計画が不十分"}}, academic_etag);
    Expect(200, "POST", "/v1/reviews/" + academic["id"].get<std::string>() + "/votes", "prof_mori",
           {{"vote", "decline"}, {"text", "リスト掲載機関との関係が継続している"}}, last_etag_);
  }

  // For the role matrices: the case in identification with one measure and one review, so that
  // /v1/measures/{id} and /v1/reviews/{id} have records. Returns their ids.
  std::pair<std::string, std::string> AddMeasureAndReview() {
    Advance("start_identification");
    workflow::Measure m{.catalogue_id = "training",
                        .subject = {workflow::SubjectKind::kPerson, aoba_},
                        .description = "研究セキュリティ研修を受講する",
                        .owner = "user_officer_sato",
                        .binds = {aoba_}};
    std::string measure =
        Expect(201, "POST", "/v1/cases/" + case_ + "/measures", "officer_sato", json::parse(workflow::ToJson(m)))["id"];
    std::string review = Expect(201, "POST", "/v1/cases/" + case_ + "/reviews", "officer_sato",
                                {{"stage_id", "compliance"}, {"reviewers", {"user_officer_sato"}}})["id"];
    return {measure, review};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::CaseStore> store_;
  std::unique_ptr<checking::EntityChecker> before_, after_;
  std::unique_ptr<ApiServer> api_;
  std::map<std::string, ApiSession> sessions_;
  std::string last_etag_;
  std::string agency_, lead_, programme_, partner_, aoba_, sato_, case_;
};

TEST_F(WorkedCaseTest, TheWholeProcedureThroughTheApiAloneWithACleanAuditChain) {
  SetUpCase();
  json view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
  EXPECT_EQ(view["state"], "opened");
  EXPECT_EQ(view["team"].size(), 2u);
  EXPECT_EQ(view["partner_organisations"].size(), 1u);
  json choices = Expect(200, "GET", "/v1/cases/" + case_ + "/transitions", "officer_sato");
  ASSERT_FALSE(choices["transitions"].empty());
  EXPECT_EQ(choices["transitions"][0]["transition"], "start_identification");
  Advance("start_identification");

  // ① disclosures: one import for both, then Aoba's second version and its diff.
  std::string csv = testing::ReadFileOrFail(testing::RepoPath("data/examples/case/disclosures.csv"));
  Reply imported = Upload("/v1/imports/disclosures", "officer_sato",
                          {{"file", csv, "disclosures.csv", "text/csv"},
                           {"statement", "記載内容は事実に相違ありません。", "", ""},
                           {"certified_at", "2026-10-01T09:30:00Z", "", ""}});
  ASSERT_EQ(imported.status, 201) << imported.raw;
  EXPECT_EQ(imported.body["written"], 2);
  std::string v2 = testing::ReadFileOrFail(testing::RepoPath("data/examples/case/aoba_2026-11-15.csv"));
  Reply second = Upload("/v1/imports/disclosures", "officer_sato",
                        {{"file", v2, "aoba_2026-11-15.csv", "text/csv"},
                         {"statement", "記載内容は事実に相違ありません。", "", ""},
                         {"certified_at", "2026-11-15T10:00:00Z", "", ""}});
  ASSERT_EQ(second.status, 201) << second.raw;
  json history = Expect(200, "GET", "/v1/people/" + aoba_ + "/disclosures", "officer_sato");
  ASSERT_EQ(history["total"], 2);
  json diff = Expect(200, "GET", "/v1/people/" + aoba_ + "/disclosures/diff?from=1&to=2", "officer_sato");
  EXPECT_NE(diff.dump().find("side_jobs"), std::string::npos) << diff.dump();

  // ① keyword screening of the uploaded proposal, attached to the case.
  std::string pdf = testing::ReadFileOrFail(testing::RepoPath("data/examples/proposals/quantum_sensing_ja.pdf"));
  Reply screened = Upload("/v1/cases/" + case_ + "/screenings", "officer_sato",
                          {{"file", pdf, "quantum_sensing_ja.pdf", "application/pdf"}});
  ASSERT_EQ(screened.status, 201) << screened.raw;
  EXPECT_EQ(screened.body["kind"], "keywords");
  EXPECT_EQ(screened.body["keywords"]["keyword_list_version"], testing::SharedScreener()->keywords().version);

  // ① list checks: the partner is on METI's End User List (a real entry); the people are not.
  json partner_check = Expect(201, "POST", "/v1/cases/" + case_ + "/checks", "officer_sato",
                              {{"subject", {{"kind", "organisation"}, {"id", partner_}}}});
  bool meti = false;
  for (const json& h : partner_check["lists"]["hits"]) meti = meti || h["snapshot"]["list_id"] == "jp_meti_eul";
  EXPECT_TRUE(meti) << partner_check.dump();
  for (const std::string& p : {aoba_, sato_})
    Expect(201, "POST", "/v1/cases/" + case_ + "/checks", "officer_sato",
           {{"subject", {{"kind", "person"}, {"id", p}}}});
  Advance("complete_identification");

  // ② evaluations; Sato's due diligence is partly unobtainable, and says why.
  view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
  std::vector<std::string> flags;
  for (const json& f : view["flags"])
    if (f["subject"]["id"] == partner_) flags.push_back(f["id"]);
  ASSERT_FALSE(flags.empty()) << view["flags"].dump();
  workflow::Evaluation on_partner{.subject = {workflow::SubjectKind::kInstitution, partner_},
                                  .risk = workflow::RiskAnswer::kYes,
                                  .rationale = "経済産業省外国ユーザーリスト掲載機関（ハルビン工業大学）が共同研究先",
                                  .categories = {"export_control", "national_security"},
                                  .flag_ids = flags,
                                  .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}};
  workflow::Evaluation on_aoba{.subject = {workflow::SubjectKind::kPerson, aoba_},
                               .risk = workflow::RiskAnswer::kNo,
                               .rationale = "現在の関係は共著論文のみで開示済み",
                               .due_diligence = {workflow::DueDiligenceState::kDone, {}, ""}};
  workflow::Evaluation on_sato{
      .subject = {workflow::SubjectKind::kPerson, sato_},
      .risk = workflow::RiskAnswer::kUnsure,
      .rationale = "2019年以前の兼業先が確認できず、判断できない。現在の兼業は開示済み",
      .categories = {"ri_conflict_of_commitment"},
      .due_diligence = {workflow::DueDiligenceState::kPartial,
                        {{"2019年以前の兼業先", "本人が記録を保持しておらず、先方機関も回答しない"}},
                        ""}};
  for (const workflow::Evaluation& e : {on_partner, on_aoba, on_sato})
    Expect(201, "POST", "/v1/cases/" + case_ + "/evaluations", "officer_sato", json::parse(workflow::ToJson(e)));
  Advance("complete_evaluation");

  // ③ three measures from the catalogue; consent of everyone bound; feasibility confirmed.
  struct M {
    const char* kind;
    workflow::Subject subject;
    const char* description;
    std::vector<std::string> binds;
  } measures[] = {
      {"data_access",
       {workflow::SubjectKind::kInstitution, partner_},
       "未発表の計測データと航法アルゴリズムへのアクセスを東北大学の研究室メンバーに限定する",
       {aoba_, sato_}},
      {"prepublication_review",
       {workflow::SubjectKind::kInstitution, partner_},
       "共同研究先との共著論文は投稿前に安全保障輸出管理の確認を受ける",
       {aoba_}},
      {"reassessment_on_change",
       {workflow::SubjectKind::kPerson, sato_},
       "兼業・外部資金に変更があれば届け出て再評価する",
       {sato_}},
  };
  for (const M& m : measures) {
    workflow::Measure measure{
        .catalogue_id = m.kind,
        .subject = m.subject,
        .description = m.description,
        .owner = "user_officer_sato",
        .due_date = workflow::Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{31}},
        .binds = m.binds};
    json made =
        Expect(201, "POST", "/v1/cases/" + case_ + "/measures", "officer_sato", json::parse(workflow::ToJson(measure)));
    std::string id = made["id"], etag = last_etag_;
    for (const std::string& person : m.binds) {
      Expect(200, "POST", "/v1/measures/" + id + "/consents", "officer_sato", {{"person_id", person}}, etag);
      etag = last_etag_;
    }
    // A second officer's write with the version read before the consents: 409, nothing lost.
    Reply stale = Send("POST", "/v1/measures/" + id + "/feasibility", "officer_sato", {{"note", "古い版への書き込み"}},
                       made.contains("version") ? "\"1\"" : "");
    EXPECT_EQ(stale.status, 409) << stale.raw;
    Expect(200, "POST", "/v1/measures/" + id + "/feasibility", "officer_sato",
           {{"note", "情報基盤センターが実施可能と確認"}}, etag);
  }

  auto [compliance, compliance_etag, academic, academic_etag] = SubmitForTwoStageReview();
  // A reviewer not assigned to the case sees nothing of it.
  EXPECT_EQ(Send("GET", "/v1/cases/" + case_, "prof_ito").status, 404);
  Expect(200, "POST", "/v1/reviews/" + compliance["id"].get<std::string>() + "/votes", "officer_sato",
         {{"vote", "conditions"}, {"text", "データアクセス制限の実施を条件とする"}}, compliance_etag);
  Expect(200, "POST", "/v1/reviews/" + academic["id"].get<std::string>() + "/votes", "prof_kato",
         {{"vote", "conditions"}, {"text", "投稿前確認の記録を年次報告に含めること"}}, academic_etag);
  Expect(200, "POST", "/v1/reviews/" + academic["id"].get<std::string>() + "/votes", "prof_mori", {{"vote", "approve"}},
         last_etag_);
  workflow::Decision decision{.outcome = workflow::Outcome::kProceedWithConditions,
                              .conditions = {"データアクセス制限（措置1）の実施", "共著論文の投稿前確認（措置2）"}};
  Expect(201, "POST", "/v1/cases/" + case_ + "/decisions", "officer_sato", json::parse(workflow::ToJson(decision)));
  Advance("decide", "prof_kato");
  Advance("start_follow_up");
  EXPECT_EQ(Expect(200, "GET", "/v1/cases/" + case_ + "/decisions", "prof_kato")["decision"]["outcome"],
            "proceed_with_conditions");

  // ④ the list update: the server restarts with the newer US Entity List edition.
  StartServer(after_.get());
  json run = Expect(200, "POST", "/v1/followups/list-snapshot-runs", "officer_sato", json::object());
  ASSERT_EQ(run["opened"].size(), 1u) << run.dump();
  EXPECT_EQ(run["opened"][0]["kind"], "list_snapshot_changed");
  EXPECT_NE(run["opened"][0]["ref"].get<std::string>().find("us_entity_list"), std::string::npos);
  json open = Expect(200, "GET", "/v1/followups?case_id=" + case_ + "&status=open", "officer_sato");
  EXPECT_EQ(open["total"], 1);

  // Another institution's officer: every id of this case is 404.
  EXPECT_EQ(Send("GET", "/v1/cases/" + case_, "kyoto_officer").status, 404);
  EXPECT_EQ(Send("GET", "/v1/people/" + aoba_, "kyoto_officer").status, 404);
  EXPECT_EQ(
      Send("POST", "/v1/cases/" + case_ + "/transitions", "kyoto_officer", {{"transition", "close"}}, "\"1\"").status,
      404);

  // The auditor: the chain verifies, and the case's history names the acting users and requests.
  json verify = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  EXPECT_TRUE(verify["ok"].get<bool>()) << verify.dump();
  EXPECT_GT(verify["records_checked"].get<int>(), 40);
  json records =
      Expect(200, "GET", "/v1/audit/records?object_kind=cases&object_id=" + case_ + "&limit=100", "auditor_abe");
  ASSERT_GE(records["total"].get<int>(), 8);
  EXPECT_EQ(records["items"][0]["actor"], "user_officer_sato");
  EXPECT_FALSE(records["items"][0]["request_id"].is_null());
}

// The agency's track through the API alone: its programme officer shortlists and declines
// proposals submitted to its programme (another agency: 404; an agency auditor: 403; stale: 409),
// declines the case, the institution lodges an appeal within the window, and the programme
// officer grants it: the case is reviewed again in round 2. Every step is in the audit chain.
TEST_F(WorkedCaseTest, AgencyDeclinesAndTheAppealIsDecidedThroughTheApiAlone) {
  SetUpCase();
  // A second proposal to the same programme: the agency declines it (不採択).
  cases::Proposal other{.programme_id = programme_,
                        .title = "耐放射線半導体デバイスの試作",
                        .lead_institution_id = lead_,
                        .team = {{sato_, lead_, cases::TeamRole::kPi}}};
  json second = Expect(201, "POST", "/v1/proposals", "officer_sato", json::parse(cases::ToJson(other)));
  std::string second_etag = last_etag_;
  std::string state = "/v1/proposals/" + second["id"].get<std::string>() + "/state";
  Reply amed = Send("POST", state, "po_amed", {{"to", "declined"}}, second_etag);
  EXPECT_EQ(amed.status, 404) << amed.raw;  // not submitted to AMED: it does not exist for them
  EXPECT_EQ(Send("GET", "/v1/proposals/" + second["id"].get<std::string>(), "po_amed").status, 404);
  Reply auditor = Send("POST", state, "auditor_jst", {{"to", "declined"}}, second_etag);
  EXPECT_EQ(auditor.status, 403) << auditor.raw;
  Reply kyoto = Send("POST", state, "kyoto_officer", {{"to", "declined"}}, second_etag);
  EXPECT_EQ(kyoto.status, 404) << kyoto.raw;
  // The agency lists what was submitted to its programme; another agency lists nothing.
  json listed = Expect(200, "GET", "/v1/proposals?state=submitted", "po_yamada");
  ASSERT_EQ(listed["total"], 1) << listed.dump();
  EXPECT_EQ(listed["items"][0]["id"], second["id"]);
  EXPECT_EQ(Expect(200, "GET", "/v1/proposals", "po_yamada")["total"], 2);
  EXPECT_EQ(Expect(200, "GET", "/v1/proposals", "po_amed")["total"], 0);
  json declined = Expect(200, "POST", state, "po_yamada", {{"to", "declined"}}, second_etag);
  EXPECT_EQ(declined["state"], "declined");
  Reply stale = Send("POST", state, "po_yamada", {{"to", "shortlisted"}}, second_etag);
  EXPECT_EQ(stale.status, 409) << stale.raw;
  // The agency reads the submitted proposal but may not edit it, nor write on the case.
  EXPECT_EQ(Send("POST", "/v1/cases/" + case_ + "/team", "po_yamada",
                 {{"person_id", sato_}, {"institution_id", lead_}, {"role", "participant"}})
                .status,
            403);

  ReviewedWithEveryVoteDeclining();

  // An appeal before any decision: refused, naming why.
  Reply early = Send("POST", "/v1/cases/" + case_ + "/appeals", "officer_sato", {{"grounds", "不服"}});
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_NE(early.raw.find("no decision to appeal"), std::string::npos) << early.raw;

  // The agency's programme officer records the decline and takes the decide transition.
  workflow::Decision decline{.outcome = workflow::Outcome::kDecline,
                             .reasons = {"経済産業省外国ユーザーリスト掲載機関との共同研究に対する措置が不十分"}};
  json decision =
      Expect(201, "POST", "/v1/cases/" + case_ + "/decisions", "po_yamada", json::parse(workflow::ToJson(decline)));
  EXPECT_EQ(decision["decided_by"], "user_po_yamada");
  ASSERT_FALSE(decision["appeal_deadline"].is_null()) << decision.dump();
  Advance("decide", "po_yamada");
  // The appeal transition before an appeal is filed names the unmet condition.
  Reply unmet =
      Send("POST", "/v1/cases/" + case_ + "/transitions", "officer_sato", {{"transition", "appeal"}}, CaseETag());
  EXPECT_EQ(unmet.status, 409) << unmet.raw;
  EXPECT_NE(unmet.raw.find("no appeal against decision " + decision["id"].get<std::string>() + " is filed"),
            std::string::npos)
      << unmet.raw;

  // Lodging the appeal is the institution's: the agency and the researcher get 403, another
  // institution 404.
  json grounds = {{"grounds", "相手機関との協定は2026年9月に終了しており、評価の前提となった関係は現存しない"}};
  EXPECT_EQ(Send("POST", "/v1/cases/" + case_ + "/appeals", "po_yamada", grounds).status, 403);
  EXPECT_EQ(Send("POST", "/v1/cases/" + case_ + "/appeals", "researcher", grounds).status, 403);
  EXPECT_EQ(Send("POST", "/v1/cases/" + case_ + "/appeals", "kyoto_officer", grounds).status, 404);
  Reply missing = Send("POST", "/v1/cases/" + case_ + "/appeals", "officer_sato", json::object());
  EXPECT_EQ(missing.status, 422) << missing.raw;
  EXPECT_EQ(api_->ErrorField(missing.raw), "grounds");
  json appeal = Expect(201, "POST", "/v1/cases/" + case_ + "/appeals", "officer_sato", grounds);
  std::string appeal_etag = last_etag_;
  EXPECT_EQ(appeal["status"], "pending");
  EXPECT_EQ(appeal["decision_id"], decision["id"]);
  EXPECT_EQ(appeal["filed_by"], "user_officer_sato");
  Advance("appeal");
  EXPECT_EQ(Expect(200, "GET", "/v1/cases/" + case_ + "/decisions", "po_yamada")["appeal"]["id"], appeal["id"]);

  // The decision on the appeal: wrong role 403, another agency 404, stale 409, bad status 422.
  std::string decide = "/v1/cases/" + case_ + "/appeals/" + appeal["id"].get<std::string>() + "/decision";
  json grant = {{"status", "granted"}, {"reason", "協定終了を確認した。措置を見直したうえで再審査する"}};
  EXPECT_EQ(Send("POST", decide, "prof_kato", grant, appeal_etag).status, 403);
  EXPECT_EQ(Send("POST", decide, "auditor_jst", grant, appeal_etag).status, 403);
  EXPECT_EQ(Send("POST", decide, "po_amed", grant, appeal_etag).status, 404);
  EXPECT_EQ(Send("POST", decide, "kyoto_officer", grant, appeal_etag).status, 404);
  EXPECT_EQ(
      Send("POST", "/v1/cases/" + case_ + "/appeals/ap_0000000000000000/decision", "po_yamada", grant, appeal_etag)
          .status,
      404);
  Reply pending = Send("POST", decide, "po_yamada", {{"status", "pending"}, {"reason", "x"}}, appeal_etag);
  EXPECT_EQ(pending.status, 422) << pending.raw;
  EXPECT_EQ(api_->ErrorField(pending.raw), "status");
  Reply old = Send("POST", decide, "po_yamada", grant, "\"7\"");
  EXPECT_EQ(old.status, 409) << old.raw;
  EXPECT_EQ(Send("POST", decide, "po_yamada", grant).status, 428);
  json granted = Expect(200, "POST", decide, "po_yamada", grant, appeal_etag);
  EXPECT_EQ(granted["status"], "granted");
  EXPECT_EQ(granted["decided_by"], "user_po_yamada");
  Reply twice = Send("POST", decide, "po_yamada", {{"status", "dismissed"}, {"reason", "再考"}}, appeal_etag);
  EXPECT_EQ(twice.status, 409) << twice.raw;  // the version read is stale now
  Advance("grant_appeal", "po_yamada");
  json view = Expect(200, "GET", "/v1/cases/" + case_, "po_yamada");
  EXPECT_EQ(view["state"], "review");
  EXPECT_EQ(view["round"], 2);

  // The audit chain verifies and names the agency's officer on the appeal and the proposal.
  json verify = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  EXPECT_TRUE(verify["ok"].get<bool>()) << verify.dump();
  json appeal_audit = Expect(
      200, "GET", "/v1/audit/records?object_kind=appeals&object_id=" + appeal["id"].get<std::string>(), "auditor_abe");
  ASSERT_EQ(appeal_audit["total"], 2) << appeal_audit.dump();
  EXPECT_EQ(appeal_audit["items"][0]["actor"], "user_officer_sato");
  EXPECT_EQ(appeal_audit["items"][1]["actor"], "user_po_yamada");
}

// Every appeal of a case is readable, earlier (decided) ones included: the institution files an
// appeal, the agency dismisses it, the institution files again within the window; the list shows
// both, oldest first, each with its status and version, and one appeal reads with its ETag.
// Deciding the earlier appeal again is 409 naming its status; another tenant and another agency
// get 404, an unassigned reviewer 404, an auditor reads. The latest one is then granted.
TEST_F(WorkedCaseTest, EveryAppealOfACaseIsListedOldestFirstAndOnlyTheLatestCanBeDecided) {
  SetUpCase();
  ReviewedWithEveryVoteDeclining();
  const std::string appeals = "/v1/cases/" + case_ + "/appeals";
  // No appeal yet: an empty list, not an error.
  json none = Expect(200, "GET", appeals, "officer_sato");
  EXPECT_EQ(none["total"], 0) << none.dump();
  EXPECT_TRUE(none["items"].empty()) << none.dump();

  workflow::Decision decline{.outcome = workflow::Outcome::kDecline,
                             .reasons = {"経済産業省外国ユーザーリスト掲載機関との共同研究に対する措置が不十分"}};
  json decision =
      Expect(201, "POST", "/v1/cases/" + case_ + "/decisions", "po_yamada", json::parse(workflow::ToJson(decline)));
  Advance("decide", "po_yamada");
  json first = Expect(201, "POST", appeals, "officer_sato", {{"grounds", "相手機関との協定は2026年9月に終了している"}});
  std::string first_etag = last_etag_;
  Advance("appeal");
  const std::string first_id = first["id"];
  json dismissed = Expect(200, "POST", appeals + "/" + first_id + "/decision", "po_yamada",
                          {{"status", "dismissed"}, {"reason", "協定終了を示す書面が添付されていない"}}, first_etag);
  EXPECT_EQ(dismissed["status"], "dismissed");
  // Filed again within the window, with the missing document.
  json second = Expect(201, "POST", appeals, "officer_sato",
                       {{"grounds", "Termination notice of 30 September 2026 attached / 協定終了通知を添付"}});
  std::string second_etag = last_etag_;
  const std::string second_id = second["id"];
  EXPECT_EQ(second["status"], "pending");
  EXPECT_EQ(second["decision_id"], decision["id"]);

  // The list: both, oldest first, with status and version; the agency reads it as well.
  for (const std::string user : {"officer_sato", "po_yamada", "auditor_abe", "prof_kato"}) {
    json listed = Expect(200, "GET", appeals, user);
    ASSERT_EQ(listed["total"], 2) << user << ": " << listed.dump();
    ASSERT_EQ(listed["items"].size(), 2u) << listed.dump();
    EXPECT_EQ(listed["items"][0]["id"], first_id);
    EXPECT_EQ(listed["items"][0]["status"], "dismissed");
    EXPECT_EQ(listed["items"][0]["version"], 2);
    EXPECT_EQ(listed["items"][0]["outcome_reason"], "協定終了を示す書面が添付されていない");
    EXPECT_EQ(listed["items"][0]["decided_by"], "user_po_yamada");
    EXPECT_EQ(listed["items"][1]["id"], second_id);
    EXPECT_EQ(listed["items"][1]["status"], "pending");
    EXPECT_EQ(listed["items"][1]["version"], 1);
    EXPECT_EQ(listed["next_offset"], nullptr);
  }
  // One appeal with its ETag: the earlier one as decided, the latest as filed.
  Reply one = Send("GET", appeals + "/" + first_id, "po_yamada");
  ASSERT_EQ(one.status, 200) << one.raw;
  EXPECT_EQ(one.body["status"], "dismissed");
  EXPECT_EQ(one.etag, "\"2\"");
  Reply latest = Send("GET", appeals + "/" + second_id, "officer_sato");
  ASSERT_EQ(latest.status, 200) << latest.raw;
  EXPECT_EQ(latest.etag, second_etag);
  EXPECT_EQ(latest.body["grounds"], second["grounds"]);
  // Another institution, another agency and an unassigned reviewer: the case does not exist for
  // them; an unknown appeal id of a visible case is 404 naming it.
  for (const std::string user : {"kyoto_officer", "po_amed", "prof_ito"}) {
    EXPECT_EQ(Send("GET", appeals, user).status, 404) << user;
    EXPECT_EQ(Send("GET", appeals + "/" + first_id, user).status, 404) << user;
  }
  Reply unknown = Send("GET", appeals + "/ap_0000000000000000", "officer_sato");
  EXPECT_EQ(unknown.status, 404) << unknown.raw;
  EXPECT_NE(unknown.raw.find("appeals/ap_0000000000000000: not an appeal of cases/" + case_), std::string::npos)
      << unknown.raw;

  // Deciding the earlier appeal: 409 naming its status, not 404; nothing changes.
  Reply again = Send("POST", appeals + "/" + first_id + "/decision", "po_yamada",
                     {{"status", "granted"}, {"reason", "再考"}}, one.etag);
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(again.body["error"]["code"], "failed_precondition") << again.raw;
  EXPECT_NE(again.raw.find("is already dismissed"), std::string::npos) << again.raw;
  EXPECT_NE(again.raw.find("only the latest, appeals/" + second_id + ", can be decided"), std::string::npos)
      << again.raw;
  EXPECT_EQ(Expect(200, "GET", appeals + "/" + first_id, "po_yamada")["version"], 2);
  Reply missing = Send("POST", appeals + "/ap_0000000000000000/decision", "po_yamada",
                       {{"status", "granted"}, {"reason", "再考"}}, one.etag);
  EXPECT_EQ(missing.status, 404) << missing.raw;

  // The latest is granted and the case is reviewed again.
  json granted = Expect(200, "POST", appeals + "/" + second_id + "/decision", "po_yamada",
                        {{"status", "granted"}, {"reason", "協定終了を確認した。再審査する"}}, second_etag);
  EXPECT_EQ(granted["status"], "granted");
  Advance("grant_appeal", "po_yamada");
  json after = Expect(200, "GET", appeals, "officer_sato");
  ASSERT_EQ(after["total"], 2);
  EXPECT_EQ(after["items"][0]["status"], "dismissed");
  EXPECT_EQ(after["items"][1]["status"], "granted");
  json view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
  EXPECT_EQ(view["appeal"]["id"], second_id);
  EXPECT_EQ(view["round"], 2);
}

// The funding-agency review track (programme officer → RS committee, data/workflow/review_stages.tsv)
// on a server whose store reviews in that track: the agency's programme officer sets up its own
// review stages with its own people (review.assign; the institution's staff cannot sit on its
// panel, nor the agency's on the institution's, and another agency gets 404), then it and its two
// RS committee members vote on a case submitted to the agency, a reviewer not assigned sees
// nothing, the programme officer decides and starts the follow-up. Through the API alone.
TEST_F(WorkedCaseTest, TheAgencyReviewTrackRunsThroughTheApiAlone) {
  storage::CaseStoreOptions o = testing::ShippedWorkflowOptions();
  o.review_track = "funding_agency";
  auto store = storage::CaseStore::Open(*db_, o);
  ASSERT_TRUE(store) << store.error().ToString();
  store_ = std::move(*store);
  StartServer(before_.get());
  SetUpCase();
  for (const char* name : {"rs_kimura", "rs_hayashi", "rs_ono"})
    api_->AddUser(name, access::Role::kReviewer, agency_, access::TenantKind::kAgency);
  ThroughEvaluationWithNoRisk();

  // The agency assigns its own stages, with its own people only.
  const std::string reviews = "/v1/cases/" + case_ + "/reviews";
  json po_stage = {{"stage_id", "programme_officer"}, {"reviewers", {"user_po_yamada"}}};
  Reply academic =
      Send("POST", reviews, "po_yamada", {{"stage_id", "academic_committee"}, {"reviewers", {"user_rs_ono"}}});
  EXPECT_EQ(academic.status, 422) << academic.raw;  // not a stage of this track; the known ones are named
  EXPECT_NE(academic.raw.find("rs_committee"), std::string::npos) << academic.raw;
  // An institution's reviewer on the agency's panel: refused, with the words an unknown id gets.
  Reply staff = Send("POST", reviews, "po_yamada",
                     {{"stage_id", "rs_committee"}, {"reviewers", {"user_prof_kato", "user_rs_kimura"}}});
  EXPECT_EQ(staff.status, 422) << staff.raw;
  EXPECT_EQ(api_->ErrorField(staff.raw), "reviewers[0]");
  Reply ghost = Send("POST", reviews, "po_yamada",
                     {{"stage_id", "rs_committee"}, {"reviewers", {"user_rs_kimura", "user_prof_kat0"}}});
  EXPECT_EQ(ghost.status, 422) << ghost.raw;
  EXPECT_EQ(api_->ErrorField(ghost.raw), "reviewers[1]");
  auto message = [](const Reply& r, const std::string& id, const std::string& index) {
    std::string m = r.body["error"].value("message", "");
    for (const std::string& s : {id, index})
      if (size_t at = m.find(s); at != std::string::npos) m.replace(at, s.size(), "…");
    return m;
  };
  EXPECT_EQ(message(staff, "user_prof_kato", "[0]"), message(ghost, "user_prof_kat0", "[1]"));
  // Nor may the institution's officer put the agency's people on a stage, and another agency's
  // programme officer does not see the case at all.
  Reply officer = Send("POST", reviews, "officer_sato", po_stage);
  EXPECT_EQ(officer.status, 422) << officer.raw;
  EXPECT_EQ(api_->ErrorField(officer.raw), "reviewers[0]");
  Reply amed = Send("POST", reviews, "po_amed", po_stage);
  EXPECT_EQ(amed.status, 404) << amed.raw;
  EXPECT_EQ(Send("POST", reviews, "auditor_jst", po_stage).status, 403);  // the agency's auditor: read only
  json po_review = Expect(201, "POST", reviews, "po_yamada", po_stage);
  std::string po_etag = last_etag_;
  json rs_review = Expect(201, "POST", reviews, "po_yamada",
                          {{"stage_id", "rs_committee"}, {"reviewers", {"user_rs_kimura", "user_rs_hayashi"}}});
  std::string rs_etag = last_etag_;
  EXPECT_EQ(Send("POST", reviews, "po_yamada", po_stage).status, 409);  // the stage has its review this round
  Advance("submit_for_review");

  // An agency reviewer sees the case once assigned; one not assigned does not.
  EXPECT_EQ(Expect(200, "GET", "/v1/cases/" + case_, "rs_kimura")["state"], "review");
  EXPECT_EQ(Send("GET", "/v1/cases/" + case_, "rs_ono").status, 404);
  std::string po_votes = "/v1/reviews/" + po_review["id"].get<std::string>() + "/votes";
  std::string rs_votes = "/v1/reviews/" + rs_review["id"].get<std::string>() + "/votes";
  EXPECT_EQ(Send("POST", rs_votes, "rs_ono", {{"vote", "approve"}}, rs_etag).status, 403);     // not assigned
  EXPECT_EQ(Send("POST", po_votes, "rs_kimura", {{"vote", "approve"}}, po_etag).status, 403);  // not this stage
  EXPECT_EQ(Send("POST", rs_votes, "po_amed", {{"vote", "approve"}}, rs_etag).status, 404);    // another agency
  Expect(200, "POST", po_votes, "po_yamada", {{"vote", "approve"}, {"text", "プログラムの趣旨に照らし問題なし"}},
         po_etag);
  Expect(200, "POST", rs_votes, "rs_kimura", {{"vote", "approve"}}, rs_etag);
  EXPECT_EQ(Send("POST", rs_votes, "rs_hayashi", {{"vote", "approve"}}, rs_etag).status, 409);  // stale
  Expect(200, "POST", rs_votes, "rs_hayashi",
         {{"vote", "conditions"}, {"text", "共同研究先とのデータ共有範囲を年次報告で確認すること"}}, last_etag_);

  workflow::Decision proceed{.outcome = workflow::Outcome::kProceedWithConditions,
                             .conditions = {"共同研究先とのデータ共有範囲の年次報告"}};
  Expect(201, "POST", "/v1/cases/" + case_ + "/decisions", "po_yamada", json::parse(workflow::ToJson(proceed)));
  // A decider of the track takes the decide step (the state machine's deciders: the programme
  // officer or an assigned reviewer); an agency reviewer not assigned cannot even see the case.
  Reply unassigned =
      Send("POST", "/v1/cases/" + case_ + "/transitions", "rs_ono", {{"transition", "decide"}}, CaseETag());
  EXPECT_EQ(unassigned.status, 404) << unassigned.raw;
  Advance("decide", "rs_kimura");
  Reply reviewer_starts =
      Send("POST", "/v1/cases/" + case_ + "/transitions", "rs_kimura", {{"transition", "start_follow_up"}}, CaseETag());
  EXPECT_EQ(reviewer_starts.status, 403) << reviewer_starts.raw;  // an officer's step, not a reviewer's
  Advance("start_follow_up", "po_yamada");
  json view = Expect(200, "GET", "/v1/cases/" + case_, "rs_hayashi");
  EXPECT_EQ(view["state"], "follow_up");
  EXPECT_EQ(view["decision"]["decided_by"], "user_po_yamada");
  json verify = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  EXPECT_TRUE(verify["ok"].get<bool>()) << verify.dump();
}

// A team file through the API is one transaction: a bad row (named by file, row and column)
// leaves the team and the audit chain as they were; partial=true writes the good rows.
TEST_F(WorkedCaseTest, ATeamImportWithABadRowWritesNothing) {
  SetUpCase();
  cases::Person tanaka{.names = {{"田中 美咲", cases::NameScript::kKanji}}, .erad_id = "90673456"};
  std::string tanaka_id = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(tanaka)))["id"];
  std::string csv =
      "e-Rad研究者番号,氏名,所属機関,役割\n"
      "90673456,田中 美咲," +
      lead_ +
      ",研究参加者\n"
      "11112222,山本 太郎," +
      lead_ + ",学生\n";
  auto team_size = [&] { return Expect(200, "GET", "/v1/cases/" + case_, "officer_sato")["team"].size(); };
  size_t team = team_size();
  json before = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  std::string path = "/v1/cases/" + case_ + "/team/imports";
  Reply refused = Upload(path, "officer_sato", {{"file", csv, "体制.csv", "text/csv"}});
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(api_->ErrorField(refused.raw), "file");
  EXPECT_NE(refused.raw.find("体制.csv:3: column \\\"erad_id\\\""), std::string::npos) << refused.raw;
  EXPECT_NE(refused.raw.find("nothing was written"), std::string::npos) << refused.raw;
  EXPECT_EQ(team_size(), team);
  json after = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  EXPECT_TRUE(after["ok"].get<bool>());
  EXPECT_EQ(after["records_checked"], before["records_checked"]);
  // Wrong role, another tenant.
  EXPECT_EQ(Upload(path, "auditor_abe", {{"file", csv, "体制.csv", "text/csv"}}).status, 403);
  EXPECT_EQ(Upload(path, "po_yamada", {{"file", csv, "体制.csv", "text/csv"}}).status, 403);
  EXPECT_EQ(Upload(path, "kyoto_officer", {{"file", csv, "体制.csv", "text/csv"}}).status, 404);
  // partial: the good row, once; the bad one reported.
  Reply partial = Upload(path, "officer_sato", {{"file", csv, "体制.csv", "text/csv"}, {"partial", "true", "", ""}});
  ASSERT_EQ(partial.status, 200) << partial.raw;
  EXPECT_EQ(partial.body["written"], 1);
  ASSERT_EQ(partial.body["errors"].size(), 1u);
  EXPECT_EQ(partial.body["errors"][0]["row"], 3);
  EXPECT_EQ(partial.body["errors"][0]["column"], "erad_id");
  json view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
  ASSERT_EQ(view["team"].size(), team + 1);
  EXPECT_EQ(view["team"].back()["id"], tanaka_id);
  json written = Expect(200, "GET", "/v1/audit/verify", "auditor_abe");
  EXPECT_TRUE(written["ok"].get<bool>());
  EXPECT_EQ(written["records_checked"].get<int>(), before["records_checked"].get<int>() + 1);
}

TEST_F(WorkedCaseTest, RestrictedItemsAreForExportControlOnlyAndEveryReadIsAudited) {
  SetUpCase();
  json restricted = {{"person_id", aoba_}, {"as_of", "2026-10-01"}};
  Reply officer = Send("GET", "/v1/people/" + aoba_ + "/restricted-disclosures?reason=x", "officer_sato");
  EXPECT_EQ(officer.status, 403) << officer.raw;
  Reply no_reason = Send("GET", "/v1/people/" + aoba_ + "/restricted-disclosures", "export_suzuki");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(api_->ErrorField(no_reason.raw), "reason");
  auto before = storage::AuditHistory(*db_, "people", aoba_);
  ASSERT_TRUE(before);
  Reply read = Send("GET",
                    "/v1/people/" + aoba_ + "/restricted-disclosures?reason=" +
                        httplib::detail::encode_query_param("該非判定のため（案件 " + case_ + "）"),
                    "export_suzuki");
  EXPECT_EQ(read.status, 200) << read.raw;
}

// Hostile input: each a clear 4xx naming the field (or text stored verbatim), nothing changed.
TEST_F(WorkedCaseTest, HostileInputIsRefusedOrStoredVerbatimAndChangesNothing) {
  SetUpCase();
  auto people = [&] { return Expect(200, "GET", "/v1/people?limit=1", "officer_sato")["total"].get<int>(); };
  int count = people();
  auto c = api_->Client();
  const ApiSession& o = As("officer_sato");
  struct Case {
    std::string body;
    int status;
    std::string field;
  } bad[] = {
      {"{\"names\": [", 400, "body"},
      {"[1,2,3]", 400, "body"},
      {"{\"names\": \"青葉\"}", 422, "names"},
      {"{\"names\": [{\"text\": 7}]}", 422, "names[0].text"},
      {"{\"names\": [{\"text\": \"青葉\"}]}", 422, "names[0].script"},
      {"{\"names\": [{\"text\": \"青葉\", \"script\": \"kanji\", \"kind\": \"legal\"}], \"nationality\": \"JP\"}", 422,
       "nationality"},
      {"{\"names\": [{\"text\": \"青葉\", \"script\": \"kanji\", \"kind\": \"legal\"}], \"erad_id\": 70451234}", 422,
       "erad_id"},
  };
  for (const Case& b : bad) {
    auto r = c.Post("/v1/people", o.headers(), b.body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, b.status) << b.body << " " << r->body;
    EXPECT_EQ(api_->ErrorField(r->body), b.field) << b.body << " " << r->body;
  }
  auto big = c.Post("/v1/people", o.headers(), std::string(300u << 10, ' '), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(people(), count);

  // SQL-looking text is text: stored and returned byte for byte, and the tables are intact.
  const std::string sql = "Robert'); DROP TABLE people;-- \" OR 1=1 --";
  cases::Person bobby{.names = {{sql, cases::NameScript::kLatin}}};
  json made = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(bobby)));
  EXPECT_EQ(made["names"][0]["text"], sql);
  json back = Expect(200, "GET", "/v1/people/" + made["id"].get<std::string>(), "officer_sato");
  EXPECT_EQ(back["names"][0]["text"], sql);
  EXPECT_EQ(people(), count + 1);
  for (const std::string& q : {"/v1/cases?state=" + httplib::detail::encode_query_param("x' OR '1'='1"),
                               "/v1/people?erad_id=" + httplib::detail::encode_query_param("1; DROP TABLE people")}) {
    json page = Expect(200, "GET", q, "officer_sato");
    EXPECT_EQ(page["total"], 0) << q;
  }
  EXPECT_EQ(
      Send("GET", "/v1/cases?sort=" + httplib::detail::encode_query_param("state; DROP TABLE cases"), "officer_sato")
          .status,
      400);

  // Path traversal in an import's file name, a ZIP bomb as the proposal, a stale If-Match.
  std::string csv = testing::ReadFileOrFail(testing::RepoPath("data/examples/case/disclosures.csv"));
  Reply traversal = Upload("/v1/imports/disclosures", "officer_sato",
                           {{"file", csv, "../../../etc/cron.d/x.csv", "text/csv"},
                            {"statement", "記載内容は事実に相違ありません。", "", ""},
                            {"certified_at", "2026-10-01T09:30:00Z", "", ""}});
  EXPECT_EQ(traversal.status, 400) << traversal.raw;
  EXPECT_EQ(api_->ErrorField(traversal.raw), "filename");
  std::string bomb = testing::ReadFileOrFail(testing::RepoPath("tests/engines/documents/fixtures/zip_bomb.docx"));
  Reply bombed = Upload("/v1/cases/" + case_ + "/screenings", "officer_sato",
                        {{"file", bomb, "proposal.docx", "application/octet-stream"}});
  EXPECT_EQ(bombed.status, 413) << bombed.raw;
  json view = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato");
  EXPECT_TRUE(view["screenings"].empty());
  Reply stale = Send("POST", "/v1/cases/" + case_ + "/transitions", "officer_sato",
                     {{"transition", "start_identification"}}, "\"99\"");
  EXPECT_EQ(stale.status, 409) << stale.raw;
  Reply no_match =
      Send("POST", "/v1/cases/" + case_ + "/transitions", "officer_sato", {{"transition", "start_identification"}});
  EXPECT_EQ(no_match.status, 428) << no_match.raw;
  Reply illegal = Send("POST", "/v1/cases/" + case_ + "/transitions", "officer_sato",
                       {{"transition", "complete_evaluation"}}, CaseETag());
  EXPECT_EQ(illegal.status, 409) << illegal.raw;
  EXPECT_EQ(Expect(200, "GET", "/v1/cases/" + case_, "officer_sato")["state"], "opened");

  auto report = storage::VerifyAudit(*db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
}

// The role matrix over every resource route, generated from the permission table: each route as
// every role (all in the case's institution), anonymously, and as another institution's officer.
TEST_F(WorkedCaseTest, EveryRouteAnswersEveryRoleAsThePermissionTableSays) {
  SetUpCase();
  std::string measure, review;  // plain names: the lambdas below capture them
  std::tie(measure, review) = AddMeasureAndReview();
  std::string followup = Expect(201, "POST", "/v1/cases/" + case_ + "/followups", "officer_sato",
                                {{"kind", "member_added"}, {"subject", {{"kind", "person"}, {"id", sato_}}}})["id"];
  std::map<access::Role, std::string> users;
  std::map<access::Role, std::string> user_ids;
  for (access::Role r : access::kAllRoles) {
    std::string name = "m_" + std::string(access::RoleName(r));
    user_ids[r] = api_->AddUser(name, r, lead_, access::TenantKind::kInstitution, "person_someone_else");
    users[r] = name;
  }
  auto id_for = [&](const std::string& pattern) -> std::string {
    if (pattern.rfind("/v1/institutions/", 0) == 0) return lead_;
    if (pattern.rfind("/v1/programmes/", 0) == 0) return programme_;
    if (pattern.rfind("/v1/organisations/", 0) == 0) return partner_;
    if (pattern.rfind("/v1/people/", 0) == 0) return aoba_;
    if (pattern.rfind("/v1/proposals/", 0) == 0)
      return Expect(200, "GET", "/v1/cases/" + case_, "officer_sato")["proposal_id"];
    if (pattern.rfind("/v1/measures/", 0) == 0) return measure;
    if (pattern.rfind("/v1/reviews/", 0) == 0) return review;
    if (pattern.rfind("/v1/followups/", 0) == 0) return followup;
    if (pattern.rfind("/v1/users/", 0) == 0) return user_ids[access::Role::kResearcher];  // a user of the tenant
    return case_;
  };
  auto call = [&](const Route& route, const std::string& path, const std::string* user) {
    auto c = api_->Client();
    httplib::Headers h;
    if (user) h = As(*user).headers();
    httplib::Result r = route.method == "GET"     ? c.Get(path, h)
                        : route.method == "PUT"   ? c.Put(path, h, "{}", "application/json")
                        : route.method == "PATCH" ? c.Patch(path, h, "{}", "application/json")
                                                  : c.Post(path, h, "{}", "application/json");
    return r ? r->status : -1;
  };
  int cells = 0;
  std::string kyoto = "kyoto_officer";
  std::string kyoto_admin = "kyoto_admin";
  api_->AddUser(kyoto_admin, access::Role::kAdministrator, "inst_kyoto");
  for (const Route& route : api_->server().Routes()) {
    if (route.audience != Audience::kAction || route.pattern.rfind("/v1/tokens", 0) == 0) continue;
    std::string path = route.pattern;
    bool has_id = path.find("{id}") != std::string::npos;
    if (has_id) path.replace(path.find("{id}"), 4, id_for(route.pattern));
    if (size_t a = path.find("{appeal_id}"); a != std::string::npos) path.replace(a, 11, "ap_none");
    std::string what = route.method + " " + route.pattern;
    EXPECT_EQ(call(route, path, nullptr), 401) << what << " anonymously";
    for (access::Role r : access::kAllRoles) {
      access::Grant g = access::GrantFor(r, *route.action);
      int status = call(route, path, &users[r]);
      std::string cell = what + " as " + std::string(access::RoleName(r)) + " (" + std::string(access::GrantName(g)) +
                         "): " + std::to_string(status);
      ++cells;
      if (g == access::Grant::kDeny) {
        EXPECT_EQ(status, 403) << cell;
        continue;
      }
      EXPECT_NE(status, 401) << cell;
      EXPECT_NE(status, 403) << cell;
      if (route.method == "GET" && has_id && route.pattern.rfind("/v1/programmes/", 0) != 0) {
        if (g == access::Grant::kAllow && route.pattern.find("{appeal_id}") != std::string::npos)
          EXPECT_EQ(status, 404) << cell << " (the case is readable; appeals/ap_none is not an appeal of it)";
        else if (g == access::Grant::kAllow)
          EXPECT_TRUE(status == 200 || status == 400) << cell;
        else  // own / assigned: not this user's record, not assigned to them (400: a required parameter first)
          EXPECT_TRUE(status == 404 || status == 400) << cell;
      }
    }
    // Another institution's officer: another tenant's ids do not exist.
    if (route.method == "GET" && has_id && route.pattern.rfind("/v1/programmes/", 0) != 0) {
      int status = call(route, path, &kyoto);
      if (access::GrantFor(access::Role::kSecurityOfficer, *route.action) == access::Grant::kDeny)
        EXPECT_EQ(status, 403) << what << " from another tenant";
      else
        EXPECT_TRUE(status == 404 || status == 400) << what << " from another tenant: " << status;
    }
    // Another institution's administrator: this tenant's users do not exist for it.
    if (route.method == "GET" && has_id && route.action == access::Action::kUserAdmin) {
      EXPECT_EQ(call(route, path, &kyoto_admin), 404) << what << " as another tenant's administrator";
    }
  }
  EXPECT_GE(cells, 50 * 7);
}

// The agency cells of the role matrix: every route on the case, its proposal and what hangs off
// them, called by the programme officer of the agency the case was submitted to (the table's
// grant, then the agency rule: read, proposal.decide, case.decide, case.advance, review.assign,
// review.vote) and by
// another agency's programme officer (every read is 404: the records do not exist for it).
TEST_F(WorkedCaseTest, EveryCaseRouteAnswersTheAgencyAsTheTableAndTheAgencyRuleSay) {
  SetUpCase();
  std::string measure, review;  // plain names: the lambdas below capture them
  std::tie(measure, review) = AddMeasureAndReview();
  std::string proposal = Expect(200, "GET", "/v1/cases/" + case_, "officer_sato")["proposal_id"];
  const std::vector<std::pair<std::string, std::string>> scoped = {{"/v1/cases/{id}", case_},
                                                                   {"/v1/proposals/{id}", proposal},
                                                                   {"/v1/measures/{id}", measure},
                                                                   {"/v1/reviews/{id}", review}};
  auto call = [&](const Route& route, const std::string& path, const std::string& user) {
    auto c = api_->Client();
    httplib::Headers h = As(user).headers();
    httplib::Result r = route.method == "GET"   ? c.Get(path, h)
                        : route.method == "PUT" ? c.Put(path, h, "{}", "application/json")
                                                : c.Post(path, h, "{}", "application/json");
    return r ? r->status : -1;
  };
  int cells = 0;
  for (const Route& route : api_->server().Routes()) {
    if (route.audience != Audience::kAction) continue;
    std::string path = route.pattern;
    bool in_scope = false;
    for (const auto& [prefix, id] : scoped)
      if (path.rfind(prefix, 0) == 0) {
        path.replace(path.find("{id}"), 4, id);
        in_scope = true;
        break;
      }
    if (!in_scope) continue;
    if (size_t a = path.find("{appeal_id}"); a != std::string::npos) path.replace(a, 11, "ap_none");
    const access::Action action = *route.action;
    const std::string what = route.method + " " + route.pattern + " (" + std::string(access::ActionName(action)) + ")";
    bool role_grants = access::GrantFor(access::Role::kProgrammeOfficer, action) != access::Grant::kDeny;
    bool agency_may = access::IsReadOnly(action) || action == access::Action::kProposalDecide ||
                      action == access::Action::kCaseDecide || action == access::Action::kCaseAdvance ||
                      action == access::Action::kReviewAssign || action == access::Action::kReviewVote;
    int status = call(route, path, "po_yamada");
    ++cells;
    if (!role_grants || !agency_may) {
      EXPECT_EQ(status, 403) << what << " as the agency's programme officer";
    } else if (route.method == "GET" && route.pattern.find("{appeal_id}") != std::string::npos) {
      EXPECT_EQ(status, 404) << what << ": the case is readable, appeals/ap_none is not an appeal of it";
    } else {
      EXPECT_TRUE(status != 401 && status != 403 && status != 404) << what << " as the agency's officer: " << status;
      if (route.method == "GET") {
        EXPECT_TRUE(status == 200 || status == 400) << what << ": " << status;
      }
    }
    if (route.method == "GET") {
      int other = call(route, path, "po_amed");
      // 400: a required query parameter is checked first (evaluation-inputs?subject=…).
      if (role_grants)
        EXPECT_TRUE(other == 404 || other == 400) << what << " as another agency's programme officer: " << other;
      else
        EXPECT_EQ(other, 403) << what << " as another agency's programme officer";
    }
  }
  EXPECT_GE(cells, 25);
}

// docs/security.md lists every route with its action; this keeps it in sync.
TEST_F(WorkedCaseTest, SecurityDocumentListsEveryRouteWithItsAction) {
  std::string table = "| method | route | action |\n|---|---|---|\n";
  for (const Route& r : api_->server().Routes()) {
    std::string action = r.action                          ? "`" + std::string(access::ActionName(*r.action)) + "`"
                         : r.audience == Audience::kPublic ? "public"
                                                           : "signed in";
    table += "| " + r.method + " | `" + r.pattern + "` | " + action + " |\n";
  }
  std::string doc = testing::ReadFileOrFail(testing::RepoPath("docs/security.md"));
  const std::string begin = "<!-- route-table:begin (generated from the server's route table) -->\n";
  const std::string end = "<!-- route-table:end -->";
  size_t b = doc.find(begin), e = doc.find(end);
  ASSERT_NE(b, std::string::npos) << "docs/security.md lacks the route-table markers; the table is:\n" << table;
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), table) << "update docs/security.md:\n" << table;
}

}  // namespace
}  // namespace highfence::server
