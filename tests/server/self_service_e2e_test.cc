// SPDX-License-Identifier: Apache-2.0
// A researcher's own disclosure (POST /v1/me/disclosures) and the administrator's user endpoints
// (/v1/users), driven over HTTP against a real server on loopback with the case store on SQLite
// (self_service_e2e_test, label e2e) and on a real PostgreSQL (self_service_pg_test, label pg):
// the researcher files and corrects their own certified disclosure in Japanese, a stale version
// is 409, another person's disclosure is out of reach, the officer sees what was filed and the
// audit trail names the account and request; an administrator creates an account linked to its
// person record, signs in as it, disables it (its session gets 401), resets a password (its
// sessions are revoked), cannot see another tenant's users (404), and hostile inputs change
// nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/cases/codec.h"
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

constexpr char kStatement[] = "記載内容は事実に相違ありません。";

std::string DatabaseUrl([[maybe_unused]] const testing::TempDir& dir) {
#ifdef HF_SERVER_TEST_POSTGRES
  return testing::PostgresServer::Get().NewDatabase();
#else
  return "sqlite:" + (dir.path() / "self_service.db").string();
#endif
}

struct Reply {
  int status = 0;
  json body;
  std::string etag;
  std::string raw;
  std::string field;  // error.field, "" if none
};

class SelfServiceTest : public ::testing::Test {
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
    api_ = std::make_unique<ApiServer>(ResourceServices{store_.get(), nullptr, nullptr});
    api_->AddUser("root", access::Role::kAdministrator, "system");
    cases::Institution tohoku{
        .name_ja = "東北大学", .name_en = "Tohoku University", .kind = cases::InstitutionKind::kUniversity};
    lead_ = Expect(201, "POST", "/v1/institutions", "root", json::parse(cases::ToJson(tohoku)))["id"];
    api_->AddUser("officer_sato", access::Role::kSecurityOfficer, lead_);
    api_->AddUser("export_suzuki", access::Role::kExportControlOfficer, lead_);
    api_->AddUser("admin_tohoku", access::Role::kAdministrator, lead_);
    api_->AddUser("admin_kyoto", access::Role::kAdministrator, "inst_kyoto");
    cases::Person aoba{.names = {{"青葉 花子", cases::NameScript::kKanji},
                                 {"Hanako Aoba", cases::NameScript::kLatin, cases::NameKind::kRomanised}},
                       .erad_id = "70451234"};
    aoba_ = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(aoba)))["id"];
    cases::Person sato{.names = {{"佐藤 一郎", cases::NameScript::kKanji}}, .erad_id = "80562345"};
    sato_ = Expect(201, "POST", "/v1/people", "officer_sato", json::parse(cases::ToJson(sato)))["id"];
    aoba_user_ = api_->AddUser("aoba", access::Role::kResearcher, lead_, access::TenantKind::kInstitution, aoba_);
  }

  const ApiSession& As(const std::string& user) {
    auto it = sessions_.find(user);
    if (it == sessions_.end()) it = sessions_.emplace(user, api_->SignIn(user)).first;
    return it->second;
  }

  Reply SendWith(const std::string& method, const std::string& path, httplib::Headers h, const std::string& body) {
    auto c = api_->Client();
    httplib::Result r = method == "GET"     ? c.Get(path, h)
                        : method == "PATCH" ? c.Patch(path, h, body, "application/json")
                        : method == "PUT"   ? c.Put(path, h, body, "application/json")
                                            : c.Post(path, h, body, "application/json");
    Reply out;
    if (!r) {
      ADD_FAILURE() << method << " " << path << ": no answer";
      return out;
    }
    out.status = r->status;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    out.etag = r->get_header_value("ETag");
    if (out.body.is_object() && out.body.contains("error")) out.field = out.body["error"].value("field", "");
    return out;
  }
  Reply Send(const std::string& method, const std::string& path, const std::string& user, const json& body = nullptr,
             const std::string& if_match = "", const std::string& request_id = "") {
    httplib::Headers h = As(user).headers();
    if (!if_match.empty()) h.emplace("If-Match", if_match);
    if (!request_id.empty()) h.emplace("X-Request-Id", request_id);
    return SendWith(method, path, h, body.is_null() ? "" : body.dump());
  }
  json Expect(int status, const std::string& method, const std::string& path, const std::string& user,
              const json& body = nullptr, const std::string& if_match = "") {
    Reply r = Send(method, path, user, body, if_match);
    EXPECT_EQ(r.status, status) << method << " " << path << " as " << user << ": " << r.raw;
    return r.body;
  }

  // Aoba's answers: her post at Tohoku and a JSPS grant, with the efforts given.
  static json AobaDisclosure(int main_post_effort, int grant_effort) {
    return {{"as_of", "2026-11-15"},
            {"certification", {{"statement", kStatement}}},
            {"career",
             {{{"organisation", {{"name", "東北大学"}, {"country", "JP"}, {"organisation_id", ""}}},
               {"department", "金属材料研究所"},
               {"position", "准教授"},
               {"start", "2018-04"},
               {"end", ""},
               {"main_post", true},
               {"effort_percent", main_post_effort}}}},
            {"funding",
             {{{"funder", {{"name", "日本学術振興会"}, {"country", "JP"}, {"organisation_id", ""}}},
               {"programme", "科研費 基盤研究(B)"},
               {"title", "量子センサ用ダイヤモンドNV中心の高密度形成"},
               {"project_id", "24H00123"},
               {"role", "研究代表者"},
               {"start", "2024-04"},
               {"end", "2027-03"},
               {"effort_percent", grant_effort}}}}};
  }

  // A token the user makes with its session (scope institution.read); its secret.
  std::string MakeToken(const std::string& user, const std::string& name) {
    json made = Expect(201, "POST", "/v1/tokens", user, {{"name", name}, {"scopes", {"institution.read"}}});
    return made.value("token", "");
  }
  static httplib::Headers Bearer(const std::string& secret) { return {{"Authorization", "Bearer " + secret}}; }

  json History(const std::string& person, const std::string& user = "officer_sato") {
    return Expect(200, "GET", "/v1/people/" + person + "/disclosures", user);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::CaseStore> store_;
  std::unique_ptr<ApiServer> api_;
  std::map<std::string, ApiSession> sessions_;
  std::string lead_, aoba_, sato_, aoba_user_;
};

