// SPDX-License-Identifier: Apache-2.0
#include "server/server.h"

#include <httplib.h>
#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "base/check.h"
#include "server/internal/guarded_server.h"
#include "server/internal/json_log.h"
#include "server/internal/proxy_trust.h"
#include "server/openapi.h"

namespace highfence::server {
namespace {

using Clock = std::chrono::steady_clock;
using internal::ConnectionGuard;
using nlohmann::json;

// What the pre-routing hook learnt about the request this worker thread is serving, for the
// handler (after httplib has read the body) and the logger (after the response is written).
struct InFlight {
  bool active = false;
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  std::string request_id;
  std::string client_addr;
  bool secure = false;
  Identity identity;
  Clock::time_point start;
  std::string internal_message;  // the detail of a 500, logged, not sent
};
thread_local InFlight tl;

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  return true;
}

std::string NewRequestId() {
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof(bytes));
  char hex[sizeof(bytes) * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), bytes, sizeof(bytes));
  return hex;
}

bool ExpectsContent(const httplib::Request& raw) {
  if (raw.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) return true;
  return raw.get_header_value_count("Content-Length") > 0 && raw.get_header_value("Content-Length") != "0";
}

bool StateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void Apply(const Response& r, const std::string& request_id, httplib::Response& res) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_header("X-Request-Id", request_id);
  res.set_header("X-Content-Type-Options", "nosniff");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  if (r.status != 204) res.set_content(r.body, r.content_type);
}

