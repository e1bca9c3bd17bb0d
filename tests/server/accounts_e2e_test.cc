// SPDX-License-Identifier: Apache-2.0
// Accounts on a real database through the real binary: `highfence user add` and `highfence serve`
// as child processes on loopback ports, driven over HTTP. Built twice: on SQLite
// (accounts_e2e_test, label e2e) and on a real PostgreSQL (accounts_pg_test, label pg), where two
// `serve` processes on different ports must behave as one system.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "storage/account_store.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "tests/server/serve_process.h"
#include "tests/storage/backends.h"
#include "tests/support/cli.h"
#include "tests/support/data.h"
#ifdef HF_ACCOUNTS_TEST_POSTGRES
#include "tests/support/postgres.h"
#endif

namespace highfence::testing {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "Hirosaki apple orchard 7";

#ifdef HF_ACCOUNTS_TEST_POSTGRES
using Backend = PostgresBackend;
#else
using Backend = SqliteBackend;
#endif

struct SignedIn {
  std::string cookie;  // "hf_session=…"
  std::string csrf;
  std::string user_id;
};

std::string CookieOf(const httplib::Result& r) {
  std::string set = r->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

class AccountsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = Backend::NewUrl(dir_);
    ASSERT_FALSE(url_.empty());
    CommandRun m = Highfence("db migrate --db " + Quote(url_), true);
    ASSERT_EQ(m.status, 0) << m.out;
    AddUserWithCli(url_, dir_, "sato.officer", "inst_tohoku", "--role security_officer --name '佐藤 一郎'", kPassword);
  }

  static httplib::Result Login(int port, const std::string& login, const std::string& password,
                               const std::string& request_id = "req-login") {
    httplib::Client c("127.0.0.1", port);
    json body = {{"username", login}, {"password", password}};
    return c.Post("/v1/session", httplib::Headers{{"X-Request-Id", request_id}}, body.dump(), "application/json");
  }
  static SignedIn MustLogin(int port, const std::string& login, const std::string& password = kPassword) {
    auto r = Login(port, login, password);
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    if (!r || r->status != 201) return {};
    json j = json::parse(r->body);
    return {CookieOf(r), j["csrf_token"], j["user"]["id"]};
  }
  static httplib::Headers With(const SignedIn& s, const std::string& request_id = "") {
    httplib::Headers h{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    if (!request_id.empty()) h.emplace("X-Request-Id", request_id);
    return h;
  }
  // A token made with the session (scope case.read): its id and secret.
  static std::pair<std::string, std::string> MakeToken(httplib::Client& c, const SignedIn& s, const std::string& name) {
    json body = {{"name", name}, {"scopes", {"case.read"}}};
    auto made = c.Post("/v1/tokens", With(s), body.dump(), "application/json");
    EXPECT_TRUE(made && made->status == 201) << (made ? made->body : "no response");
    if (!made || made->status != 201) return {};
    json j = json::parse(made->body);
    return {j["id"], j["token"]};
  }
  static httplib::Headers Bearer(const std::string& secret) { return {{"Authorization", "Bearer " + secret}}; }
  void ExpectAuditIntact() {
    CommandRun v = Highfence("audit verify --db " + Quote(url_), true);
    EXPECT_EQ(v.status, 0) << v.out;
    EXPECT_NE(v.out.find("intact"), std::string::npos) << v.out;
  }

  TempDir dir_;
  std::string url_;
};

TEST_F(AccountsE2eTest, SessionAndTokenFlowOnTheDatabaseIsAuditedWithRequestIds) {
  auto serve = ServeProcess::Start(url_, dir_, "serve");
  ASSERT_TRUE(serve);
  httplib::Client c("127.0.0.1", serve->port());
  auto wrong = Login(serve->port(), "sato.officer", "not the password at all");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  SignedIn s = MustLogin(serve->port(), "SATO.Officer");
  ASSERT_FALSE(s.cookie.empty());
  auto me = c.Get("/v1/session", With(s));
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(json::parse(me->body)["user"]["display_name"], "佐藤 一郎");

  // Without the CSRF header a cookie request that changes state is refused.
  auto no_csrf = c.Post("/v1/tokens", httplib::Headers{{"Cookie", s.cookie}},
                        R"({"name":"nightly","scopes":["case.read"]})", "application/json");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  auto made = c.Post("/v1/tokens", With(s, "req-token-create-7"),
                     R"({"name":"夜間の e-Rad 取込","scopes":["case.read"],"expires_in_days":30})", "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  json token = json::parse(made->body);
  const std::string secret = token["token"];
  const std::string token_id = token["id"];
  auto by_token = c.Get("/v1/session", httplib::Headers{{"Authorization", "Bearer " + secret}});
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->status, 200) << by_token->body;
  auto revoke = c.Delete("/v1/tokens/" + token_id, With(s, "req-token-revoke-8"));
  ASSERT_TRUE(revoke);
  EXPECT_EQ(revoke->status, 204) << revoke->body;
  auto revoked = c.Get("/v1/session", httplib::Headers{{"Authorization", "Bearer " + secret}});
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 401);
  EXPECT_NE(revoked->body.find("revoked"), std::string::npos) << revoked->body;
  auto out = c.Delete("/v1/session", With(s, "req-logout-9"));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  auto after = c.Get("/v1/session", With(s));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);

  // The audit trail names the user and the request of each account write, and holds no secret.
  auto db = storage::Database::Open(url_, {});
  ASSERT_TRUE(db);
  auto history = storage::AuditHistory(**db, "api_tokens", token_id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].actor, s.user_id);
  EXPECT_EQ((*history)[0].request_id.value_or(""), "req-token-create-7");
  EXPECT_EQ((*history)[1].request_id.value_or(""), "req-token-revoke-8");
  CommandRun exported = Highfence("audit export --db " + Quote(url_), true);
  EXPECT_EQ(exported.out.find(secret), std::string::npos);
  EXPECT_EQ(exported.out.find(kPassword), std::string::npos);
  EXPECT_NE(exported.out.find("req-logout-9"), std::string::npos) << exported.out;
  ExpectAuditIntact();
  EXPECT_EQ(serve->Terminate(), 0);
}