// ---- the researcher's own disclosure -----------------------------------------------------------

TEST_F(SelfServiceTest, ResearcherFilesOwnDisclosureInJapaneseAndTheOfficerSeesIt) {
  Reply before = Send("GET", "/v1/me/disclosures", "aoba");
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body["total"], 0);
  EXPECT_EQ(before.etag, "\"0\"");

  Reply filed = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(50, 20), before.etag, "req-own-1");
  ASSERT_EQ(filed.status, 201) << filed.raw;
  EXPECT_EQ(filed.etag, "\"1\"");
  EXPECT_EQ(filed.body["seq"], 1);
  EXPECT_EQ(filed.body["person_id"], aoba_);
  EXPECT_EQ(filed.body["tenant_id"], lead_);
  // The certification is the account's, stamped by the server.
  EXPECT_EQ(filed.body["certification"]["certified_by"], aoba_user_);
  EXPECT_EQ(filed.body["certification"]["statement"], kStatement);
  EXPECT_FALSE(filed.body["certification"]["certified_at"].get<std::string>().empty());

  Reply mine = Send("GET", "/v1/me/disclosures", "aoba");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["total"], 1);
  EXPECT_EQ(mine.etag, "\"1\"");
  EXPECT_EQ(mine.body["items"][0]["funding"][0]["title"], "量子センサ用ダイヤモンドNV中心の高密度形成");
  EXPECT_EQ(mine.body["items"][0]["career"][0]["department"], "金属材料研究所");

  // A correction: version 2, based on version 1.
  json corrected = AobaDisclosure(60, 20);
  corrected["side_jobs"] = {
      {{"organisation", {{"name", "株式会社みちのく量子"}, {"country", "JP"}, {"organisation_id", ""}}},
       {"position", "技術顧問"},
       {"start", "2026-11"},
       {"end", ""},
       {"effort_percent", 5}}};
  Reply second = Send("POST", "/v1/me/disclosures", "aoba", corrected, mine.etag);
  ASSERT_EQ(second.status, 201) << second.raw;
  EXPECT_EQ(second.body["seq"], 2);

  // The officer sees both versions and their diff; the export-control officer reads them too.
  json seen = History(aoba_);
  ASSERT_EQ(seen["total"], 2);
  EXPECT_EQ(seen["items"][1]["side_jobs"][0]["organisation"]["name"], "株式会社みちのく量子");
  json diff = Expect(200, "GET", "/v1/people/" + aoba_ + "/disclosures/diff?from=1&to=2", "officer_sato");
  EXPECT_NE(diff.dump().find("side_jobs"), std::string::npos) << diff.dump();
  EXPECT_EQ(History(aoba_, "export_suzuki")["total"], 2);

  // The audit trail names the researcher's account and the request.
  auto audit = storage::AuditHistory(*db_, "disclosures", filed.body["id"].get<std::string>());
  ASSERT_TRUE(audit) << audit.error().ToString();
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "insert");
  EXPECT_EQ((*audit)[0].actor, aoba_user_);
  EXPECT_EQ((*audit)[0].request_id.value_or(""), "req-own-1");
  auto verified = storage::VerifyAudit(*db_);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->reason;
}

