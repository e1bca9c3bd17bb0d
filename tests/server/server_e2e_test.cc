// SPDX-License-Identifier: Apache-2.0
// The real server on a loopback ephemeral port, driven over HTTP with httplib::Client.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/internal/json_body.h"
#include "server/openapi.h"
#include "tests/support/data.h"

namespace highfence::server {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class ServerTest : public ::testing::Test {
 protected:
  void Start(Options o = {}) {
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 8;
    o.log_path = (dir_.path() / "server.log").string();
    server_ = std::make_unique<Server>(o);
    AddTestRoutes();
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().ToString();
    port_ = *port;
  }
  void TearDown() override {
    // A test that failed while /v1/slow was held must not leave Stop() waiting for it.
    try {
      release_.set_value();
    } catch (const std::future_error&) {
    }
    if (server_) server_->Stop();
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  std::vector<json> LogLines() {
    server_->Stop();
    std::ifstream in(dir_.path() / "server.log");
    std::vector<json> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }
  virtual void AddTestRoutes() {
    server_->AddRoute(
        {"POST", "/v1/echo", Audience::kPublic, std::nullopt, BodyKind::kJson, [](Request& req) -> ApiResult<Response> {
           auto body = internal::ParseJsonObject(req);
           if (!body) return body.error();
           auto name = internal::RequiredString(*body, "name", 200);
           if (!name) return name.error();
           json out = {{"name", *name}, {"client", req.client_addr()}, {"secure", req.secure()}};
           return Response::Json(200, out.dump());
         }});
    server_->AddRoute(
        {"GET", "/v1/fail", Audience::kPublic, std::nullopt, BodyKind::kNone, [](Request&) -> ApiResult<Response> {
           return MakeError(ErrorCode::kInternal, "db password hunter2 rejected");
         }});
    server_->AddRoute({"GET", "/v1/things/{id}", Audience::kPublic, std::nullopt, BodyKind::kNone,
                       [](Request& req) -> ApiResult<Response> {
                         return Response::Json(200, json{{"id", req.PathParam("id")}}.dump());
                       }});
    server_->AddRoute(
        {"GET", "/v1/slow", Audience::kPublic, std::nullopt, BodyKind::kNone, [this](Request&) -> ApiResult<Response> {
           entered_.set_value();
           release_.get_future().wait();
           return Response::Json(200, R"({"finished":true})");
         }});
  }

  testing::TempDir dir_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::promise<void> entered_;
  std::promise<void> release_;
};

TEST_F(ServerTest, HealthzAnswersOkWithAGeneratedRequestId) {
  Start();
  auto res = Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["status"], "ok");
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 24u);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
}