// Two `serve` processes on one database: a session made on one works on the other, writes
// interleaved through both are all kept, revocations and throttling apply everywhere.
TEST_F(AccountsE2eTest, PasswordResetFromTheCliRevokesApiTokensUnlessToldToKeepThem) {
  std::string secret;
  {
    auto serve = ServeProcess::Start(url_, dir_, "serve");
    ASSERT_TRUE(serve);
    httplib::Client c("127.0.0.1", serve->port());
    secret = MakeToken(c, MustLogin(serve->port(), "sato.officer"), "e-Rad nightly").second;
    ASSERT_FALSE(secret.empty());
  }
  auto passwd = [&](const std::string& password, const std::string& flags) {
    auto file = dir_.Write("new.password", password + "\n");
    return Highfence(
        "user passwd sato.officer " + flags + " --password-stdin --db " + Quote(url_) + " < " + Quote(file.string()),
        /*merge_stderr=*/true);
  };
  // The user only forgot the password: the script's token goes on working.
  CommandRun kept = passwd("Aomori snow festival 1", "--keep-api-tokens");
  ASSERT_EQ(kept.status, 0) << kept.out;
  EXPECT_EQ(kept.out.find("API tokens"), std::string::npos) << kept.out;
  {
    auto serve = ServeProcess::Start(url_, dir_, "serve");
    ASSERT_TRUE(serve);
    httplib::Client c("127.0.0.1", serve->port());
    auto by_token = c.Get("/v1/session", Bearer(secret));
    ASSERT_TRUE(by_token);
    EXPECT_EQ(by_token->status, 200) << by_token->body;
    auto old_password = Login(serve->port(), "sato.officer", kPassword);
    ASSERT_TRUE(old_password);
    EXPECT_EQ(old_password->status, 401);
    MustLogin(serve->port(), "sato.officer", "Aomori snow festival 1");
  }
  // A reset without the flag (a suspected compromise) revokes the token as well.
  CommandRun reset = passwd("Akita rice terraces 9", "");
  ASSERT_EQ(reset.status, 0) << reset.out;
  EXPECT_NE(reset.out.find("API tokens"), std::string::npos) << reset.out;
  {
    auto serve = ServeProcess::Start(url_, dir_, "serve");
    ASSERT_TRUE(serve);
    httplib::Client c("127.0.0.1", serve->port());
    auto by_token = c.Get("/v1/session", Bearer(secret));
    ASSERT_TRUE(by_token);
    EXPECT_EQ(by_token->status, 401) << by_token->body;
    MustLogin(serve->port(), "sato.officer", "Akita rice terraces 9");
  }
  ExpectAuditIntact();
}