TEST_F(SelfServiceTest, AStaleOrMissingVersionIsRefusedAndNothingIsWritten) {
  ASSERT_EQ(Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(50, 20), "\"0\"").status, 201);
  // Someone (the researcher in another tab) filed version 2 meanwhile.
  ASSERT_EQ(Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(55, 20), "\"1\"").status, 201);
  Reply stale = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(40, 20), "\"1\"");
  EXPECT_EQ(stale.status, 409) << stale.raw;
  EXPECT_EQ(stale.body["error"]["code"], "aborted");
  EXPECT_NE(stale.raw.find("version 1 is stale, current is 2"), std::string::npos) << stale.raw;
  Reply first_again = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(40, 20), "\"0\"");
  EXPECT_EQ(first_again.status, 409) << first_again.raw;
  Reply missing = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(40, 20));
  EXPECT_EQ(missing.status, 428) << missing.raw;
  EXPECT_EQ(missing.field, "If-Match");
  Reply weak = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(40, 20), "W/\"2\"");
  EXPECT_EQ(weak.status, 400) << weak.raw;
  json seen = History(aoba_);
  ASSERT_EQ(seen["total"], 2);
  EXPECT_EQ(seen["items"][1]["career"][0]["effort_percent"], 55);
}

TEST_F(SelfServiceTest, ValidationErrorsNameTheFieldAndWriteNothing) {
  Reply effort = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(90, 30), "\"0\"");
  EXPECT_EQ(effort.status, 422) << effort.raw;
  EXPECT_EQ(effort.field, "effort_percent");
  std::string message = effort.body["error"]["message"];
  EXPECT_NE(message.find("120 %"), std::string::npos) << message;
  EXPECT_NE(message.find("career[0]"), std::string::npos) << message;
  EXPECT_NE(message.find("funding[0]"), std::string::npos) << message;

  Reply one_row = Send("POST", "/v1/me/disclosures", "aoba", AobaDisclosure(150, 0), "\"0\"");
  EXPECT_EQ(one_row.status, 422) << one_row.raw;
  EXPECT_EQ(one_row.field, "career[0].effort_percent");

  json uncertified = AobaDisclosure(50, 20);
  uncertified["certification"] = {{"statement", "   "}};
  Reply blank = Send("POST", "/v1/me/disclosures", "aoba", uncertified, "\"0\"");
  EXPECT_EQ(blank.status, 422) << blank.raw;
  EXPECT_EQ(blank.field, "certification.statement");

  json future = AobaDisclosure(50, 20);
  future["as_of"] = "2099-04-01";
  Reply later = Send("POST", "/v1/me/disclosures", "aoba", future, "\"0\"");
  EXPECT_EQ(later.status, 422) << later.raw;
  EXPECT_EQ(later.field, "as_of");

  // Wrong types and unknown keys; items ⑫ ⑬ are not a field of a disclosure at all.
  json wrong = AobaDisclosure(50, 20);
  wrong["career"][0]["effort_percent"] = "五十";
  Reply typed = Send("POST", "/v1/me/disclosures", "aoba", wrong, "\"0\"");
  EXPECT_EQ(typed.status, 422) << typed.raw;
  json restricted = AobaDisclosure(50, 20);
  restricted["nationalities"] = {"JP"};
  Reply no_13 = Send("POST", "/v1/me/disclosures", "aoba", restricted, "\"0\"");
  EXPECT_EQ(no_13.status, 422) << no_13.raw;
  EXPECT_EQ(no_13.raw.find("\"JP\""), std::string::npos) << "never echoed: " << no_13.raw;
  Reply not_json = SendWith(
      "POST", "/v1/me/disclosures",
      [&] {
        auto h = As("aoba").headers();
        h.emplace("If-Match", "\"0\"");
        return h;
      }(),
      "{\"as_of\": \"2026-11-15\",");
  EXPECT_EQ(not_json.status, 400) << not_json.raw;
  EXPECT_EQ(History(aoba_)["total"], 0);
}

