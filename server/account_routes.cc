// SPDX-License-Identifier: Apache-2.0
#include "server/account_routes.h"

#include <nlohmann/json.hpp>

#include "server/auth/secrets.h"
#include "server/internal/bodies.h"

namespace highfence::server {
namespace {

using nlohmann::json;

std::string IsoTime(auth::TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json UserJson(const auth::User& u) {
  json roles = json::array();
  for (access::Role r : u.roles) roles.push_back(access::RoleName(r));
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"roles", roles},
          {"tenant_id", u.tenant_id}};
}

json TokenJson(const auth::ApiToken& t) {
  json scopes = json::array();
  for (access::Action a : t.scopes) scopes.push_back(access::ActionName(a));
  json j = {{"id", t.id},
            {"name", t.name},
            {"prefix", std::string(auth::kApiTokenPrefix) + t.id},
            {"scopes", scopes},
            {"created_at", IsoTime(t.created_at)},
            {"expires_at", t.expires_at ? json(IsoTime(*t.expires_at)) : json(nullptr)},
            {"last_used_at", t.last_used_at ? json(IsoTime(*t.last_used_at)) : json(nullptr)},
            {"revoked", t.revoked}};
  return j;
}

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Cookie(const std::string& name, const std::string& value, int64_t max_age, bool secure) {
  std::string c = name + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  return c;
}

// Errors of auth::Accounts name their field as "field: …".
ApiError WithField(Error e, std::initializer_list<std::string_view> fields) {
  ApiError out(e);
  for (std::string_view f : fields)
    if (e.message.rfind(std::string(f) + ":", 0) == 0) out.field = f;
  if (out.code == ErrorCode::kInvalidArgument) out.status = 422;
  return out;
}

Identity IdentityOf(const auth::Authenticated& a) {
  Identity id;
  id.principal = a.principal;
  id.username = a.user.username;
  id.display_name = a.user.display_name;
  if (a.session) {
    id.method = AuthMethod::kSession;
    id.credential_id = a.session->token_hash;
    id.csrf_token = a.session->csrf_token;
  } else if (a.token) {
    id.method = AuthMethod::kToken;
    id.credential_id = a.token->id;
    id.token_scopes = a.token->scopes;
  }
  return id;
}

// Re-authenticates the request's credential for handlers that need the full record (the
// authenticator has already accepted it; this is one more store read on rare endpoints).
Result<auth::Authenticated> Reload(auth::Accounts& accounts, const Request& req, const std::string& cookie_name) {
  std::string header = req.header("Authorization");
  if (header.rfind("Bearer ", 0) == 0) return accounts.AuthenticateToken(header.substr(7));
  return accounts.AuthenticateSession(req.cookie(cookie_name).value_or(""));
}

}  // namespace