TEST_F(AccountsE2eTest, TwoServeProcessesBehaveAsOneSystem) {
  // A reads every credential from the database; B keeps its default credential cache
  // (database.credential_cache_ms: a revocation made on another replica reaches B within it, one
  // made on B itself at once, docs/security.md).
  auto a = ServeProcess::Start(
      url_, dir_, "replica_a",
      {"--config",
       dir_.Write("a.toml", "[throttle]\naccount_free_failures = 2\n[database]\ncredential_cache_ms = 0\n").string()});
  auto b = ServeProcess::Start(url_, dir_, "replica_b",
                               {"--config", dir_.Write("b.toml", "[throttle]\naccount_free_failures = 2\n").string()});
  ASSERT_TRUE(a && b);
  ASSERT_NE(a->port(), b->port());
  SignedIn s = MustLogin(a->port(), "sato.officer");
  httplib::Client ca("127.0.0.1", a->port());
  httplib::Client cb("127.0.0.1", b->port());
  auto on_b = cb.Get("/v1/session", With(s));
  ASSERT_TRUE(on_b);
  EXPECT_EQ(on_b->status, 200) << "a session made on replica A must work on B: " << on_b->body;

  // Interleaved writes: both replicas create tokens at once with the same session.
  std::vector<std::string> ids[2];
  std::vector<std::string> secrets[2];
  std::vector<std::thread> threads;
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&, r] {
      httplib::Client c("127.0.0.1", r == 0 ? a->port() : b->port());
      for (int i = 0; i < 6; ++i) {
        json body = {{"name", "script " + std::to_string(r) + "-" + std::to_string(i)}, {"scopes", {"case.read"}}};
        auto made = c.Post("/v1/tokens", With(s), body.dump(), "application/json");
        ASSERT_TRUE(made);
        ASSERT_EQ(made->status, 201) << made->body;
        json j = json::parse(made->body);
        ids[r].push_back(j["id"]);
        secrets[r].push_back(j["token"]);
      }
    });
  }
  for (auto& t : threads) t.join();
  auto listed = ca.Get("/v1/tokens", With(s));
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200);
  std::set<std::string> seen;
  const json listed_json = json::parse(listed->body);
  for (const auto& t : listed_json["tokens"]) seen.insert(t["id"].get<std::string>());
  EXPECT_EQ(seen.size(), 12u) << "every token written through either replica is kept";
  for (int r = 0; r < 2; ++r)
    for (const auto& id : ids[r]) EXPECT_TRUE(seen.count(id)) << id;

  // A token revoked through B is refused by A at once; one made on B works on A.
  auto revoke = cb.Delete("/v1/tokens/" + ids[0][0], With(s));
  ASSERT_TRUE(revoke);
  EXPECT_EQ(revoke->status, 204);
  auto refused = ca.Get("/v1/session", httplib::Headers{{"Authorization", "Bearer " + secrets[0][0]}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto works = ca.Get("/v1/session", httplib::Headers{{"Authorization", "Bearer " + secrets[1][0]}});
  ASSERT_TRUE(works);
  EXPECT_EQ(works->status, 200);

  // Throttling counts failures of both replicas (after 2 failures a lock-out of 1 s, then 2 s …).
  for (int i = 0; i < 2; ++i) {
    auto f = Login(i % 2 ? b->port() : a->port(), "sato.officer", "wrong password " + std::to_string(i));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->status, 401) << f->body;
  }
  auto locked = Login(b->port(), "sato.officer", kPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "B saw one failure itself; the lock-out comes from the shared counts";
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());

  // Signing out on B ends the session on A, and on B itself at once although B had it cached.
  auto cached = cb.Get("/v1/session", With(s));
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 200);
  auto out = cb.Delete("/v1/session", With(s));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  auto gone = ca.Get("/v1/session", With(s));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 401);
  auto gone_on_b = cb.Get("/v1/session", With(s));
  ASSERT_TRUE(gone_on_b);
  EXPECT_EQ(gone_on_b->status, 401) << gone_on_b->body;
  EXPECT_EQ(a->Terminate(), 0);
  EXPECT_EQ(b->Terminate(), 0);
  ExpectAuditIntact();
}