TEST_F(SelfServiceTest, AResearcherCannotWriteAnotherPersonsDisclosure) {
  // Naming someone else in the body of the own endpoint.
  json other = AobaDisclosure(50, 20);
  other["person_id"] = sato_;
  Reply named = Send("POST", "/v1/me/disclosures", "aoba", other, "\"0\"");
  EXPECT_EQ(named.status, 422) << named.raw;
  EXPECT_EQ(named.field, "person_id");
  // The officer's endpoint for anyone's disclosure is not the researcher's (the table: deny).
  Reply direct = Send("POST", "/v1/people/" + sato_ + "/disclosures", "aoba", AobaDisclosure(50, 20));
  EXPECT_EQ(direct.status, 403) << direct.raw;
  Reply read = Send("GET", "/v1/people/" + sato_ + "/disclosures", "aoba");
  EXPECT_EQ(read.status, 403) << read.raw;
  // Items ⑫ ⑬ stay the export-control officer's: the researcher can neither write nor read them.
  Reply restricted = Send("POST", "/v1/people/" + aoba_ + "/restricted-disclosures", "aoba",
                          {{"as_of", "2026-11-15"}, {"nationalities", {"JP"}}});
  EXPECT_EQ(restricted.status, 403) << restricted.raw;
  // Other roles do not file "own" disclosures, and an account without a person record has none.
  EXPECT_EQ(Send("POST", "/v1/me/disclosures", "officer_sato", AobaDisclosure(50, 20), "\"0\"").status, 403);
  api_->AddUser("unlinked", access::Role::kResearcher, lead_);
  Reply unlinked = Send("POST", "/v1/me/disclosures", "unlinked", AobaDisclosure(50, 20), "\"0\"");
  EXPECT_EQ(unlinked.status, 404) << unlinked.raw;
  // A researcher of another institution linked to a person id of this one finds nothing.
  api_->AddUser("kyoto_researcher", access::Role::kResearcher, "inst_kyoto", access::TenantKind::kInstitution, sato_);
  Reply foreign = Send("POST", "/v1/me/disclosures", "kyoto_researcher", AobaDisclosure(50, 20), "\"0\"");
  EXPECT_EQ(foreign.status, 404) << foreign.raw;
  EXPECT_EQ(History(sato_)["total"], 0);
  EXPECT_EQ(History(aoba_)["total"], 0);
}

TEST_F(SelfServiceTest, SqlLookingTextIsStoredVerbatimAndBreaksNothing) {
  json d = AobaDisclosure(50, 20);
  d["career"][0]["department"] = "'; DROP TABLE disclosures; --";
  d["funding"][0]["title"] = "量子\" OR 1=1 --";
  Reply filed = Send("POST", "/v1/me/disclosures", "aoba", d, "\"0\"");
  ASSERT_EQ(filed.status, 201) << filed.raw;
  json seen = History(aoba_);
  ASSERT_EQ(seen["total"], 1);
  EXPECT_EQ(seen["items"][0]["career"][0]["department"], "'; DROP TABLE disclosures; --");
  EXPECT_EQ(seen["items"][0]["funding"][0]["title"], "量子\" OR 1=1 --");
  EXPECT_EQ(History(sato_)["total"], 0);
}

// ---- the administrator's user endpoints ------------------------------------------------------