Response ErrorResponse(const ApiError& e, const std::string& request_id) {
  int status = e.HttpStatus();
  json err = {{"code", e.WireCode()}, {"request_id", request_id}};
  // 5xx details stay in the log (userver's external / internal split).
  if (status >= 500 && status != 503)
    err["message"] = "internal error; the server log has the details under request id " + request_id;
  else
    err["message"] = e.message;
  if (!e.field.empty()) err["field"] = e.field;
  Response r = Response::Json(status, json{{"error", err}}.dump(-1, ' ', false, json::error_handler_t::replace));
  if (e.retry_after_seconds > 0) r.Header("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

}  // namespace

// ---- Request / Response ------------------------------------------------------------------

Request::Request(const httplib::Request& raw, std::string request_id, std::string client_addr, bool secure)
    : raw_(raw), request_id_(std::move(request_id)), client_addr_(std::move(client_addr)), secure_(secure) {}

std::string_view Request::method() const {
  return raw_.method;
}
std::string_view Request::path() const {
  return raw_.path;
}
const std::string& Request::body() const {
  return raw_.body;
}
std::string Request::header(std::string_view name) const {
  return raw_.get_header_value(std::string(name));
}
bool Request::has_header(std::string_view name) const {
  return raw_.has_header(std::string(name));
}
std::optional<std::string> Request::query(std::string_view name) const {
  std::string key(name);
  if (!raw_.has_param(key)) return std::nullopt;
  return raw_.get_param_value(key);
}
std::vector<std::pair<std::string, std::string>> Request::query_params() const {
  return {raw_.params.begin(), raw_.params.end()};
}
bool Request::multipart() const {
  return raw_.is_multipart_form_data();
}
std::vector<FormFile> Request::form_files() const {
  std::vector<FormFile> out;
  for (const auto& [field, part] : raw_.files)
    if (!part.filename.empty()) out.push_back({field, part.filename, part.content_type, part.content});
  return out;
}
std::optional<std::string> Request::form_field(std::string_view name) const {
  auto it = raw_.files.find(std::string(name));
  if (it == raw_.files.end() || !it->second.filename.empty()) return std::nullopt;
  return it->second.content;
}
std::optional<std::string> Request::cookie(std::string_view name) const {
  std::string all = raw_.get_header_value("Cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}
const std::string& Request::PathParam(std::string_view name) const {
  static const std::string kEmpty;
  auto it = path_params_.find(name);
  return it == path_params_.end() ? kEmpty : it->second;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}
Response Response::Text(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}
Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}
Response& Response::Header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string, std::less<>>* params) {
  while (true) {
    if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    size_t ps = pattern.find('/');
    size_t qs = path.find('/');
    std::string_view pseg = pattern.substr(0, ps);
    std::string_view qseg = path.substr(0, qs);
    if (pseg.size() >= 2 && pseg.front() == '{' && pseg.back() == '}') {
      if (qseg.empty()) return false;
      if (params) (*params)[std::string(pseg.substr(1, pseg.size() - 2))] = std::string(qseg);
    } else if (pseg != qseg) {
      return false;
    }
    pattern = ps == std::string_view::npos ? std::string_view() : pattern.substr(ps);
    path = qs == std::string_view::npos ? std::string_view() : path.substr(qs);
  }
}

// ---- Server ------------------------------------------------------------------------------

struct Server::Rep {
  Options options;
  std::vector<Route> routes;
  Authenticator authenticator;
  ResponseObserver observer;
  std::vector<std::pair<std::string, ReadinessCheck>> readiness;
  Metrics metrics;

  std::unique_ptr<httplib::Server> http;
  internal::GuardedServer* guarded = nullptr;  // == http.get(), plain or TLS
  internal::ProxyTrust trust;
  std::optional<internal::JsonLog> log;
  std::thread thread;
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
  std::mutex mu;  // guards stopped
  std::condition_variable cv;
  std::mutex stop_mu;
  bool stopped = false;
  bool tls = false;

  void Begin(const httplib::Request& raw);
  const Route* Match(const httplib::Request& raw, std::map<std::string, std::string, std::less<>>* params,
                     std::string* allow) const;
  size_t LimitFor(const Route* route) const;
  ApiResult<Identity> Gate(const Route& route, Request& req) const;
  void Run(const Route& route, const httplib::Request& raw, httplib::Response& res);
  void Reply(const Response& r, httplib::Response& res) { Apply(r, tl.request_id, res); }
  void Fail(const ApiError& e, httplib::Response& res) {
    if (e.HttpStatus() >= 500 && e.HttpStatus() != 503) tl.internal_message = e.message;
    Reply(ErrorResponse(e, tl.request_id), res);
  }
  void FailUncaught(std::exception_ptr ep, httplib::Response& res) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    Fail(ApiError(MakeError(ErrorCode::kInternal, "uncaught exception: " + what)), res);
  }
  httplib::Server::HandlerResponse PreRouting(const httplib::Request& raw, httplib::Response& res);
  void Handle(const httplib::Request& raw, httplib::Response& res);
  void Log(const httplib::Request& raw, const httplib::Response& res);
  void AddInfrastructureRoutes(Server* self);
};

void Server::Rep::Begin(const httplib::Request& raw) {
  tl = InFlight{};
  tl.active = true;
  tl.start = Clock::now();
  std::string given = raw.get_header_value("X-Request-Id");
  tl.request_id = ValidRequestId(given) ? given : NewRequestId();
  bool from_proxy = !trust.empty() && trust.Trusted(raw.remote_addr);
  tl.client_addr = trust.ClientAddress(raw.remote_addr, raw.get_header_value("X-Forwarded-For"));
  tl.secure = tls || (from_proxy && raw.get_header_value("X-Forwarded-Proto") == "https");
}

const Route* Server::Rep::Match(const httplib::Request& raw, std::map<std::string, std::string, std::less<>>* params,
                                std::string* allow) const {
  std::string_view method = raw.method == "HEAD" ? std::string_view("GET") : std::string_view(raw.method);
  for (const Route& r : routes) {
    std::map<std::string, std::string, std::less<>> p;
    if (!MatchPattern(r.pattern, raw.path, &p)) continue;
    if (r.method == method) {
      *params = std::move(p);
      return &r;
    }
    *allow += allow->empty() ? "" : ", ";
    *allow += r.method;
  }
  return nullptr;
}

size_t Server::Rep::LimitFor(const Route* route) const {
  return route && route->body == BodyKind::kUpload ? options.max_upload_bytes : options.max_body_bytes;
}