// Optimistic versions across replicas: a write made with a version another replica has already
// replaced gets 409, and writers on both replicas that re-read and retry lose no update.
TEST_F(AccountsE2eTest, WritesThroughTwoReplicasLoseNoUpdate) {
  auto a = ServeProcess::Start(url_, dir_, "replica_a");
  auto b = ServeProcess::Start(url_, dir_, "replica_b");
  ASSERT_TRUE(a && b);
  SignedIn s = MustLogin(a->port(), "sato.officer");
  httplib::Client ca("127.0.0.1", a->port());
  httplib::Client cb("127.0.0.1", b->port());
  json person = {{"names", {{{"kind", "legal"}, {"script", "kanji"}, {"text", "山田 花子"}}}}};
  auto made = ca.Post("/v1/people", With(s), person.dump(), "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  const std::string id = json::parse(made->body)["id"];
  const std::string etag = made->get_header_value("ETag");
  ASSERT_EQ(etag, "\"1\"");

  // The same version 1 through A, then through B: B's write is stale.
  auto replace = [&](httplib::Client& c, const std::string& if_match, const json& body) {
    httplib::Headers h = With(s);
    h.emplace("If-Match", if_match);
    return c.Put("/v1/people/" + id, h, body.dump(), "application/json");
  };
  // A replacement leaves tenant_id out (it is the record's) and can never move the record.
  json moved = person;
  moved["tenant_id"] = "inst_kyoto";
  auto refused = replace(ca, etag, moved);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(json::parse(refused->body)["error"].value("field", ""), "tenant_id") << refused->body;
  json first = person;
  first["names"].push_back({{"kind", "romanised"}, {"script", "latin"}, {"text", "Hanako Yamada"}});
  auto won = replace(ca, etag, first);
  ASSERT_TRUE(won);
  EXPECT_EQ(won->status, 200) << won->body;
  json second = person;
  second["names"].push_back({{"kind", "romanised"}, {"script", "latin"}, {"text", "Yamada Hanako"}});
  auto stale = replace(cb, etag, second);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(json::parse(stale->body)["error"]["code"], "aborted") << stale->body;

  // Two writers per replica, each adding its own names: read, write with If-Match, retry on 409.
  constexpr int kWriters = 4, kEach = 4;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", w % 2 ? b->port() : a->port());
      for (int i = 0; i < kEach; ++i) {
        for (int attempt = 0; attempt < 200; ++attempt) {
          auto got = c.Get("/v1/people/" + id, With(s));
          ASSERT_TRUE(got && got->status == 200);
          json names = json::parse(got->body)["names"];
          names.push_back({{"kind", "romanised"},
                           {"script", "latin"},
                           {"text", "writer " + std::to_string(w) + " " + std::to_string(i)}});
          auto put = replace(c, got->get_header_value("ETag"), {{"names", names}});
          ASSERT_TRUE(put);
          if (put->status == 200) break;
          ASSERT_EQ(put->status, 409) << put->body;
          ++conflicts;
        }
      }
    });
  for (auto& t : writers) t.join();
  auto final_read = cb.Get("/v1/people/" + id, With(s));
  ASSERT_TRUE(final_read && final_read->status == 200);
  json final_person = json::parse(final_read->body);
  std::set<std::string> texts;
  for (const auto& n : final_person["names"]) texts.insert(n["text"].get<std::string>());
  for (int w = 0; w < kWriters; ++w)
    for (int i = 0; i < kEach; ++i)
      EXPECT_TRUE(texts.count("writer " + std::to_string(w) + " " + std::to_string(i)))
          << "lost update of writer " << w << " " << i << " (" << conflicts << " conflicts retried)";
  EXPECT_TRUE(texts.count("Hanako Yamada"));
  EXPECT_FALSE(texts.count("Yamada Hanako")) << "the stale write changed nothing";
  EXPECT_EQ(final_person["version"], 2 + kWriters * kEach);
  EXPECT_EQ(a->Terminate(), 0);
  EXPECT_EQ(b->Terminate(), 0);
  ExpectAuditIntact();
}