TEST_F(SelfServiceTest, AdministratorCreatesALinkedAccountThatFilesItsOwnDisclosureThenDisablesIt) {
  Reply made = Send("POST", "/v1/users", "admin_tohoku",
                    {{"username", "sato.ichiro"},
                     {"password", "Matsushima pine islands 260"},
                     {"display_name", "佐藤 一郎"},
                     {"email", "sato.ichiro@example.ac.jp"},
                     {"roles", {"researcher"}},
                     {"person_id", sato_}});
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.etag, "\"1\"");
  EXPECT_EQ(made.body["tenant_id"], lead_);
  EXPECT_EQ(made.body["person_id"], sato_);
  EXPECT_EQ(made.body["display_name"], "佐藤 一郎");
  EXPECT_FALSE(made.body.contains("password_hash"));
  EXPECT_EQ(made.raw.find("argon2"), std::string::npos);
  EXPECT_EQ(made.raw.find("Matsushima"), std::string::npos);
  const std::string id = made.body["id"];

  // The new account signs in and files its own disclosure.
  auto c = api_->Client();
  auto login =
      c.Post("/v1/session", json{{"username", "sato.ichiro"}, {"password", "Matsushima pine islands 260"}}.dump(),
             "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 201) << login->body;
  std::string set = login->get_header_value("Set-Cookie");
  ApiSession sato{set.substr(0, set.find(';')), json::parse(login->body)["csrf_token"]};
  httplib::Headers h = sato.headers();
  h.emplace("If-Match", "\"0\"");
  json d = AobaDisclosure(50, 20);
  d["career"][0]["position"] = "教授";
  Reply own = SendWith("POST", "/v1/me/disclosures", h, d.dump());
  ASSERT_EQ(own.status, 201) << own.raw;
  EXPECT_EQ(own.body["person_id"], sato_);
  EXPECT_EQ(History(sato_)["items"][0]["career"][0]["position"], "教授");

  // Listed, filtered by role; a stale PATCH is 409; a current one disables and the session dies.
  json listed = Expect(200, "GET", "/v1/users?role=researcher&sort=username", "admin_tohoku");
  std::vector<std::string> names;
  for (const json& u : listed["items"]) names.push_back(u["username"]);
  EXPECT_EQ(names, (std::vector<std::string>{"aoba", "sato.ichiro"}));
  EXPECT_EQ(listed.dump().find("argon2"), std::string::npos);
  Reply stale = Send("PATCH", "/v1/users/" + id, "admin_tohoku", {{"disabled", true}}, "\"7\"");
  EXPECT_EQ(stale.status, 409) << stale.raw;
  EXPECT_EQ(SendWith("GET", "/v1/session", sato.headers(), "").status, 200);
  Reply disabled = Send("PATCH", "/v1/users/" + id, "admin_tohoku", {{"disabled", true}}, made.etag);
  ASSERT_EQ(disabled.status, 200) << disabled.raw;
  EXPECT_EQ(disabled.body["disabled"], true);
  EXPECT_EQ(disabled.etag, "\"2\"");
  Reply after = SendWith("GET", "/v1/session", sato.headers(), "");
  EXPECT_EQ(after.status, 401) << after.raw;
  Reply cannot = SendWith("POST", "/v1/me/disclosures", h, d.dump());
  EXPECT_EQ(cannot.status, 401) << cannot.raw;
  EXPECT_EQ(History(sato_)["total"], 1);
  auto relogin =
      c.Post("/v1/session", json{{"username", "sato.ichiro"}, {"password", "Matsushima pine islands 260"}}.dump(),
             "application/json");
  ASSERT_TRUE(relogin);
  EXPECT_EQ(relogin->status, 401);

  // The list's filters and paging.
  json off = Expect(200, "GET", "/v1/users?disabled=true", "admin_tohoku");
  ASSERT_EQ(off["total"], 1);
  EXPECT_EQ(off["items"][0]["username"], "sato.ichiro");
  json linked = Expect(200, "GET", "/v1/users?person_id=" + aoba_, "admin_tohoku");
  ASSERT_EQ(linked["total"], 1);
  EXPECT_EQ(linked["items"][0]["username"], "aoba");
  json first = Expect(200, "GET", "/v1/users?limit=2&sort=-username", "admin_tohoku");
  EXPECT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["total"], 5);  // officer_sato, export_suzuki, admin_tohoku, aoba, sato.ichiro
  EXPECT_EQ(first["items"][0]["username"], "sato.ichiro");
  EXPECT_EQ(first["next_offset"], 2);
  Reply bad_role = Send("GET", "/v1/users?role=owner", "admin_tohoku");
  EXPECT_EQ(bad_role.status, 400) << bad_role.raw;
  EXPECT_EQ(bad_role.field, "role");
  Reply typo = Send("GET", "/v1/users?rol=researcher", "admin_tohoku");
  EXPECT_EQ(typo.status, 400) << typo.raw;
  EXPECT_EQ(typo.field, "rol");
}

