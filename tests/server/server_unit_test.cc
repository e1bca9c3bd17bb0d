// SPDX-License-Identifier: Apache-2.0
// Pure parts of the server: the error mapping, route patterns, proxy trust, admission, metrics,
// JSON bodies, and the in-process path of a request (Server::ServeInProcess, what
// api_routes_fuzzer drives).
#include "server/api_error.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include <stdexcept>

#include "server/actor.h"
#include "server/etag.h"
#include "server/internal/admission.h"
#include "server/internal/json_body.h"
#include "server/internal/proxy_trust.h"
#include "server/metrics.h"
#include "server/routes.h"
#include "server/server.h"

namespace highfence::server {
namespace {

TEST(ErrorMappingTest, EveryCodeHasItsHttpStatus) {
  struct Case {
    ErrorCode code;
    int status;
  } cases[] = {
      {ErrorCode::kInvalidArgument, 400},    {ErrorCode::kUnauthenticated, 401},   {ErrorCode::kPermissionDenied, 403},
      {ErrorCode::kNotFound, 404},           {ErrorCode::kAborted, 409},           {ErrorCode::kAlreadyExists, 409},
      {ErrorCode::kFailedPrecondition, 409}, {ErrorCode::kResourceExhausted, 429}, {ErrorCode::kUnavailable, 503},
      {ErrorCode::kDataLoss, 500},           {ErrorCode::kInternal, 500},          {ErrorCode::kUnimplemented, 501}};
  for (const Case& c : cases) EXPECT_EQ(HttpStatusFor(c.code), c.status) << ErrorCodeName(c.code);
}

TEST(ErrorMappingTest, OverridesKeepTheCodeAndNameTheField) {
  ApiError e = ApiError::Unprocessable("scopes[1]", "unknown action");
  EXPECT_EQ(e.HttpStatus(), 422);
  EXPECT_EQ(e.WireCode(), "invalid_argument");
  EXPECT_EQ(e.field, "scopes[1]");
  ApiError big = ApiError::TooLarge("too big");
  EXPECT_EQ(big.HttpStatus(), 413);
  EXPECT_EQ(big.WireCode(), "payload_too_large");
  ApiError stale = MakeError(ErrorCode::kAborted, "cases/case_1: version 3 is stale, current is 4");
  EXPECT_EQ(stale.HttpStatus(), 409);
  EXPECT_EQ(stale.WireCode(), "aborted");
}

TEST(RoutePatternTest, MatchesLiteralAndParameterSegments) {
  std::map<std::string, std::string, std::less<>> p;
  EXPECT_TRUE(MatchPattern("/v1/cases/{id}/decisions", "/v1/cases/case_3f9a/decisions", &p));
  EXPECT_EQ(p["id"], "case_3f9a");
  EXPECT_FALSE(MatchPattern("/v1/cases/{id}", "/v1/cases/", nullptr));
  EXPECT_FALSE(MatchPattern("/v1/cases/{id}", "/v1/cases/a/b", nullptr));
  EXPECT_FALSE(MatchPattern("/v1/cases", "/v1/cases/", nullptr));
  EXPECT_TRUE(MatchPattern("/healthz", "/healthz", nullptr));
  EXPECT_FALSE(MatchPattern("/healthz", "/healthzz", nullptr));
}

TEST(ProxyTrustTest, CidrBlocksAndExactAddressesForBothFamilies) {
  auto t = internal::ProxyTrust::Parse({"10.0.0.0/8", "192.0.2.10", "fd00::/8", "::1"});
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(t->Trusted("10.200.3.4"));
  EXPECT_FALSE(t->Trusted("11.0.0.1"));
  EXPECT_TRUE(t->Trusted("192.0.2.10"));
  EXPECT_FALSE(t->Trusted("192.0.2.11"));
  EXPECT_TRUE(t->Trusted("fd12:3456::1"));
  EXPECT_TRUE(t->Trusted("::1"));
  EXPECT_FALSE(t->Trusted("not-an-address"));
}

TEST(ProxyTrustTest, ClientIsTheRightMostUntrustedHop) {
  auto t = internal::ProxyTrust::Parse({"10.0.0.0/8"});
  ASSERT_TRUE(t.has_value());
  // The left-most entry is whatever the client claimed; only hops added by our proxies count.
  EXPECT_EQ(t->ClientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.1.1.1"), "203.0.113.9");
  EXPECT_EQ(t->ClientAddress("203.0.113.50", "198.51.100.1"), "203.0.113.50");
  EXPECT_EQ(t->ClientAddress("10.0.0.5", ""), "10.0.0.5");
  EXPECT_EQ(t->ClientAddress("10.0.0.5", "garbage"), "10.0.0.5");
}

TEST(ProxyTrustTest, RejectsEntriesThatAreNotAddressesNamingThem) {
  auto t = internal::ProxyTrust::Parse({"proxy.example"});
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(t.error().message.find("proxy.example"), std::string::npos);
}

TEST(JsonBodyTest, RejectsNonObjectsDeepNestingAndBadUtf8InTheBody) {
  for (std::string_view body : {"[1,2]", "\"x\"", "", "{\"a\":\"\xff\"}", "{\"a\":1"}) {
    auto r = internal::ParseJsonObject(body);
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().HttpStatus(), 400);
    EXPECT_EQ(r.error().field, "body");
  }
  // Found by api_routes_fuzzer and request_body_fuzzer (POST /v1/proposals/{id}/state {"to": -2e+308} answered 500):
  // nlohmann throws out_of_range, not parse_error, for a number beyond a double.
  for (std::string_view body :
       {R"({"to": -2e+308})", R"({"a":[1e999]})", R"({"expires_in_days": 111000000.00182102e+79467})"}) {
    auto big = internal::ParseJsonObject(body);
    ASSERT_FALSE(big.has_value()) << body;
    EXPECT_EQ(big.error().HttpStatus(), 400) << body;
    EXPECT_EQ(big.error().field, "body");
    EXPECT_NE(big.error().message.find("out of range"), std::string::npos) << big.error().message;
  }
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  auto r = internal::ParseJsonObject(deep);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("nested deeper"), std::string::npos);
}

TEST(JsonBodyTest, FieldErrorsAre422AndNameTheField) {
  auto obj = internal::ParseJsonObject(R"({"name":"東北大学","scopes":["case.read",7],"days":-1,"x":1})");
  ASSERT_TRUE(obj.has_value());
  auto unknown = internal::RejectUnknownFields(*obj, {"name", "scopes", "days"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "x");
  EXPECT_EQ(unknown.error().HttpStatus(), 422);
  // An empty member name is still named; a long one is cut at a code point, never inside one.
  auto empty = internal::RejectUnknownFields(*internal::ParseJsonObject(R"({"":true})"), {"name"});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field, "\"\"");
  std::string long_key;
  for (int i = 0; i < 150; ++i) long_key += "研";
  auto cut = internal::RejectUnknownFields(*internal::ParseJsonObject("{\"" + long_key + "\":1}"), {"name"});
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().field.size(), 100u * 3);
  EXPECT_EQ(internal::CodePoints(cut.error().field), 100u);
  auto scopes = internal::StringArray(*obj, "scopes", 10, 50);
  ASSERT_FALSE(scopes.has_value());
  EXPECT_EQ(scopes.error().field, "scopes[1]");
  auto days = internal::OptionalInt(*obj, "days", 1, 365);
  ASSERT_FALSE(days.has_value());
  EXPECT_EQ(days.error().field, "days");
  // Four kanji are four characters, not twelve bytes.
  EXPECT_TRUE(internal::RequiredString(*obj, "name", 4).has_value());
  EXPECT_FALSE(internal::RequiredString(*obj, "name", 3).has_value());
  auto missing = internal::RequiredString(*obj, "password", 100);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "password");
  EXPECT_EQ(missing.error().message, "required");
}

