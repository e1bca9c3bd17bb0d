// SPDX-License-Identifier: Apache-2.0
// Accounts over HTTP: sign-in, cookies, CSRF, expiry, revocation, throttling, API tokens, and the
// role table walked over every route and every action as every role.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "server/account_routes.h"
#include "server/server.h"
#include "tests/server/in_memory_account_store.h"
#include "tests/support/data.h"

namespace highfence::server {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr char kPassword[] = "Hirosaki apple orchard 7";

struct Session {
  std::string cookie;  // "hf_session=…"
  std::string csrf;
};

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(Options o, auth::ThrottleOptions throttle = {}) {
    auth::PasswordOptions cheap;
    cheap.opslimit = 1;
    cheap.memlimit = 8 << 10;
    hasher_ = std::make_unique<auth::PasswordHasher>(cheap);
    auth::AccountsOptions ao;
    ao.password = cheap;
    ao.throttle = throttle;
    ao.session_idle = 30min;
    ao.session_absolute = 12h;
    ao.touch_interval = 0s;
    ao.clock = [this] { return start_ + std::chrono::seconds(offset_.load()); };
    accounts_ = std::make_unique<auth::Accounts>(store_, throttle_store_, ao);
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 8;
    o.log_path = (dir_.path() / "server.log").string();
    server_ = std::make_unique<Server>(o);
    AddAccountRoutes(*server_, *accounts_, {});
    AddProbeRoutes();
    for (access::Role r : access::kAllRoles) AddUser(std::string(access::RoleName(r)), {r}, "inst_tohoku");
    AddUser("kyoto_officer", {access::Role::kSecurityOfficer}, "inst_kyoto");
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().ToString();
    port_ = *port;
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void AddUser(const std::string& name, std::vector<access::Role> roles, const std::string& tenant) {
    auth::User u;
    u.username = name;
    u.display_name = name;
    u.roles = std::move(roles);
    u.tenant_id = tenant;
    u.person_id = "person_" + name;
    store_.AddUser(u, kPassword, *hasher_);
  }

  // GET /probe/<action>?scope=mine|theirs|foreign: the route's action and then Authorize on a
  // record that is the caller's own and assigned to them, a colleague's, or another tenant's.
  void AddProbeRoutes() {
    for (access::Action a : access::kAllActions) {
      server_->AddRoute({"GET", "/probe/" + std::string(access::ActionName(a)), Audience::kAction, a, BodyKind::kNone,
                         [a](Request& req) -> ApiResult<Response> {
                           const access::Principal& p = req.identity().principal;
                           access::ResourceScope s;
                           std::string scope = req.query("scope").value_or("mine");
                           s.tenant_id = scope == "foreign" ? "inst_other" : p.tenant_id;
                           s.owner_person_id = scope == "mine" ? p.person_id : "person_someone_else";
                           if (scope == "mine") s.assigned_user_ids = {p.user_id};
                           access::Decision d = access::Authorize(p, a, s);
                           if (!d.allowed()) return d.ToError();
                           return Response::Json(200, R"({"ok":true})");
                         }});
    }
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }

  httplib::Result Login(const std::string& user, const std::string& password, httplib::Headers headers = {}) {
    json body = {{"username", user}, {"password", password}};
    return Client().Post("/v1/session", headers, body.dump(), "application/json");
  }

  Session SignIn(const std::string& user) {
    auto res = Login(user, kPassword);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 201) << res->body;
    std::string set = res->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), json::parse(res->body).value("csrf_token", "")};
  }

  void Advance(std::chrono::seconds s) { offset_ += s.count(); }

  testing::TempDir dir_;
  testing::InMemoryAccountStore store_;
  auth::InMemoryThrottleStore throttle_store_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::Accounts> accounts_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  auth::TimePoint start_ = std::chrono::system_clock::now();
  std::atomic<int64_t> offset_{0};
};

TEST_F(AuthTest, LoginSetsAHardenedSessionCookieAndReturnsTheCsrfToken) {
  auto res = Login("researcher", kPassword);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("hf_session=", 0), 0u);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP from an untrusted peer";
  json body = json::parse(res->body);
  EXPECT_EQ(body["user"]["roles"], json::array({"researcher"}));
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
  // The cookie's secret is not what the store keeps.
  std::string secret = cookie.substr(11, cookie.find(';') - 11);
  EXPECT_EQ(store_.FindSession(secret).error().code, ErrorCode::kNotFound);
}

TEST_F(AuthTest, CookieIsSecureWhenATrustedProxySawHttps) {
  server_->Stop();
  Options o;
  o.trusted_proxies = {"127.0.0.1"};
  Start(o);
  auto res = Login("researcher", kPassword, {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGetTheSame401) {
  auto wrong = Login("researcher", "Hirosaki apple orchard 8");
  auto unknown = Login("nobody", kPassword);
  ASSERT_TRUE(wrong);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["error"]["message"], json::parse(unknown->body)["error"]["message"]);
  EXPECT_EQ(json::parse(wrong->body)["error"]["code"], "unauthenticated");
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));
}