TEST_F(SelfServiceTest, PasswordResetRevokesSessionsAndFollowsThePolicy) {
  ApiSession old = As("aoba");
  ASSERT_EQ(SendWith("GET", "/v1/session", old.headers(), "").status, 200);
  const std::string token = MakeToken("aoba", "開示の一括確認");
  ASSERT_EQ(SendWith("GET", "/v1/session", Bearer(token), "").status, 200);
  Reply weak = Send("POST", "/v1/users/" + aoba_user_ + "/password", "admin_tohoku", {{"password", "short"}});
  EXPECT_EQ(weak.status, 422) << weak.raw;
  EXPECT_EQ(weak.field, "password");
  Reply named =
      Send("POST", "/v1/users/" + aoba_user_ + "/password", "admin_tohoku", {{"password", "aoba-aoba-aoba-1"}});
  EXPECT_EQ(named.status, 422) << named.raw;
  EXPECT_EQ(SendWith("GET", "/v1/session", old.headers(), "").status, 200) << "a refused reset revokes nothing";
  EXPECT_EQ(SendWith("GET", "/v1/session", Bearer(token), "").status, 200) << "a refused reset revokes nothing";
  Reply reset = Send("POST", "/v1/users/" + aoba_user_ + "/password", "admin_tohoku",
                     {{"password", "Zuiganji cedar avenue 1609"}});
  EXPECT_EQ(reset.status, 204) << reset.raw;
  EXPECT_EQ(SendWith("GET", "/v1/session", old.headers(), "").status, 401);
  Reply by_token = SendWith("GET", "/v1/session", Bearer(token), "");
  EXPECT_EQ(by_token.status, 401) << "a token made before the reset dies with it";
  EXPECT_NE(by_token.raw.find("revoked"), std::string::npos) << by_token.raw;
  auto c = api_->Client();
  auto with_old = c.Post("/v1/session", json{{"username", "aoba"}, {"password", "Hirosaki apple orchard 7"}}.dump(),
                         "application/json");
  ASSERT_TRUE(with_old);
  EXPECT_EQ(with_old->status, 401);
  auto with_new = c.Post("/v1/session", json{{"username", "aoba"}, {"password", "Zuiganji cedar avenue 1609"}}.dump(),
                         "application/json");
  ASSERT_TRUE(with_new);
  EXPECT_EQ(with_new->status, 201) << with_new->body;
}

// "The user only forgot the password": revoke_api_tokens false keeps the scripts working (the
// sessions still go); a wrong type or an unknown member is 422 naming it and changes nothing.
TEST_F(SelfServiceTest, PasswordResetCanKeepTheUsersApiTokens) {
  ApiSession old = As("aoba");
  const std::string token = MakeToken("aoba", "夜間の e-Rad 取込");
  const std::string path = "/v1/users/" + aoba_user_ + "/password";
  Reply typed =
      Send("POST", path, "admin_tohoku", {{"password", "Zuiganji cedar avenue 1609"}, {"revoke_api_tokens", "no"}});
  EXPECT_EQ(typed.status, 422) << typed.raw;
  EXPECT_EQ(typed.field, "revoke_api_tokens");
  Reply unknown =
      Send("POST", path, "admin_tohoku", {{"password", "Zuiganji cedar avenue 1609"}, {"revoke_tokens", false}});
  EXPECT_EQ(unknown.status, 422) << unknown.raw;
  EXPECT_EQ(unknown.field, "revoke_tokens");
  EXPECT_EQ(SendWith("GET", "/v1/session", old.headers(), "").status, 200) << "a refused reset revokes nothing";
  Reply kept =
      Send("POST", path, "admin_tohoku", {{"password", "Zuiganji cedar avenue 1609"}, {"revoke_api_tokens", false}});
  EXPECT_EQ(kept.status, 204) << kept.raw;
  EXPECT_EQ(SendWith("GET", "/v1/session", old.headers(), "").status, 401);
  EXPECT_EQ(SendWith("GET", "/v1/session", Bearer(token), "").status, 200) << kept.raw;
  Reply revoking =
      Send("POST", path, "admin_tohoku", {{"password", "Matsushima pine islands 260"}, {"revoke_api_tokens", true}});
  EXPECT_EQ(revoking.status, 204) << revoking.raw;
  EXPECT_EQ(SendWith("GET", "/v1/session", Bearer(token), "").status, 401);
}