// The administrator's /v1/users on the database behind the real binary: create, sign in as the
// new user, disable (its session is refused at once), reset another's password (its sessions
// revoked), another tenant's administrator sees nothing; every write audited with the request.
TEST_F(AccountsE2eTest, AdministratorManagesUsersOverTheApiOnTheDatabase) {
  AddUserWithCli(url_, dir_, "abe.admin", "inst_tohoku", "--admin", kPassword);
  AddUserWithCli(url_, dir_, "kyoto.admin", "inst_kyoto", "--admin", kPassword);
  auto serve = ServeProcess::Start(url_, dir_, "users");
  ASSERT_TRUE(serve);
  const int port = serve->port();
  httplib::Client c("127.0.0.1", port);
  SignedIn admin = MustLogin(port, "abe.admin");
  SignedIn kyoto = MustLogin(port, "kyoto.admin");
  SignedIn sato = MustLogin(port, "sato.officer");

  json body = {{"username", "mori.hanako"},
               {"password", "Zuiganji cedar avenue 1609"},
               {"display_name", "森 花子"},
               {"email", "mori.hanako@example.ac.jp"},
               {"roles", {"reviewer"}}};
  auto made = c.Post("/v1/users", With(admin, "req-user-add-1"), body.dump(), "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  EXPECT_EQ(made->body.find("argon2"), std::string::npos) << made->body;
  json user = json::parse(made->body);
  const std::string id = user["id"];
  EXPECT_EQ(user["tenant_id"], "inst_tohoku");
  EXPECT_EQ(user["display_name"], "森 花子");
  const std::string etag = made->get_header_value("ETag");
  auto taken = c.Post("/v1/users", With(admin), body.dump(), "application/json");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 409) << taken->body;
  body["username"] = "ghost.user";
  body["person_id"] = "person_0000000000000000";
  auto ghost = c.Post("/v1/users", With(admin), body.dump(), "application/json");
  ASSERT_TRUE(ghost);
  EXPECT_EQ(ghost->status, 422) << ghost->body;
  EXPECT_EQ(json::parse(ghost->body)["error"]["field"], "person_id");

  SignedIn mori = MustLogin(port, "mori.hanako", "Zuiganji cedar avenue 1609");
  auto who = c.Get("/v1/session", With(mori));
  ASSERT_TRUE(who);
  EXPECT_EQ(who->status, 200);

  // Another tenant's administrator: as if the user did not exist.
  auto foreign = c.Get("/v1/users/" + id, With(kyoto));
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404) << foreign->body;
  httplib::Headers foreign_patch = With(kyoto);
  foreign_patch.emplace("If-Match", etag);
  auto foreign_off = c.Patch("/v1/users/" + id, foreign_patch, R"({"disabled":true})", "application/json");
  ASSERT_TRUE(foreign_off);
  EXPECT_EQ(foreign_off->status, 404) << foreign_off->body;
  auto kyoto_list = c.Get("/v1/users", With(kyoto));
  ASSERT_TRUE(kyoto_list);
  EXPECT_EQ(json::parse(kyoto_list->body)["total"], 1) << kyoto_list->body;

  // Stale, then current: disabled, and the session is refused at once.
  httplib::Headers stale = With(admin);
  stale.emplace("If-Match", "\"99\"");
  auto refused = c.Patch("/v1/users/" + id, stale, R"({"disabled":true})", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 409) << refused->body;
  httplib::Headers current = With(admin, "req-user-disable-2");
  current.emplace("If-Match", etag);
  auto off =
      c.Patch("/v1/users/" + id, current, R"({"disabled":true,"roles":["reviewer","auditor"]})", "application/json");
  ASSERT_TRUE(off);
  ASSERT_EQ(off->status, 200) << off->body;
  EXPECT_EQ(json::parse(off->body)["disabled"], true);
  auto after = c.Get("/v1/session", With(mori));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);

  // A password reset revokes the user's sessions and API tokens; the new password signs in.
  auto [sato_token_id, sato_token] = MakeToken(c, sato, "夜間の e-Rad 取込");
  ASSERT_EQ(c.Get("/v1/session", Bearer(sato_token))->status, 200);
  auto reset = c.Post("/v1/users/" + sato.user_id + "/password", With(admin, "req-user-reset-3"),
                      R"({"password":"Kamogawa river delta 1200"})", "application/json");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 204) << reset->body;
  auto sato_after = c.Get("/v1/session", With(sato));
  ASSERT_TRUE(sato_after);
  EXPECT_EQ(sato_after->status, 401);
  auto token_after = c.Get("/v1/session", Bearer(sato_token));
  ASSERT_TRUE(token_after);
  EXPECT_EQ(token_after->status, 401) << "a token made before the reset dies with it";
  auto relogin = Login(port, "sato.officer", "Kamogawa river delta 1200");
  ASSERT_TRUE(relogin);
  EXPECT_EQ(relogin->status, 201) << relogin->body;

  // "Only forgot the password": the sessions go, the scripts' token keeps working.
  SignedIn sato2 = MustLogin(port, "sato.officer", "Kamogawa river delta 1200");
  auto [kept_id, kept_token] = MakeToken(c, sato2, "monthly report");
  auto keep = c.Post("/v1/users/" + sato.user_id + "/password", With(admin, "req-user-reset-4"),
                     R"({"password":"Tadami river bridge 1971","revoke_api_tokens":false})", "application/json");
  ASSERT_TRUE(keep);
  EXPECT_EQ(keep->status, 204) << keep->body;
  EXPECT_EQ(c.Get("/v1/session", With(sato2))->status, 401);
  auto kept_after = c.Get("/v1/session", Bearer(kept_token));
  ASSERT_TRUE(kept_after);
  EXPECT_EQ(kept_after->status, 200) << kept_after->body;

  auto db = storage::Database::Open(url_, {});
  ASSERT_TRUE(db);
  storage::AccountStore rows(**db);
  EXPECT_TRUE(rows.FindApiToken(sato_token_id)->revoked) << "revoked_at set on the row";
  EXPECT_FALSE(rows.FindApiToken(kept_id)->revoked);
  auto token_history = storage::AuditHistory(**db, "api_tokens", sato_token_id);
  ASSERT_TRUE(token_history);
  ASSERT_EQ(token_history->size(), 2u);  // created by sato, revoked by the reset
  EXPECT_EQ((*token_history)[1].actor, admin.user_id);
  EXPECT_EQ((*token_history)[1].request_id.value_or(""), "req-user-reset-3");
  EXPECT_EQ(storage::AuditHistory(**db, "api_tokens", kept_id)->size(), 1u);
  auto history = storage::AuditHistory(**db, "users", id);
  ASSERT_TRUE(history);
  ASSERT_GE(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "insert");
  EXPECT_EQ((*history)[0].actor, admin.user_id);
  EXPECT_EQ((*history)[0].request_id.value_or(""), "req-user-add-1");
  bool disable_audited = false;
  for (const auto& r : *history)
    disable_audited = disable_audited || (r.action == "update" && r.actor == admin.user_id &&
                                          r.request_id.value_or("") == "req-user-disable-2");
  EXPECT_TRUE(disable_audited);
  auto sato_history = storage::AuditHistory(**db, "users", sato.user_id);
  ASSERT_TRUE(sato_history);
  EXPECT_EQ(sato_history->back().request_id.value_or(""), "req-user-reset-4");
  EXPECT_EQ(sato_history->back().actor, admin.user_id);
  ExpectAuditIntact();
}

