// SPDX-License-Identifier: Apache-2.0
#pragma once
// Server: the HTTP JSON API of highfence (`highfence serve`). A route table (routes.h) on
// cpp-httplib tuned for throughput (TCP_NODELAY, long keep-alive, a pool of worker threads),
// with what every route gets for free: request ids (X-Request-Id in and out), structured JSON
// logs, Prometheus metrics, JSON error bodies, body-size limits (413), a header deadline against
// slow-loris clients, authentication (session cookie or API token) with CSRF checks, the role
// check of the route's action (domain/access), /healthz, /readyz and /metrics.
//
//   server::Server s(options);
//   s.AddRoute({"GET", "/v1/hello", Audience::kPublic, {}, BodyKind::kNone, Hello});
//   auto port = s.Start();        // Result<int>: binds, serves on worker threads
//   ...; s.Stop();                // stops accepting, finishes requests in flight
//
// Thread-safety: add routes, checks and the authenticator before Start(); after it, handlers run
// concurrently on Options::threads workers. Deliberately out: resources (handlers/*), accounts
// (server/auth), storage.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "server/api_error.h"
#include "server/http.h"
#include "server/metrics.h"
#include "server/routes.h"

namespace httplib {
struct Response;
}

namespace highfence::server {

struct Options {
  // ---- listening
  std::string host = "127.0.0.1";  // Address to bind. Default: 127.0.0.1 (loopback only).
  int port = 8080;                 // 0 picks a free port (tests). Default: 8080.
  int threads = 64;                // Worker threads; each keep-alive connection holds one. Default: 64.
  // Requests worked on at once (authentication, handler); the others wait in arrival order
  // (server/internal/admission.h). 0: twice the hardware threads; at least `threads` turns it
  // off. Default: 0 (4 on a 2-core machine: docs/benchmarks.md, run E).
  int max_active_requests = 0;
  // Connections the kernel queues before they are accepted (capped by net.core.somaxconn).
  // cpp-httplib's own 5 made clients arriving together wait 1–1.7 s for TCP retransmission.
  // Default: 1024.
  int listen_backlog = 1024;
  // TLS served directly when both are set (PEM files); else plain HTTP, e.g. behind a reverse
  // proxy. Default: "" (plain HTTP).
  std::string tls_cert_file;
  std::string tls_key_file;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed: exact addresses or CIDR
  // ("10.0.0.0/8", "::1"). Default: none (forwarded headers ignored).
  std::vector<std::string> trusted_proxies;

  // ---- limits
  size_t max_body_bytes = 1 << 20;     // JSON bodies; larger → 413. Default: 1 MiB.
  size_t max_upload_bytes = 64 << 20;  // multipart uploads; larger → 413. Default: 64 MiB.
  size_t max_header_bytes = 64 << 10;  // request line + headers; larger → connection closed. Default: 64 KiB.
  // Deadline for the whole request line and headers, from the first byte: a slow-loris client
  // sending one byte at a time is cut off here. Default: 10 s.
  std::chrono::milliseconds header_timeout{10000};
  // Deadline for reading the whole body once the headers are in. Default: 60 s.
  std::chrono::milliseconds body_timeout{60000};
  std::chrono::milliseconds read_timeout{5000};        // Longest wait for any one read. Default: 5 s.
  std::chrono::milliseconds write_timeout{5000};       // Longest wait for any one write. Default: 5 s.
  std::chrono::milliseconds keep_alive_timeout{5000};  // Idle keep-alive connection kept. Default: 5 s.
  int keep_alive_max_requests = 100000;                // Requests on one connection. Default: 100000.

  // ---- logs
  std::string log_path;            // JSON lines; "" = standard error. Default: "".
  std::string log_level = "info";  // trace, debug, info, warn, error, off. Default: info.
};

// Authenticates a request that carries credentials (session cookie or bearer token). Returns the
// identity, or kUnauthenticated naming what was wrong (expired, revoked, unknown).
using Authenticator = std::function<ApiResult<Identity>(const Request&)>;

// Sees every response the server sends for a matched route, after it is written: the method,
// the route's pattern, the status, the Content-Type and the body. Called on the worker thread
// that served the request, so it must be thread-safe. Tests use it to validate every response
// against the OpenAPI document; it is not a logging hook (the JSON log is that).
using ResponseObserver = std::function<void(std::string_view method, std::string_view pattern, int status,
                                            std::string_view content_type, std::string_view body)>;

// One readiness condition for /readyz ("database": reachable, migrations current).
using ReadinessCheck = std::function<Result<void>()>;

class Server {
 public:
  explicit Server(Options options);
  ~Server();                       // Stop()s if running
  Server(const Server&) = delete;  // handlers hold the server's address
  Server& operator=(const Server&) = delete;

  // REQUIRES: before Start(). Aborts on a duplicate (method, pattern) — a programmer error.
  void AddRoute(Route route);
  // The registered routes in registration order, infrastructure routes included.
  std::vector<Route> Routes() const;
  void SetAuthenticator(Authenticator authenticator);
  void AddReadinessCheck(std::string name, ReadinessCheck check);
  // REQUIRES: before Start().
  void SetResponseObserver(ResponseObserver observer);
  Metrics& metrics();
  const Options& options() const;

  // Binds and starts serving on a background thread. Returns the bound port. Fails with
  // kInvalidArgument (bad option, unreadable TLS files) or kUnavailable (address in use).
  Result<int> Start();
  // Graceful: /readyz turns 503, the listener closes, requests in flight finish and are
  // answered (with Connection: close), idle keep-alive connections are closed. Idempotent.
  void Stop();
  // Blocks until the server stops (after Stop() from another thread or a signal handler).
  void Wait();

  // Serves one request on the calling thread exactly as a worker does once the request is off
  // the socket: routing (404 / 405), the Content-Length and body limits (413), authentication,
  // CSRF, the route's role and token-scope check, the handler, the JSON error body (an exception
  // becomes a 500 as on the network), then the metrics, the ResponseObserver and the log line
  // (Options::log_path, opened on first use when the server was not started).
  // `raw` needs method, path, headers, body and params (the query); multipart parts are not
  // parsed (files stays as given). For tests/fuzz/api_routes_fuzzer only: nothing on the network
  // reaches it, and it works with or without Start().
  void ServeInProcess(const httplib::Request& raw, httplib::Response& res);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace highfence::server