TEST_F(SelfServiceTest, AnotherTenantsUsersAreInvisibleToAnAdministrator) {
  Reply get = Send("GET", "/v1/users/" + aoba_user_, "admin_kyoto");
  EXPECT_EQ(get.status, 404) << get.raw;
  Reply patch = Send("PATCH", "/v1/users/" + aoba_user_, "admin_kyoto", {{"disabled", true}}, "\"1\"");
  EXPECT_EQ(patch.status, 404) << patch.raw;
  Reply reset =
      Send("POST", "/v1/users/" + aoba_user_ + "/password", "admin_kyoto", {{"password", "Kamogawa river delta 1200"}});
  EXPECT_EQ(reset.status, 404) << reset.raw;
  // Exactly the answer for an id that does not exist.
  Reply unknown = Send("GET", "/v1/users/user_nobody", "admin_kyoto");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(get.body["error"]["message"], "users/" + aoba_user_ + ": not found");
  EXPECT_EQ(unknown.body["error"]["message"], "users/user_nobody: not found");
  json kyoto = Expect(200, "GET", "/v1/users", "admin_kyoto");
  std::vector<std::string> names;
  for (const json& u : kyoto["items"]) {
    names.push_back(u["username"]);
    EXPECT_EQ(u["tenant_id"], "inst_kyoto") << u.dump();
  }
  EXPECT_EQ(names, (std::vector<std::string>{"admin_kyoto", "kyoto_officer"}));
  // A user created by Kyoto's administrator belongs to Kyoto, and cannot be linked to Tohoku's people.
  Reply linked = Send("POST", "/v1/users", "admin_kyoto",
                      {{"username", "kyoto.taro"},
                       {"password", "Kamogawa river delta 1200"},
                       {"roles", {"researcher"}},
                       {"person_id", aoba_}});
  EXPECT_EQ(linked.status, 422) << linked.raw;
  EXPECT_EQ(linked.field, "person_id");
  // The Tohoku user is untouched.
  Reply mine = Send("GET", "/v1/users/" + aoba_user_, "admin_tohoku");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body["disabled"], false);
  EXPECT_EQ(mine.etag, "\"1\"");
  EXPECT_EQ(SendWith("GET", "/v1/session", As("aoba").headers(), "").status, 200);
  // Only administrators administer.
  EXPECT_EQ(Send("GET", "/v1/users", "officer_sato").status, 403);
}