TEST_F(ServerTest, RequestIdIsEchoedAndAHostileOneReplaced) {
  Start();
  auto c = Client();
  auto res = c.Get("/healthz", {{"X-Request-Id", "lb-7f3a.2026:01"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Request-Id"), "lb-7f3a.2026:01");
  res = c.Get("/healthz", {{"X-Request-Id", "x\"}{injected"}});
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("X-Request-Id"), "x\"}{injected");
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 24u);
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethod405WithAllow) {
  Start();
  auto c = Client();
  auto res = c.Get("/v1/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  json err = json::parse(res->body)["error"];
  EXPECT_EQ(err["code"], "not_found");
  EXPECT_EQ(err["request_id"], res->get_header_value("X-Request-Id"));
  res = c.Delete("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET");
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, PathParametersReachTheHandler) {
  Start();
  auto res = Client().Get("/v1/things/case_3f9a2c1b");
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["id"], "case_3f9a2c1b");
}

TEST_F(ServerTest, JsonBodyIsParsedAndJapaneseTextSurvives) {
  Start();
  auto res = Client().Post("/v1/echo", R"j({"name":"山田 太郎 (Tohoku University)"})j", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["name"], "山田 太郎 (Tohoku University)");
}

TEST_F(ServerTest, MalformedJsonIs400NamingTheBody) {
  Start();
  auto res = Client().Post("/v1/echo", R"({"name": "山田", )", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  json err = json::parse(res->body)["error"];
  EXPECT_EQ(err["code"], "invalid_argument");
  EXPECT_EQ(err["field"], "body");
  EXPECT_NE(err["message"].get<std::string>().find("not valid JSON"), std::string::npos);
}

TEST_F(ServerTest, WrongFieldTypeIs422NamingTheField) {
  Start();
  auto res = Client().Post("/v1/echo", R"({"name": 42})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  json err = json::parse(res->body)["error"];
  EXPECT_EQ(err["field"], "name");
  EXPECT_NE(err["message"].get<std::string>().find("string"), std::string::npos);
}

TEST_F(ServerTest, WrongContentTypeIs400NamingTheHeader) {
  Start();
  auto res = Client().Post("/v1/echo", R"({"name":"a"})", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"]["field"], "Content-Type");
}

TEST_F(ServerTest, OversizedBodyIs413BeforeItIsRead) {
  Options o;
  o.max_body_bytes = 1024;
  Start(o);
  auto c = Client();
  std::string big = R"({"name":")" + std::string(4000, 'x') + R"("})";
  auto res = c.Post("/v1/echo", big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  json err = json::parse(res->body)["error"];
  EXPECT_EQ(err["code"], "payload_too_large");
  EXPECT_NE(err["message"].get<std::string>().find("1024"), std::string::npos);
  // A body within the limit is served, on a fresh connection.
  res = Client().Post("/v1/echo", R"({"name":"ok"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  Options o;
  o.max_body_bytes = 1024;
  o.max_upload_bytes = 1024;
  Start(o);
  auto c = Client();
  std::string chunk(600, 'x');
  auto res = c.Post(
      "/v1/echo",
      [&](size_t offset, httplib::DataSink& sink) {
        if (offset < 3000) {
          sink.write(chunk.data(), chunk.size());
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(ServerTest, InternalErrorDetailsAreLoggedNotSent) {
  Start();
  auto res = Client().Get("/v1/fail");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body.find("hunter2"), std::string::npos);
  std::string id = res->get_header_value("X-Request-Id");
  EXPECT_NE(res->body.find(id), std::string::npos);
  bool logged = false;
  for (const json& line : LogLines())
    if (line.value("request_id", "") == id) {
      logged = true;
      EXPECT_EQ(line["level"], "error");
      EXPECT_NE(line["error"].get<std::string>().find("hunter2"), std::string::npos);
    }
  EXPECT_TRUE(logged);
}

TEST_F(ServerTest, LogLinesAreJsonWithRequestIdRouteStatusAndDuration) {
  Start();
  auto res = Client().Get("/v1/things/abc", {{"X-Request-Id", "trace-42"}});
  ASSERT_TRUE(res);
  bool found = false;
  for (const json& line : LogLines()) {
    if (line.value("request_id", "") != "trace-42") continue;
    found = true;
    EXPECT_EQ(line["msg"], "request");
    EXPECT_EQ(line["route"], "/v1/things/{id}");
    EXPECT_EQ(line["path"], "/v1/things/abc");
    EXPECT_EQ(line["status"], 200);
    EXPECT_TRUE(line["duration_ms"].is_number());
    EXPECT_EQ(line["client"], "127.0.0.1");
  }
  EXPECT_TRUE(found);
}

TEST_F(ServerTest, MetricsCountRequestsPerRouteAndStatusWithHistograms) {
  Start();
  Histogram& screening = server_->metrics().AddHistogram("highfence_screening_seconds", "Screening time", {0.1, 1});
  screening.Observe(0.5);
  server_->metrics().AddGauge("highfence_db_pool_in_use", "Connections in use", [] { return 3.0; });
  auto c = Client();
  // One connection: a request is counted after its response is written, before the next is read.
  c.set_keep_alive(true);
  ASSERT_TRUE(c.Get("/healthz"));
  ASSERT_TRUE(c.Get("/healthz"));
  ASSERT_TRUE(c.Get("/v1/things/x"));
  ASSERT_TRUE(c.Get("/nope"));
  auto res = c.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
  const std::string& m = res->body;
  EXPECT_NE(m.find("highfence_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("highfence_http_requests_total{route=\"/v1/things/{id}\",method=\"GET\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(m.find("highfence_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(m.find("highfence_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",status=\"200\","
                   "le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(m.find("highfence_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(m.find("highfence_screening_seconds_bucket{le=\"0.1\"} 0\n"), std::string::npos);
  EXPECT_NE(m.find("highfence_screening_seconds_bucket{le=\"1\"} 1\n"), std::string::npos);
  EXPECT_NE(m.find("highfence_db_pool_in_use 3\n"), std::string::npos);
}

TEST_F(ServerTest, ReadyzRunsEveryCheckAndNamesTheFailingOne) {
  Options o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.log_path = (dir_.path() / "server.log").string();
  server_ = std::make_unique<Server>(o);
  std::atomic<bool> db_up{false};
  server_->AddReadinessCheck("database", [&]() -> Result<void> {
    if (!db_up) return MakeError(ErrorCode::kUnavailable, "sqlite:/var/lib/highfence/hf.db: migrations 3 behind");
    return Ok();
  });
  auto port = server_->Start();
  ASSERT_TRUE(port.has_value());
  port_ = *port;
  auto res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  json body = json::parse(res->body);
  EXPECT_EQ(body["status"], "not_ready");
  EXPECT_EQ(body["checks"][0]["name"], "database");
  EXPECT_NE(body["checks"][0]["message"].get<std::string>().find("migrations 3 behind"), std::string::npos);
  db_up = true;
  res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  Options o;
  o.trusted_proxies = {"127.0.0.0/8"};
  Start(o);
  auto res = Client().Post("/v1/echo", {{"X-Forwarded-For", "203.0.113.7, 127.0.0.2"}, {"X-Forwarded-Proto", "https"}},
                           R"({"name":"a"})", "application/json");
  ASSERT_TRUE(res);
  json body = json::parse(res->body);
  EXPECT_EQ(body["client"], "203.0.113.7");
  EXPECT_EQ(body["secure"], true);
}

TEST_F(ServerTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
  Options o;
  o.trusted_proxies = {"10.0.0.0/8"};
  Start(o);
  auto res = Client().Post("/v1/echo", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Proto", "https"}},
                           R"({"name":"a"})", "application/json");
  ASSERT_TRUE(res);
  json body = json::parse(res->body);
  EXPECT_EQ(body["client"], "127.0.0.1");
  EXPECT_EQ(body["secure"], false);
}

TEST_F(ServerTest, BadTrustedProxyEntryFailsStartNamingIt) {
  Options o;
  o.port = 0;
  o.trusted_proxies = {"10.0.0.0/33"};
  Server s(o);
  auto port = s.Start();
  ASSERT_FALSE(port.has_value());
  EXPECT_EQ(port.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(port.error().message.find("10.0.0.0/33"), std::string::npos);
}

// Opens a raw loopback connection to the server.
int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST_F(ServerTest, SlowLorisClientIsCutOffAtTheHeaderDeadline) {
  Options o;
  o.header_timeout = 1000ms;
  o.read_timeout = 800ms;
  Start(o);
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  // One byte every 150 ms: each read is well within read_timeout, so only the header deadline
  // can stop it. The request would take 60 × 150 ms = 9 s; the server must hang up long before.
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaa\r\n\r\n";
  auto started = std::chrono::steady_clock::now();
  bool cut_off = false;
  size_t sent = 0;
  for (; sent < request.size(); ++sent) {
    if (::send(fd, &request[sent], 1, MSG_NOSIGNAL) != 1) {
      cut_off = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 150) > 0) {
      char buf[512];
      ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
      if (n <= 0 || std::string(buf, static_cast<size_t>(n)).find("200 OK") == std::string::npos) {
        cut_off = true;
        break;
      }
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - started;
  ::close(fd);
  EXPECT_TRUE(cut_off) << "the whole request was accepted byte by byte";
  EXPECT_LT(sent, request.size());
  EXPECT_LT(elapsed, 5s);
  // The server still serves others.
  auto res = Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// Everything the server sends on fd until it has sent `responses` whole responses (by
// Content-Length) or 5 s pass, as (head, body) pairs.
std::vector<std::pair<std::string, std::string>> ReadResponses(int fd, size_t responses) {
  std::string in;
  std::vector<std::pair<std::string, std::string>> out;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (out.size() < responses && std::chrono::steady_clock::now() < until) {
    size_t end = in.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::string head = in.substr(0, end + 4);
      size_t at = head.find("Content-Length: ");
      size_t length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 16));
      if (head.starts_with("HTTP/1.1 100")) length = 0;
      if (in.size() >= end + 4 + length) {
        out.emplace_back(head, in.substr(end + 4, length));
        in.erase(0, end + 4 + length);
        continue;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[16384];
    ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TEST_F(ServerTest, ExpectContinueIsAnsweredBeforeTheBodyIsSent) {
  Start();
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  std::string body = R"({"name":"京都大学"})";
  std::string head =
      "POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  auto interim = ReadResponses(fd, 1);  // the client waits for it before it sends the body
  ASSERT_EQ(interim.size(), 1u) << "no 100 Continue: the body would wait for nothing";
  EXPECT_TRUE(interim[0].first.starts_with("HTTP/1.1 100 Continue")) << interim[0].first;
  ASSERT_EQ(::send(fd, body.data(), body.size(), MSG_NOSIGNAL), static_cast<ssize_t>(body.size()));
  auto final_response = ReadResponses(fd, 1);
  ::close(fd);
  ASSERT_EQ(final_response.size(), 1u);
  EXPECT_TRUE(final_response[0].first.starts_with("HTTP/1.1 200")) << final_response[0].first;
  EXPECT_EQ(json::parse(final_response[0].second)["name"], "京都大学");
}

TEST_F(ServerTest, PipelinedRequestsGetWholeResponsesInOrderSmallAndLarge) {
  Start();
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  // Three requests in one segment: a small response, one far larger than a socket write, a small one.
  std::string requests =
      "GET /v1/things/rv_1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /v1/things/rv_3 HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, requests.data(), requests.size(), MSG_NOSIGNAL), static_cast<ssize_t>(requests.size()));
  auto responses = ReadResponses(fd, 3);
  ::close(fd);
  ASSERT_EQ(responses.size(), 3u);
  for (const auto& [head, body] : responses) EXPECT_TRUE(head.starts_with("HTTP/1.1 200")) << head;
  EXPECT_EQ(json::parse(responses[0].second)["id"], "rv_1");
  EXPECT_EQ(responses[1].second, OpenApiDocument());
  EXPECT_GT(responses[1].second.size(), 100000u);
  EXPECT_EQ(json::parse(responses[2].second)["id"], "rv_3");
}

// ---- TLS served directly -------------------------------------------------------------------

struct TlsFiles {
  std::string cert;
  std::string key;
};

// A self-signed certificate for 127.0.0.1 (P-256), made with Debian's openssl command.
TlsFiles MakeCertificate(const testing::TempDir& dir) {
  TlsFiles f{(dir.path() / "cert.pem").string(), (dir.path() / "key.pem").string()};
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
      f.key + "' -out '" + f.cert + "' 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return f;
}

Options TlsOptions(const TlsFiles& f) {
  Options o;
  o.tls_cert_file = f.cert;
  o.tls_key_file = f.key;
  return o;
}

TEST_F(ServerTest, TlsServedDirectlyIsVerifiableAndMarksRequestsSecure) {
  TlsFiles files = MakeCertificate(dir_);
  Start(TlsOptions(files));
  httplib::SSLClient c("127.0.0.1", port_);
  c.set_ca_cert_path(files.cert.c_str());
  c.enable_server_certificate_verification(true);
  for (int i = 0; i < 3; ++i) {  // one keep-alive connection
    auto res = c.Post("/v1/echo", R"({"name":"東北大学 金属材料研究所"})", "application/json");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    json j = json::parse(res->body);
    EXPECT_EQ(j["name"], "東北大学 金属材料研究所");
    EXPECT_EQ(j["secure"], true) << "requests over TLS are secure: cookies get the Secure attribute";
  }
  // Plain HTTP on the TLS port gets no HTTP answer, and TLS clients are served as before.
  auto plain = Client().Get("/healthz");
  EXPECT_FALSE(plain && plain->status == 200);
  auto again = c.Get("/healthz");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, TlsFilesThatAreNotACertificateAndKeyFailStartNamingTheFile) {
  TlsFiles files = MakeCertificate(dir_);
  std::string junk = dir_.Write("junk.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n").string();
  Options o = TlsOptions(files);
  o.port = 0;
  o.tls_cert_file = junk;
  Server bad_cert(o);
  auto started = bad_cert.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(started.error().message.find("junk.pem: not a PEM certificate chain"), std::string::npos)
      << started.error().message;

  testing::TempDir elsewhere;
  TlsFiles other = MakeCertificate(elsewhere);  // a key of another certificate
  o = TlsOptions(files);
  o.port = 0;
  o.tls_key_file = other.key;
  Server mismatch(o);
  started = mismatch.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_NE(started.error().message.find("does not match the certificate"), std::string::npos)
      << started.error().message;
}

TEST_F(ServerTest, TlsClientsThatStallOrTrickleAreCutOffAtTheHeaderDeadline) {
  TlsFiles files = MakeCertificate(dir_);
  Options o = TlsOptions(files);
  o.header_timeout = 1000ms;
  o.read_timeout = 800ms;
  Start(o);

  // A TCP connection that never starts the handshake is closed at the deadline.
  int idle = Connect(port_);
  ASSERT_GE(idle, 0);
  pollfd p{idle, POLLIN, 0};
  ASSERT_GT(::poll(&p, 1, 8000), 0) << "the server kept a silent TLS connection open";
  char byte;
  EXPECT_LE(::recv(idle, &byte, 1, 0), 0);
  ::close(idle);

  // After the handshake, the request one byte per TLS record every 150 ms (9 s in all).
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  ASSERT_NE(ctx, nullptr);
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  ASSERT_EQ(SSL_connect(ssl), 1);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaa\r\n\r\n";
  bool cut_off = false;
  size_t sent = 0;
  for (; sent < request.size(); ++sent) {
    if (SSL_write(ssl, &request[sent], 1) != 1) {
      cut_off = true;
      break;
    }
    pollfd q{fd, POLLIN, 0};
    if (::poll(&q, 1, 150) > 0) {
      char buf[512];
      int n = SSL_read(ssl, buf, sizeof(buf));
      if (n <= 0 || std::string(buf, static_cast<size_t>(n)).find("200 OK") == std::string::npos) {
        cut_off = true;
        break;
      }
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  EXPECT_TRUE(cut_off) << "the whole request was accepted byte by byte over TLS";
  EXPECT_LT(sent, request.size());

  httplib::SSLClient c("127.0.0.1", port_);
  c.set_ca_cert_path(files.cert.c_str());
  c.enable_server_certificate_verification(true);
  auto res = c.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, OversizedHeadersCloseTheConnection) {
  Options o;
  o.max_header_bytes = 4096;
  Start(o);
  httplib::Headers headers;
  for (int i = 0; i < 20; ++i) headers.emplace("X-Fill-" + std::to_string(i), std::string(400, 'a'));
  auto res = Client().Get("/healthz", headers);
  EXPECT_TRUE(!res || res->status >= 400);
  auto ok = Client().Get("/healthz");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, StopFinishesTheRequestInFlightThenRefusesConnections) {
  Start();
  auto in_flight = std::async(std::launch::async, [this] {
    auto res = Client().Get("/v1/slow");
    return res ? res->status : -1;
  });
  entered_.get_future().wait();  // the handler is running
  auto stopping = std::async(std::launch::async, [this] { server_->Stop(); });
  std::this_thread::sleep_for(100ms);  // Stop() has closed the listener and waits for the worker
  EXPECT_EQ(stopping.wait_for(0ms), std::future_status::timeout) << "Stop() returned with a request in flight";
  release_.set_value();
  EXPECT_EQ(in_flight.get(), 200);
  stopping.get();
  EXPECT_LT(Connect(port_), 0) << "still accepting after Stop()";
}

// With one permit: a handler holding it makes the next request wait (and answers it afterwards),
// liveness still answers, and a client that trickles its body holds no permit meanwhile.
TEST_F(ServerTest, AdmissionQueuesHandlersButNotBodiesOrLiveness) {
  Options o;
  o.max_active_requests = 1;
  o.body_timeout = 30s;
  Start(o);
  auto slow = std::async(std::launch::async, [this] {
    auto res = Client().Get("/v1/slow");
    return res ? res->status : -1;
  });
  entered_.get_future().wait();  // the slow handler holds the only permit
  auto queued = std::async(std::launch::async, [this] {
    auto res = Client().Get("/v1/things/rv_1");
    return res ? res->status : -1;
  });
  auto live = Client().Get("/healthz");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
  EXPECT_EQ(queued.wait_for(200ms), std::future_status::timeout) << "admitted while the permit was held";
  release_.set_value();
  EXPECT_EQ(slow.get(), 200);
  EXPECT_EQ(queued.get(), 200);

  // A body arriving slowly: headers and half the body now, the rest later.
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  std::string body = R"({"name":"東北大学"})";
  std::string head = "POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n";
  std::string first = head + body.substr(0, 5);
  ASSERT_EQ(::send(fd, first.data(), first.size(), MSG_NOSIGNAL), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(100ms);  // the server is in the body phase of that request
  auto meanwhile = Client().Get("/v1/things/rv_2");
  ASSERT_TRUE(meanwhile) << "a trickled body held the only permit";
  EXPECT_EQ(meanwhile->status, 200);
  std::string rest = body.substr(5);
  ASSERT_EQ(::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL), static_cast<ssize_t>(rest.size()));
  char reply[512] = {};
  ssize_t n = ::recv(fd, reply, sizeof(reply) - 1, 0);
  ::close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(reply, 12), "HTTP/1.1 200");
  auto metrics = Client().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("highfence_http_requests_waiting 0"), std::string::npos);
}

}  // namespace
}  // namespace highfence::server