#ifndef HF_ACCOUNTS_TEST_POSTGRES

TEST(AccountsFirstStartTest, FreshSqliteFileIsCreatedMigratedAndSaysHowToAddAnAdministrator) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "office.db").string();
  auto serve = ServeProcess::Start(url, dir, "first");
  ASSERT_TRUE(serve);
  std::string out = serve->Stdout();
  // Every migration compiled into the binary is applied on first start, whatever their number.
  EXPECT_NE(out.find("applied "), std::string::npos) << out;
  EXPECT_NE(out.find(" migration(s); schema is at version "), std::string::npos) << out;
  EXPECT_NE(out.find("no administrator yet"), std::string::npos) << out;
  EXPECT_NE(out.find("highfence user add LOGIN --tenant INSTITUTION_ID --admin --password-stdin --db " + url),
            std::string::npos)
      << out;
  httplib::Client c("127.0.0.1", serve->port());
  auto ready = c.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(serve->Terminate(), 0);
  // Once an administrator exists, the hint is gone.
  AddUserWithCli(url, dir, "kobayashi.admin", "inst_nii", "--admin", kPassword);
  auto again = ServeProcess::Start(url, dir, "second");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Stdout().find("no administrator yet"), std::string::npos) << again->Stdout();
  EXPECT_EQ(again->Stdout().find("applied"), std::string::npos) << again->Stdout();
}