TEST_F(SelfServiceTest, HostileUserInputsAreRefusedAndChangeNothing) {
  auto count = [&] { return Expect(200, "GET", "/v1/users", "admin_tohoku")["total"].get<int>(); };
  int before = count();
  struct Case {
    json body;
    int status;
    std::string field;
  };
  const std::vector<Case> creates = {
      {{{"username", "x'; DROP TABLE users; --"}, {"password", "Hirosaki apple orchard 8"}, {"roles", {"reviewer"}}},
       422,
       "username"},
      {{{"username", "taro"}, {"password", 12345678901234}, {"roles", {"reviewer"}}}, 422, "password"},
      {{{"username", "taro"}, {"password", "Hirosaki apple orchard 8"}, {"roles", "reviewer"}}, 422, "roles"},
      {{{"username", "taro"}, {"password", "Hirosaki apple orchard 8"}, {"roles", {"owner"}}}, 422, "roles[0]"},
      {{{"username", "taro"}, {"password", "Hirosaki apple orchard 8"}, {"roles", json::array()}}, 422, "roles"},
      {{{"username", "taro"},
        {"password", "Hirosaki apple orchard 8"},
        {"roles", {"reviewer"}},
        {"tenant_id", "inst_kyoto"}},
       422,
       "tenant_id"},
      {{{"username", "taro"},
        {"password", "Hirosaki apple orchard 8"},
        {"roles", {"reviewer"}},
        {"password_hash", "$argon2id$v=19$m=8,t=1,p=1$x$y"}},
       422,
       "password_hash"},
      {{{"username", "Aoba"}, {"password", "Hirosaki apple orchard 8"}, {"roles", {"reviewer"}}}, 409, "username"},
      {{{"username", "taro"}, {"password", "Hirosaki apple orchard 8"}, {"roles", {"reviewer"}}, {"person_id", aoba_}},
       409,
       "person_id"},
      {{{"username", "taro"},
        {"password", "Hirosaki apple orchard 8"},
        {"roles", {"reviewer"}},
        {"person_id", "person_' OR '1'='1"}},
       422,
       "person_id"},
  };
  for (const Case& k : creates) {
    Reply r = Send("POST", "/v1/users", "admin_tohoku", k.body);
    EXPECT_EQ(r.status, k.status) << k.body.dump() << ": " << r.raw;
    EXPECT_EQ(r.field, k.field) << k.body.dump() << ": " << r.raw;
  }
  EXPECT_EQ(count(), before);

  const std::vector<Case> patches = {
      {{{"disabled", "yes"}}, 422, "disabled"},
      {{{"roles", {"administrator", 7}}}, 422, "roles[1]"},
      {{{"display_name", ""}}, 422, "display_name"},
      {{{"username", "renamed"}}, 422, "username"},
      {json::object(), 422, "body"},
      {{{"person_id", "person_\"; DELETE FROM people; --"}}, 422, "person_id"},
  };
  for (const Case& k : patches) {
    Reply r = Send("PATCH", "/v1/users/" + aoba_user_, "admin_tohoku", k.body, "\"1\"");
    EXPECT_EQ(r.status, k.status) << k.body.dump() << ": " << r.raw;
    EXPECT_EQ(r.field, k.field) << k.body.dump() << ": " << r.raw;
  }
  Reply not_json = SendWith(
      "PATCH", "/v1/users/" + aoba_user_,
      [&] {
        auto h = As("admin_tohoku").headers();
        h.emplace("If-Match", "\"1\"");
        return h;
      }(),
      "[1,2");
  EXPECT_EQ(not_json.status, 400) << not_json.raw;
  // An administrator cannot lock themselves out.
  Reply self = Send("GET", "/v1/users/user_admin_tohoku", "admin_tohoku");
  ASSERT_EQ(self.status, 200) << self.raw;
  Reply off = Send("PATCH", "/v1/users/user_admin_tohoku", "admin_tohoku", {{"disabled", true}}, self.etag);
  EXPECT_EQ(off.status, 409) << off.raw;
  EXPECT_EQ(off.field, "disabled");
  Reply demote = Send("PATCH", "/v1/users/user_admin_tohoku", "admin_tohoku", {{"roles", {"auditor"}}}, self.etag);
  EXPECT_EQ(demote.status, 409) << demote.raw;
  EXPECT_EQ(demote.field, "roles");

  // Display names with SQL in them are only text; roles change with the version read.
  Reply renamed =
      Send("PATCH", "/v1/users/" + aoba_user_, "admin_tohoku",
           {{"display_name", "青葉 花子'); DROP TABLE users; --"}, {"roles", {"researcher", "reviewer"}}}, "\"1\"");
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  EXPECT_EQ(renamed.body["display_name"], "青葉 花子'); DROP TABLE users; --");
  EXPECT_EQ(renamed.body["roles"], (json{"reviewer", "researcher"}));  // in the role table's order
  Reply aoba = Send("GET", "/v1/users/" + aoba_user_, "admin_tohoku");
  EXPECT_EQ(aoba.body["person_id"], aoba_);
  EXPECT_EQ(aoba.body["disabled"], false);
  EXPECT_EQ(aoba.etag, "\"2\"");
  EXPECT_EQ(count(), before);
}

}  // namespace
}  // namespace highfence::server