void AddAccountRoutes(Server& server, auth::Accounts& accounts, const AccountRoutesOptions& options) {
  const std::string cookie_name = options.cookie_name;

  server.SetAuthenticator([&accounts, cookie_name](const Request& req) -> ApiResult<Identity> {
    std::string header = req.header("Authorization");
    Result<auth::Authenticated> a = MakeError(ErrorCode::kUnauthenticated, "");
    if (!header.empty()) {
      if (header.rfind("Bearer ", 0) != 0)
        return ApiError::Field(ErrorCode::kUnauthenticated, "Authorization", "expected \"Bearer <API token>\"");
      a = accounts.AuthenticateToken(header.substr(7));
    } else if (auto cookie = req.cookie(cookie_name)) {
      a = accounts.AuthenticateSession(*cookie);
    } else {
      return ApiError(MakeError(ErrorCode::kUnauthenticated,
                                "not signed in: POST /v1/session, or send Authorization: Bearer <API token>"));
    }
    if (!a) return ApiError(a.error());
    return IdentityOf(*a);
  });

  server.AddRoute({"POST", "/v1/session", Audience::kPublic, std::nullopt, BodyKind::kJson,
                   [&accounts, cookie_name](Request& req) -> ApiResult<Response> {
                     auto body = internal::DecodeLogin(req.body());
                     if (!body) return body.error();
                     auto delay = accounts.LoginDelay(body->username, req.client_addr());
                     if (!delay) return delay.error();
                     if (delay->count() > 0) {
                       ApiError e(MakeError(ErrorCode::kResourceExhausted,
                                            "too many failed sign-ins for this account or address; retry after " +
                                                std::to_string(delay->count()) + " s"));
                       e.retry_after_seconds = static_cast<int>(delay->count());
                       return e;
                     }
                     auto login = accounts.Login(body->username, body->password, req.client_addr(),
                                                 req.header("User-Agent"), req.request_id());
                     if (!login) return login.error();
                     json out = {{"user", UserJson(login->user)},
                                 {"csrf_token", login->session.csrf_token},
                                 {"expires_at", IsoTime(login->session.expires_at)},
                                 {"idle_timeout_seconds", accounts.options().session_idle.count()}};
                     Response r = Response::Json(201, Dump(out));
                     r.Header("Set-Cookie", Cookie(cookie_name, login->session_token,
                                                   accounts.options().session_absolute.count(), req.secure()));
                     return r;
                   }});

  server.AddRoute({"GET", "/v1/session", Audience::kAuthenticated, std::nullopt, BodyKind::kNone,
                   [&accounts, cookie_name](Request& req) -> ApiResult<Response> {
                     auto a = Reload(accounts, req, cookie_name);
                     if (!a) return a.error();
                     json out = {{"user", UserJson(a->user)}, {"auth", a->session ? "session" : "token"}};
                     if (a->session) {
                       out["csrf_token"] = a->session->csrf_token;
                       out["expires_at"] = IsoTime(a->session->expires_at);
                     } else {
                       out["token"] = TokenJson(*a->token);
                     }
                     return Response::Json(200, Dump(out));
                   }});

  server.AddRoute({"DELETE", "/v1/session", Audience::kAuthenticated, std::nullopt, BodyKind::kNone,
                   [&accounts, cookie_name](Request& req) -> ApiResult<Response> {
                     if (req.identity().method != AuthMethod::kSession)
                       return ApiError::Field(
                           ErrorCode::kInvalidArgument, "Authorization",
                           "an API token is revoked with DELETE /v1/tokens/{id}, not by signing out");
                     auto r = accounts.Logout(req.identity().credential_id,
                                              auth::WriteContext{req.identity().principal.user_id, req.request_id()});
                     if (!r) return r.error();
                     Response out = Response::NoContent();
                     out.Header("Set-Cookie", Cookie(cookie_name, "", 0, req.secure()));
                     return out;
                   }});

  server.AddRoute({"POST", "/v1/tokens", Audience::kAction, access::Action::kTokenManage, BodyKind::kJson,
                   [&accounts, cookie_name](Request& req) -> ApiResult<Response> {
                     auto body = internal::DecodeCreateToken(req.body());
                     if (!body) return body.error();
                     auto owner = Reload(accounts, req, cookie_name);
                     if (!owner) return owner.error();
                     std::optional<std::chrono::hours> life;
                     if (body->expires_in_days) life = std::chrono::hours(*body->expires_in_days * 24);
                     auto made = accounts.CreateToken(*owner, body->name, body->scopes, life, req.request_id());
                     if (!made) return WithField(made.error(), {"name", "scopes", "expires_in_days"});
                     json out = TokenJson(made->token);
                     out["token"] = made->secret;
                     return Response::Json(201, Dump(out)).Header("Location", "/v1/tokens/" + made->token.id);
                   }});

  server.AddRoute({"GET", "/v1/tokens", Audience::kAction, access::Action::kTokenManage, BodyKind::kNone,
                   [&accounts](Request& req) -> ApiResult<Response> {
                     auto tokens = accounts.ListTokens(req.identity().principal.user_id);
                     if (!tokens) return tokens.error();
                     json list = json::array();
                     for (const auth::ApiToken& t : *tokens) list.push_back(TokenJson(t));
                     return Response::Json(200, Dump(json{{"tokens", list}}));
                   }});

  server.AddRoute({"DELETE", "/v1/tokens/{id}", Audience::kAction, access::Action::kTokenManage, BodyKind::kNone,
                   [&accounts](Request& req) -> ApiResult<Response> {
                     auto r =
                         accounts.RevokeToken(req.identity().principal.user_id, req.PathParam("id"), req.request_id());
                     if (!r) return r.error();
                     return Response::NoContent();
                   }});

  AddUserRoutes(server, accounts, options.person_exists);
}

}  // namespace highfence::server