ApiResult<Identity> Server::Rep::Gate(const Route& route, Request& req) const {
  if (route.audience == Audience::kPublic) return Identity{};
  if (!authenticator)
    return ApiError(MakeError(ErrorCode::kUnavailable, "accounts are not configured on this server (serve --db URL)"));
  ApiResult<Identity> id = authenticator(req);
  if (!id) return id;
  if (id->method == AuthMethod::kSession && StateChanging(req.method()) &&
      !ConstantTimeEqual(req.header("X-CSRF-Token"), id->csrf_token))
    return ApiError::Field(ErrorCode::kPermissionDenied, "X-CSRF-Token",
                           "missing or wrong CSRF token: a state-changing request made with the session cookie must "
                           "send the csrf_token of POST /v1/session in the X-CSRF-Token header");
  if (route.audience == Audience::kAction) {
    HF_CHECK(route.action.has_value());
    access::Decision d = access::Permits(id->principal, *route.action);
    if (!d.allowed()) return ApiError(d.ToError());
    if (id->method == AuthMethod::kToken &&
        std::find(id->token_scopes.begin(), id->token_scopes.end(), *route.action) == id->token_scopes.end())
      return ApiError(MakeError(ErrorCode::kPermissionDenied,
                                "API token scope does not include " + std::string(access::ActionName(*route.action))));
  }
  return id;
}

void Server::Rep::Run(const Route& route, const httplib::Request& raw, httplib::Response& res) {
  if (ConnectionGuard* g = ConnectionGuard::Current()) g->EnterHandlerPhase();
  Request req(raw, tl.request_id, tl.client_addr, tl.secure);
  req.set_path_params(tl.params);
  req.set_identity(tl.identity);
  ApiResult<Response> r = route.handler(req);
  if (r)
    Reply(*r, res);
  else
    Fail(r.error(), res);
}

httplib::Server::HandlerResponse Server::Rep::PreRouting(const httplib::Request& raw, httplib::Response& res) {
  using HR = httplib::Server::HandlerResponse;
  Begin(raw);
  bool body_pending = ExpectsContent(raw);
  auto reject = [&](const ApiError& e) {
    Fail(e, res);
    if (body_pending) {  // the body stays unread: this connection cannot carry another request
      res.set_header("Connection", "close");
      if (ConnectionGuard* g = ConnectionGuard::Current()) g->CloseAfterResponse();
    }
    return HR::Handled;
  };
  std::string allow;
  const Route* route = Match(raw, &tl.params, &allow);
  if (!route && !allow.empty()) {
    ApiError e = ApiError::Field(ErrorCode::kInvalidArgument, "method", raw.method + " is not allowed on " + raw.path);
    e.status = 405;
    e.wire_code = "method_not_allowed";
    res.set_header("Allow", allow);
    return reject(e);
  }
  if (!route) return reject(ApiError(MakeError(ErrorCode::kNotFound, "no route for " + raw.path)));
  tl.route = route;
  // Liveness answers at once even when every permit is taken; everything else waits its turn.
  if (route->pattern != "/healthz")
    if (ConnectionGuard* g = ConnectionGuard::Current()) g->Admit();
  size_t limit = LimitFor(route);
  if (raw.get_header_value_count("Content-Length") > 0) {
    std::string text = raw.get_header_value("Content-Length");
    char* end = nullptr;
    unsigned long long n = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0')
      return reject(ApiError::Field(ErrorCode::kInvalidArgument, "Content-Length", "not a number"));
    if (n > limit)
      return reject(ApiError::TooLarge("body of " + text + " bytes exceeds the limit of " + std::to_string(limit) +
                                       " bytes for " + route->method + " " + route->pattern));
  }
  Request req(raw, tl.request_id, tl.client_addr, tl.secure);
  ApiResult<Identity> id = Gate(*route, req);
  if (!id) return reject(id.error());
  tl.identity = std::move(*id);
  if (body_pending) {
    if (ConnectionGuard* g = ConnectionGuard::Current()) g->EnterBodyPhase();
    return HR::Unhandled;  // httplib reads the body, then calls Handle()
  }
  Run(*route, raw, res);
  return HR::Handled;
}