// Waits (bounded) until `admission` has `n` waiters.
bool WaitForWaiters(const internal::Admission& admission, int n) {
  for (int i = 0; i < 5000 && admission.Waiting() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return admission.Waiting() == n;
}

TEST(AdmissionTest, WaitersAreAdmittedInArrivalOrder) {
  internal::Admission admission(1);
  admission.Acquire();
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      admission.Acquire();
      {
        std::lock_guard lock(mu);
        order.push_back(i);
      }
      admission.Release();
    });
    ASSERT_TRUE(WaitForWaiters(admission, i + 1));  // thread i is queued before thread i + 1 starts
  }
  EXPECT_EQ(admission.InUse(), 1);
  admission.Release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(admission.InUse(), 0);
  EXPECT_EQ(admission.Waiting(), 0);
}

TEST(AdmissionTest, NeverMoreThanThePermitsAtOnce) {
  internal::Admission admission(3);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) {
        admission.Acquire();
        int now = ++inside;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::yield();
        --inside;
        admission.Release();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 1);
  EXPECT_EQ(admission.InUse(), 0);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Histogram h({0.01, 0.1, 1});
  h.Observe(0.005);
  h.Observe(0.05);
  h.Observe(0.05);
  h.Observe(5);
  std::string out;
  h.Render("t", "", &out);
  EXPECT_NE(out.find("t_bucket{le=\"0.01\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_bucket{le=\"0.1\"} 3\n"), std::string::npos);
  EXPECT_NE(out.find("t_bucket{le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(out.find("t_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(out.find("t_count 4\n"), std::string::npos);
}

}  // namespace
}  // namespace highfence::server