TEST_F(AccountsE2eTest, SigtermFinishesTheSignInInFlight) {
  auto serve = ServeProcess::Start(url_, dir_, "graceful");
  ASSERT_TRUE(serve);
  // A sign-in verifies an argon2id hash of 64 MiB (~0.1 s): SIGTERM arrives while it runs.
  std::optional<std::pair<int, std::string>> answer;  // status, body
  std::atomic<bool> sent{false};
  std::thread client([&] {
    httplib::Client c("127.0.0.1", serve->port());
    json body = {{"username", "sato.officer"}, {"password", kPassword}};
    sent = true;
    auto r = c.Post("/v1/session", body.dump(), "application/json");
    if (r) answer = std::make_pair(r->status, r->body);
  });
  while (!sent) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  kill(serve->pid(), SIGTERM);
  client.join();
  ASSERT_TRUE(answer) << "the request in flight was dropped";
  EXPECT_EQ(answer->first, 201) << answer->second;
  EXPECT_EQ(serve->Terminate(), 0);
  EXPECT_NE(serve->Stdout().find("highfence: stopped"), std::string::npos) << serve->Stdout();
}

#else

TEST_F(AccountsE2eTest, ReplicaOnAnUnmigratedDatabaseIsNotReadyUntilMigrated) {
  TempDir& dir = dir_;
  const std::string url = PostgresServer::Get().NewDatabase();
  auto serve = ServeProcess::Start(url, dir, "unmigrated");
  ASSERT_TRUE(serve);
  EXPECT_NE(serve->Stdout().find("run `highfence db migrate`"), std::string::npos) << serve->Stdout();
  httplib::Client c("127.0.0.1", serve->port());
  auto before = c.Get("/readyz");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 503) << before->body;
  EXPECT_NE(before->body.find("schema at version 0"), std::string::npos) << before->body;
  CommandRun m = Highfence("db migrate --db " + Quote(url), true);
  ASSERT_EQ(m.status, 0) << m.out;
  auto after = c.Get("/readyz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;
  EXPECT_EQ(serve->Terminate(), 0);
}

// Last in this binary: it stops the test PostgreSQL.
TEST_F(AccountsE2eTest, ReadyzTurns503WhenPostgresIsStoppedAndSaysWhy) {
  auto serve = ServeProcess::Start(url_, dir_, "readyz");
  ASSERT_TRUE(serve);
  httplib::Client c("127.0.0.1", serve->port());
  auto ready = c.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  PostgresServer::Get().Stop();
  c.set_read_timeout(30, 0);
  auto down = c.Get("/readyz");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503) << down->body;
  json j = json::parse(down->body);
  EXPECT_EQ(j["checks"][0]["name"], "database");
  EXPECT_FALSE(j["checks"][0]["ok"].get<bool>());
  EXPECT_NE(j["checks"][0]["message"].get<std::string>().find("postgresql://"), std::string::npos) << down->body;
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << "the process is up; only readiness depends on the database";
  EXPECT_EQ(serve->Terminate(), 0);
}

#endif

}  // namespace
}  // namespace highfence::testing