void Server::Rep::Handle(const httplib::Request& raw, httplib::Response& res) {
  if (!tl.active || !tl.route) {
    Fail(ApiError(MakeError(ErrorCode::kInternal, "handler reached without pre-routing")), res);
    return;
  }
  if (raw.body.size() > LimitFor(tl.route)) {
    Fail(ApiError::TooLarge("body exceeds the limit of " + std::to_string(LimitFor(tl.route)) + " bytes"), res);
    return;
  }
  Run(*tl.route, raw, res);
}

void Server::Rep::Log(const httplib::Request& raw, const httplib::Response& res) {
  if (!tl.active) Begin(raw);  // httplib answered on its own (malformed request line)
  double seconds = std::chrono::duration<double>(Clock::now() - tl.start).count();
  std::string_view route = tl.route ? std::string_view(tl.route->pattern) : std::string_view("unmatched");
  metrics.ObserveRequest(route, raw.method, res.status, seconds);
  if (observer && tl.route) observer(raw.method, route, res.status, res.get_header_value("Content-Type"), res.body);
  auto level = res.status >= 500 ? spdlog::level::err : spdlog::level::info;
  if (log && log->Enabled(level)) {
    json fields = {{"request_id", tl.request_id},
                   {"method", raw.method},
                   {"route", route},
                   {"path", raw.path},
                   {"status", res.status},
                   {"duration_ms", seconds * 1000.0},
                   {"client", tl.client_addr},
                   {"bytes", res.body.size()}};
    if (!tl.identity.principal.user_id.empty()) fields["user_id"] = tl.identity.principal.user_id;
    if (!tl.internal_message.empty()) fields["error"] = tl.internal_message;
    log->Write(level, "request", fields);
  }
  tl = InFlight{};
}

void Server::Rep::AddInfrastructureRoutes(Server* self) {
  auto pub = [&](std::string pattern, Handler h) {
    self->AddRoute({"GET", std::move(pattern), Audience::kPublic, std::nullopt, BodyKind::kNone, std::move(h)});
  };
  pub("/healthz", [](Request&) -> ApiResult<Response> { return Response::Json(200, R"({"status":"ok"})"); });
  pub("/readyz", [this](Request&) -> ApiResult<Response> {
    json checks = json::array();
    bool ready = !stopping;
    if (stopping) checks.push_back({{"name", "shutdown"}, {"ok", false}, {"message", "server is shutting down"}});
    for (const auto& [name, check] : readiness) {
      Result<void> r = check();
      checks.push_back({{"name", name}, {"ok", r.has_value()}, {"message", r ? "" : r.error().message}});
      ready = ready && r.has_value();
    }
    json body = {{"status", ready ? "ready" : "not_ready"}, {"checks", checks}};
    return Response::Json(ready ? 200 : 503, body.dump(-1, ' ', false, json::error_handler_t::replace));
  });
  pub("/metrics", [this](Request&) -> ApiResult<Response> {
    return Response::Text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.Render());
  });
  pub("/api/openapi.json", [](Request&) -> ApiResult<Response> {
    Response r = Response::Json(200, std::string(OpenApiDocument()));
    r.Header("Cache-Control", "public, max-age=300");
    return r;
  });
}

Server::Server(Options options) : rep_(std::make_unique<Rep>()) {
  rep_->options = std::move(options);
  rep_->AddInfrastructureRoutes(this);
}

Server::~Server() {
  Stop();
}

void Server::AddRoute(Route route) {
  HF_CHECK(!rep_->started);
  HF_CHECK(route.handler);
  HF_CHECK((route.audience == Audience::kAction) == route.action.has_value());
  for (const Route& r : rep_->routes) HF_CHECK(!(r.method == route.method && r.pattern == route.pattern));
  rep_->routes.push_back(std::move(route));
}

std::vector<Route> Server::Routes() const {
  return rep_->routes;
}

void Server::SetAuthenticator(Authenticator authenticator) {
  HF_CHECK(!rep_->started);
  rep_->authenticator = std::move(authenticator);
}