namespace highfence::server {
namespace {

Request WithIfMatch(httplib::Request& raw, const char* value) {
  if (value) raw.set_header("If-Match", value);
  return Request(raw, "req-1", "127.0.0.1", false);
}

TEST(ETagTest, VersionsRoundTripAndMalformedTagsNameTheHeader) {
  EXPECT_EQ(ETagFor(7), "\"7\"");
  httplib::Request a;
  auto v = IfMatchVersion(WithIfMatch(a, "\"7\""));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(**v, 7);
  for (const char* bad : {"7", "W/\"7\"", "\"7\", \"8\"", "*", "\"-1\"", "\"\""}) {
    httplib::Request r;
    auto e = IfMatchVersion(WithIfMatch(r, bad));
    ASSERT_FALSE(e.has_value()) << bad;
    EXPECT_EQ(e.error().HttpStatus(), 400);
    EXPECT_EQ(e.error().field, "If-Match");
  }
}

TEST(ETagTest, AWriteWithoutIfMatchIs428AndAStaleOneMapsTo409) {
  httplib::Request r;
  auto missing = RequireIfMatch(WithIfMatch(r, nullptr));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().HttpStatus(), 428);
  EXPECT_EQ(missing.error().WireCode(), "precondition_required");
  // What storage answers for a stale version (decision 0003).
  ApiError stale = MakeError(ErrorCode::kAborted, "cases/case_3f9a2c1b7d4e5f60: version 3 is stale, current is 4");
  EXPECT_EQ(stale.HttpStatus(), 409);
}

}  // namespace
}  // namespace highfence::server

namespace highfence::server {
namespace {

httplib::Response Serve(Server& s, const std::string& method, const std::string& path, const std::string& body = "",
                        httplib::Headers headers = {}) {
  httplib::Request raw;
  raw.method = method;
  raw.path = path;
  raw.headers = std::move(headers);
  raw.body = body;
  if (!body.empty()) raw.set_header("Content-Length", std::to_string(body.size()));
  httplib::Response res;
  s.ServeInProcess(raw, res);
  return res;
}

std::string WireCodeOf(const httplib::Response& res) {
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "<not an error body>";
}

TEST(ServeInProcessTest, RoutesGatesLimitsAndMapsErrorsAsTheListenerDoes) {
  Options o;
  o.max_body_bytes = 64;
  o.log_level = "off";
  Server s(o);
  s.AddRoute({"POST", "/v1/echo/{id}", Audience::kAuthenticated, std::nullopt, BodyKind::kJson,
              [](Request& req) -> ApiResult<Response> {
                if (req.body() == "throw") throw std::runtime_error("boom");
                return Response::Json(201, "{\"id\":\"" + req.PathParam("id") + "\",\"user\":\"" +
                                               req.identity().principal.user_id + "\"}");
              }});
  s.SetAuthenticator([](const Request& req) -> ApiResult<Identity> {
    if (req.header("Authorization") != "Bearer hfk_ok")
      return ApiError(MakeError(ErrorCode::kUnauthenticated, "unknown API token"));
    Identity id;
    id.method = AuthMethod::kToken;
    id.principal.user_id = "user_aoba";
    return id;
  });
  httplib::Headers token = {{"Authorization", "Bearer hfk_ok"}};

  auto ok = Serve(s, "POST", "/v1/echo/case_1", "{}", token);
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(ok.body, R"({"id":"case_1","user":"user_aoba"})");
  EXPECT_EQ(Serve(s, "GET", "/healthz").status, 200);
  EXPECT_EQ(Serve(s, "POST", "/v1/echo/case_1", "{}").status, 401);
  auto missing = Serve(s, "GET", "/v1/nowhere", "", token);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(WireCodeOf(missing), "not_found");
  auto wrong = Serve(s, "GET", "/v1/echo/case_1", "", token);
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.get_header_value("Allow"), "POST");
  auto big = Serve(s, "POST", "/v1/echo/case_1", std::string(65, 'x'), token);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(WireCodeOf(big), "payload_too_large");
  auto thrown = Serve(s, "POST", "/v1/echo/case_1", "throw", token);
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(thrown.body.find("boom"), std::string::npos) << "a 500's detail stays in the log";
}

TEST(ActorOfTest, NamesTheSignedInUserAndTheRequestId) {
  httplib::Request raw;
  Request req(raw, "req-7f3a", "127.0.0.1", false);
  Identity id;
  id.method = AuthMethod::kSession;
  id.principal.user_id = "user_0123456789abcdef";
  req.set_identity(id);
  storage::Actor actor = ActorOf(req);
  EXPECT_EQ(actor.id, "user_0123456789abcdef");
  EXPECT_EQ(actor.request_id, "req-7f3a");
}

TEST(ActorOfTest, AnonymousRequestIsNeverAnEmptyActor) {
  httplib::Request raw;
  Request req(raw, "req-0001", "127.0.0.1", false);
  storage::Actor actor = ActorOf(req);
  EXPECT_EQ(actor.id, "anonymous");
  EXPECT_EQ(actor.request_id, "req-0001");
}

}  // namespace
}  // namespace highfence::server