TEST_F(AuthTest, MalformedAndIncompleteLoginBodiesNameTheField) {
  auto bad = Client().Post("/v1/session", R"({"username":"researcher","password":)", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["field"], "body");
  auto missing = Client().Post("/v1/session", R"({"username":"researcher"})", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 422);
  EXPECT_EQ(json::parse(missing->body)["error"]["field"], "password");
  auto typed = Client().Post("/v1/session", R"({"username":["researcher"],"password":"x"})", "application/json");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->status, 422);
  EXPECT_EQ(json::parse(typed->body)["error"]["field"], "username");
}

TEST_F(AuthTest, RepeatedFailuresAre429WithRetryAfterEvenForTheRightPassword) {
  server_->Stop();
  auth::ThrottleOptions t;
  t.account_free_failures = 3;
  t.base_delay = 8s;
  Start({}, t);
  for (int i = 0; i < 3; ++i) {
    auto r = Login("auditor", "not the password at all");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  auto locked = Login("auditor", kPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(locked->get_header_value("Retry-After"), "8");
  EXPECT_EQ(json::parse(locked->body)["error"]["code"], "resource_exhausted");
  Advance(9s);
  auto later = Login("auditor", kPassword);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 201);
}

TEST_F(AuthTest, SessionDiesAfterIdleTimeAndAfterItsAbsoluteLifetime) {
  Session s = SignIn("security_officer");
  auto me = Client().Get("/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["user"]["username"], "security_officer");
  Advance(31min);
  me = Client().Get("/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  EXPECT_NE(json::parse(me->body)["error"]["message"].get<std::string>().find("without use"), std::string::npos);

  Session t = SignIn("security_officer");
  for (int i = 0; i < 24; ++i) {
    Advance(29min);
    me = Client().Get("/v1/session", {{"Cookie", t.cookie}});
    ASSERT_TRUE(me);
    ASSERT_EQ(me->status, 200) << i;
  }
  Advance(25min);
  me = Client().Get("/v1/session", {{"Cookie", t.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(AuthTest, StateChangingRequestWithTheCookieNeedsTheCsrfToken) {
  Session s = SignIn("researcher");
  auto no_token = Client().Delete("/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(json::parse(no_token->body)["error"]["field"], "X-CSRF-Token");
  auto wrong = Client().Post("/v1/tokens", {{"Cookie", s.cookie}, {"X-CSRF-Token", std::string(43, 'A')}},
                             R"({"name":"x","scopes":["lists.check"]})", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  // Reads need no token.
  auto me = Client().Get("/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
}

TEST_F(AuthTest, LogoutRevokesTheSessionServerSide) {
  Session s = SignIn("reviewer");
  auto out = Client().Delete("/v1/session", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  // A client that kept the cookie gets nothing with it.
  auto me = Client().Get("/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  EXPECT_NE(json::parse(me->body)["error"]["message"].get<std::string>().find("revoked"), std::string::npos);
}

TEST_F(AuthTest, ApiTokenIsShownOnceStoredHashedScopedAndRevocable) {
  Session s = SignIn("security_officer");
  httplib::Headers h = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  auto made =
      Client().Post("/v1/tokens", h, R"({"name":"e-Rad nightly import","scopes":["lists.read"]})", "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  json tok = json::parse(made->body);
  std::string secret = tok["token"];
  EXPECT_EQ(secret.rfind("hfk_" + tok["id"].get<std::string>() + "_", 0), 0u);
  EXPECT_EQ(tok["scopes"], json::array({"lists.read"}));

  auto list = Client().Get("/v1/tokens", {{"Cookie", s.cookie}});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body.find(secret), std::string::npos) << "secret listed again";
  EXPECT_EQ(json::parse(list->body)["tokens"][0]["prefix"], "hfk_" + tok["id"].get<std::string>());

  httplib::Headers bearer = {{"Authorization", "Bearer " + secret}};
  auto me = Client().Get("/v1/session", bearer);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["auth"], "token");
  auto in_scope = Client().Get("/probe/lists.read", bearer);
  ASSERT_TRUE(in_scope);
  EXPECT_EQ(in_scope->status, 200);
  auto out_of_scope = Client().Get("/probe/case.read", bearer);
  ASSERT_TRUE(out_of_scope);
  EXPECT_EQ(out_of_scope->status, 403);
  EXPECT_NE(json::parse(out_of_scope->body)["error"]["message"].get<std::string>().find("scope"), std::string::npos);
  auto no_manage = Client().Get("/v1/tokens", bearer);
  ASSERT_TRUE(no_manage);
  EXPECT_EQ(no_manage->status, 403);

  auto revoked = Client().Delete("/v1/tokens/" + tok["id"].get<std::string>(), h);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 204);
  auto after = Client().Get("/probe/lists.read", bearer);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(AuthTest, TokenCannotBeGrantedMoreThanTheOwnersRoles) {
  Session s = SignIn("researcher");
  auto made = Client().Post("/v1/tokens", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}},
                            R"({"name":"x","scopes":["disclosure.read_own","restricted.read"]})", "application/json");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->status, 403);
  json err = json::parse(made->body)["error"];
  EXPECT_EQ(err["field"], "scopes");
  EXPECT_NE(err["message"].get<std::string>().find("restricted.read"), std::string::npos);
  auto unknown = Client().Post("/v1/tokens", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}},
                               R"({"name":"x","scopes":["case.delete"]})", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422);
  EXPECT_EQ(json::parse(unknown->body)["error"]["field"], "scopes[0]");
}

TEST_F(AuthTest, AnotherUsersTokenCannotBeRevokedAndLooksAbsent) {
  Session a = SignIn("security_officer");
  auto made = Client().Post("/v1/tokens", {{"Cookie", a.cookie}, {"X-CSRF-Token", a.csrf}},
                            R"({"name":"x","scopes":["lists.read"]})", "application/json");
  ASSERT_TRUE(made);
  std::string id = json::parse(made->body)["id"];
  Session b = SignIn("auditor");
  auto res = Client().Delete("/v1/tokens/" + id, {{"Cookie", b.cookie}, {"X-CSRF-Token", b.csrf}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

// The role table over HTTP: every action as every role, on the caller's own record, a
// colleague's and another institution's; and anonymously.
TEST_F(AuthTest, EveryRoleTimesEveryActionAnswersAsTheTableSays) {
  std::map<access::Role, Session> sessions;
  for (access::Role r : access::kAllRoles) sessions[r] = SignIn(std::string(access::RoleName(r)));
  auto c = Client();
  int checked = 0;
  for (access::Action a : access::kAllActions) {
    std::string path = "/probe/" + std::string(access::ActionName(a));
    auto anon = c.Get(path);
    ASSERT_TRUE(anon);
    EXPECT_EQ(anon->status, 401) << path;
    for (access::Role r : access::kAllRoles) {
      access::Grant g = access::GrantFor(r, a);
      std::string cell = std::string(access::RoleName(r)) + " × " + std::string(access::ActionName(a));
      auto get = [&](const char* scope) {
        auto res = c.Get(path + "?scope=" + scope, {{"Cookie", sessions[r].cookie}});
        EXPECT_TRUE(res) << cell;
        ++checked;
        return res ? res->status : -1;
      };
      EXPECT_EQ(get("mine"), g == access::Grant::kDeny ? 403 : 200) << cell;
      EXPECT_EQ(get("theirs"), g == access::Grant::kDeny ? 403 : g == access::Grant::kAllow ? 200 : 404) << cell;
      EXPECT_EQ(get("foreign"), g == access::Grant::kDeny ? 403 : 404) << cell;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(access::kAllActions.size() * access::kAllRoles.size() * 3));
}

// Every registered route: anonymous callers get 401 unless the route is public, and a role the
// table denies gets 403 before the handler runs.
TEST_F(AuthTest, EveryRegisteredRouteEnforcesAuthenticationAndItsAction) {
  auto c = Client();
  for (const Route& route : server_->Routes()) {
    std::map<access::Role, Session> sessions;  // fresh: DELETE /v1/session signs out
    for (access::Role r : access::kAllRoles) sessions[r] = SignIn(std::string(access::RoleName(r)));
    std::string path = route.pattern;
    for (size_t brace; (brace = path.find('{')) != std::string::npos;)  // each {name} segment, the rest kept
      path.replace(brace, path.find('}', brace) - brace + 1, "x0000");
    auto call = [&](httplib::Headers h) {
      if (route.method == "GET") return c.Get(path, h);
      if (route.method == "DELETE") return c.Delete(path, h);
      if (route.method == "PUT") return c.Put(path, h, "{}", "application/json");
      if (route.method == "PATCH") return c.Patch(path, h, "{}", "application/json");
      return c.Post(path, h, "{}", "application/json");
    };
    auto anon = call({});
    ASSERT_TRUE(anon) << route.method << " " << route.pattern;
    if (route.audience == Audience::kPublic) {
      EXPECT_NE(anon->status, 401) << route.method << " " << route.pattern;
      continue;
    }
    EXPECT_EQ(anon->status, 401) << route.method << " " << route.pattern;
    for (access::Role r : access::kAllRoles) {
      auto res = call({{"Cookie", sessions[r].cookie}, {"X-CSRF-Token", sessions[r].csrf}});
      ASSERT_TRUE(res);
      bool denied = route.audience == Audience::kAction && access::GrantFor(r, *route.action) == access::Grant::kDeny;
      if (denied)
        EXPECT_EQ(res->status, 403) << access::RoleName(r) << " " << route.method << " " << route.pattern;
      else
        EXPECT_NE(res->status, 403) << access::RoleName(r) << " " << route.method << " " << route.pattern << " "
                                    << res->body;
      EXPECT_NE(res->status, 401) << access::RoleName(r) << " " << route.method << " " << route.pattern;
    }
  }
}

TEST_F(AuthTest, AnotherInstitutionsOfficerSeesForeignRecordsAs404) {
  Session kyoto = SignIn("kyoto_officer");
  auto res = Client().Get("/probe/case.read?scope=foreign", {{"Cookie", kyoto.cookie}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "not_found");
}

}  // namespace
}  // namespace highfence::server