void Server::SetResponseObserver(ResponseObserver observer) {
  HF_CHECK(!rep_->started);
  rep_->observer = std::move(observer);
}

void Server::AddReadinessCheck(std::string name, ReadinessCheck check) {
  HF_CHECK(!rep_->started);
  rep_->readiness.emplace_back(std::move(name), std::move(check));
}

Metrics& Server::metrics() {
  return rep_->metrics;
}

const Options& Server::options() const {
  return rep_->options;
}

Result<int> Server::Start() {
  HF_CHECK(!rep_->started);
  const Options& o = rep_->options;
  if (o.threads < 1) return MakeError(ErrorCode::kInvalidArgument, "threads: must be at least 1");
  if (o.max_body_bytes == 0 || o.max_upload_bytes == 0)
    return MakeError(ErrorCode::kInvalidArgument, "max_body_bytes / max_upload_bytes: must be positive");
  if (o.port < 0 || o.port > 65535) return MakeError(ErrorCode::kInvalidArgument, "port: out of range 0–65535");
  auto trust = internal::ProxyTrust::Parse(o.trusted_proxies);
  if (!trust) return trust.error();
  rep_->trust = std::move(*trust);
  auto log = internal::JsonLog::Open(o.log_path, o.log_level);
  if (!log) return log.error();
  rep_->log = std::move(*log);

  if (o.tls_cert_file.empty() != o.tls_key_file.empty())
    return MakeError(ErrorCode::kInvalidArgument, "tls_cert_file and tls_key_file: set both or neither");
  internal::GuardOptions g;
  g.header_timeout = o.header_timeout;
  g.body_timeout = o.body_timeout;
  g.read_timeout = o.read_timeout;
  g.write_timeout = o.write_timeout;
  g.keep_alive_timeout = o.keep_alive_timeout;
  g.keep_alive_max_requests = static_cast<size_t>(std::max(1, o.keep_alive_max_requests));
  g.max_header_bytes = o.max_header_bytes;
  {
    int active = o.max_active_requests > 0 ? o.max_active_requests
                                           : 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    g.max_active_requests = active >= o.threads ? 0 : active;  // as many as the workers: no queue
  }
  auto guarded = std::make_unique<internal::GuardedServer>(g);
  if (!o.tls_cert_file.empty()) {
    for (const std::string& f : {o.tls_cert_file, o.tls_key_file})
      if (!std::filesystem::is_regular_file(f))
        return MakeError(ErrorCode::kInvalidArgument, f + ": TLS file not found");
    std::string why;
    if (!guarded->UseTls(o.tls_cert_file, o.tls_key_file, &why)) return MakeError(ErrorCode::kInvalidArgument, why);
    rep_->tls = true;
  }
  rep_->guarded = guarded.get();
  if (const internal::Admission* a = guarded->admission()) {
    rep_->metrics.AddGauge("highfence_http_requests_active", "Requests admitted and being worked on",
                           [a] { return a->InUse(); });
    rep_->metrics.AddGauge("highfence_http_requests_waiting",
                           "Requests waiting for admission (server.max_active_requests)", [a] { return a->Waiting(); });
  }
  rep_->http = std::move(guarded);
  httplib::Server& http = *rep_->http;
  int threads = o.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(static_cast<size_t>(std::max(1, o.keep_alive_max_requests)));
  http.set_keep_alive_timeout(
      std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(o.keep_alive_timeout).count()));
  auto as_sec_usec = [](std::chrono::milliseconds ms, auto setter) {
    setter(static_cast<time_t>(ms.count() / 1000), static_cast<time_t>((ms.count() % 1000) * 1000));
  };
  as_sec_usec(o.read_timeout, [&](time_t s, time_t us) { http.set_read_timeout(s, us); });
  as_sec_usec(o.write_timeout, [&](time_t s, time_t us) { http.set_write_timeout(s, us); });
  http.set_payload_max_length(std::max(o.max_body_bytes, o.max_upload_bytes));

  Rep* rep = rep_.get();
  http.set_pre_routing_handler(
      [rep](const httplib::Request& q, httplib::Response& s) { return rep->PreRouting(q, s); });
  auto handle = [rep](const httplib::Request& q, httplib::Response& s) { rep->Handle(q, s); };
  http.Get(".*", handle);
  http.Post(".*", handle);
  http.Put(".*", handle);
  http.Patch(".*", handle);
  http.Delete(".*", handle);
  http.Options(".*", handle);
  http.set_logger([rep](const httplib::Request& q, const httplib::Response& s) { rep->Log(q, s); });
  http.set_exception_handler(
      [rep](const httplib::Request&, httplib::Response& s, std::exception_ptr ep) { rep->FailUncaught(ep, s); });
  http.set_error_handler(httplib::Server::HandlerWithResponse([rep](const httplib::Request& q, httplib::Response& s) {
    if (!s.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours, already JSON
    if (!tl.active) rep->Begin(q);
    ApiError e;
    switch (s.status) {
      case 413:
        e = ApiError::TooLarge("request body exceeds the server's limit");
        break;
      case 414:
        e = ApiError::Field(ErrorCode::kInvalidArgument, "uri", "request URI too long");
        e.status = 414;
        break;
      case 404:
        e = ApiError(MakeError(ErrorCode::kNotFound, "no route for " + q.path));
        break;
      default:
        e = ApiError(MakeError(ErrorCode::kInvalidArgument, "malformed HTTP request"));
        e.status = s.status >= 400 && s.status < 500 ? s.status : 400;
    }
    rep->Fail(e, s);
    return httplib::Server::HandlerResponse::Handled;
  }));

  int port = o.port == 0 ? http.bind_to_any_port(o.host) : (http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0)
    return MakeError(ErrorCode::kUnavailable,
                     "listen " + o.host + ":" + std::to_string(o.port) + ": cannot bind (address in use or not local)");
  if (!rep_->guarded->WidenBacklog(o.listen_backlog))
    return MakeError(ErrorCode::kUnavailable,
                     "listen " + o.host + ":" + std::to_string(port) + ": " + std::strerror(errno));
  rep_->started = true;
  rep_->thread = std::thread([rep] {
    rep->http->listen_after_bind();
    std::lock_guard lock(rep->mu);
    rep->stopped = true;
    rep->cv.notify_all();
  });
  // httplib's stop() is a no-op until the listen loop runs: wait for it, so Stop() never misses.
  for (int i = 0; i < 5000 && !rep_->http->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  json fields = {{"listen", o.host + ":" + std::to_string(port)}, {"tls", rep_->tls}, {"threads", o.threads}};
  rep_->log->Write(spdlog::level::info, "listening", fields);
  return port;
}

void Server::Stop() {
  std::lock_guard stop_lock(rep_->stop_mu);
  if (!rep_->started) return;
  if (!rep_->stopping.exchange(true)) {
    if (rep_->guarded) rep_->guarded->BeginShutdown();
    rep_->http->stop();  // closes the listener; listen_after_bind then joins the workers
  }
  if (rep_->thread.joinable()) {
    rep_->thread.join();
    rep_->log->Write(spdlog::level::info, "stopped", json::object());
    rep_->log->Flush();
  }
}

void Server::ServeInProcess(const httplib::Request& raw, httplib::Response& res) {
  Rep& rep = *rep_;
  if (!rep.log) {  // not started: the log of Options, opened on first use
    auto log = internal::JsonLog::Open(rep.options.log_path, rep.options.log_level);
    HF_CHECK(log.has_value());
    rep.log = std::move(*log);
  }
  try {
    if (rep.PreRouting(raw, res) == httplib::Server::HandlerResponse::Unhandled) rep.Handle(raw, res);
  } catch (...) {
    rep.FailUncaught(std::current_exception(), res);
  }
  rep.Log(raw, res);
}

void Server::Wait() {
  std::unique_lock lock(rep_->mu);
  rep_->cv.wait(lock, [&] { return rep_->stopped || !rep_->started; });
}

}  // namespace highfence::server
