// SPDX-License-Identifier: Apache-2.0
#include "server/user_routes.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "server/etag.h"
#include "server/internal/bodies.h"
#include "server/internal/paging.h"
#include "server/internal/resource_util.h"

namespace highfence::server {
namespace {

using nlohmann::json;

// The administrator's view of a user: everything but the password hash.
json AdminUserJson(const auth::User& u) {
  json roles = json::array();
  for (access::Role r : u.roles) roles.push_back(access::RoleName(r));
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"email", u.email},
          {"roles", roles},
          {"tenant_id", u.tenant_id},
          {"person_id", u.person_id.empty() ? json(nullptr) : json(u.person_id)},
          {"disabled", u.disabled},
          {"version", u.version},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Response UserResponse(int status, const auth::User& u) {
  return Response::Json(status, Dump(AdminUserJson(u))).Header("ETag", ETagFor(u.version));
}

// Errors of auth::Accounts name their field as "field: …" (422 for invalid values, 409 for a
// taken name or a self-lock-out, each with its field).
ApiError UserError(Error e) {
  ApiError out = internal::StoreError(e);
  if (out.field.empty()) {
    for (std::string_view f : {"username", "password", "roles", "person_id", "disabled", "display_name", "email"})
      if (out.message.rfind(std::string(f) + ":", 0) == 0) out.field = f;
    if (e.code == ErrorCode::kAlreadyExists && out.message.find("login taken") != std::string::npos)
      out.field = "username";
  }
  return out;
}

// 422 unless the person exists in the administrator's tenant.
ApiResult<void> CheckPerson(const PersonCheck& person_exists, const std::string& tenant_id,
                            const std::string& person_id) {
  if (person_id.empty()) return {};
  if (!person_exists) return ApiError::Unprocessable("person_id", "cannot be checked: this server has no case store");
  auto found = person_exists(tenant_id, person_id);
  if (found) return {};
  if (found.error().code == ErrorCode::kNotFound)
    return ApiError::Unprocessable("person_id", "no person " + person_id + " in tenant " + tenant_id);
  return ApiError(found.error());
}

}  // namespace

PersonCheck PersonCheckOn(storage::CaseStore& cases) {
  return [&cases](std::string_view tenant_id, std::string_view person_id) -> Result<void> {
    auto person = cases.GetPerson(storage::Visibility::Of({std::string(tenant_id)}), person_id);
    if (!person) return person.error();
    return Ok();
  };
}

void AddUserRoutes(Server& server, auth::Accounts& accounts, PersonCheck person_exists) {
  using A = access::Action;

  server.AddRoute({"GET", "/v1/users", Audience::kAction, A::kUserAdmin, BodyKind::kNone,
                   [&accounts](Request& req) -> ApiResult<Response> {
                     internal::PagingSpec spec{.sorts = {"username", "display_name", "created_at", "updated_at"},
                                               .filters = {"disabled", "person_id"},
                                               .extra = {"role"},
                                               .default_descending = false};
                     auto page = internal::ParsePaging(req, spec);
                     if (!page) return page.error();
                     std::optional<access::Role> role;
                     if (auto r = req.query("role")) {
                       auto parsed = access::ParseRole(*r);
                       if (!parsed) return ApiError::Field(ErrorCode::kInvalidArgument, "role", parsed.error().message);
                       role = *parsed;
                     }
                     auto users = accounts.ListUsers(req.identity().principal);
                     if (!users) return UserError(users.error());
                     json items = json::array();
                     for (const auth::User& u : *users)
                       if (!role || std::find(u.roles.begin(), u.roles.end(), *role) != u.roles.end())
                         items.push_back(AdminUserJson(u));
                     return Response::Json(200, Dump(internal::PageInMemory(items, *page)));
                   }});

  server.AddRoute({"POST", "/v1/users", Audience::kAction, A::kUserAdmin, BodyKind::kJson,
                   [&accounts, person_exists](Request& req) -> ApiResult<Response> {
                     auto body = internal::DecodeCreateUser(req.body());
                     if (!body) return body.error();
                     const access::Principal& admin = req.identity().principal;
                     if (auto ok = CheckPerson(person_exists, admin.tenant_id, body->person_id); !ok) return ok.error();
                     auth::NewUser n{.username = body->username,
                                     .password = body->password,
                                     .display_name = body->display_name,
                                     .email = body->email,
                                     .roles = body->roles,
                                     .person_id = body->person_id};
                     auto made = accounts.CreateUser(admin, n, req.request_id());
                     if (!made) return UserError(made.error());
                     return UserResponse(201, *made).Header("Location", "/v1/users/" + made->id);
                   }});

  server.AddRoute({"GET", "/v1/users/{id}", Audience::kAction, A::kUserAdmin, BodyKind::kNone,
                   [&accounts](Request& req) -> ApiResult<Response> {
                     auto user = accounts.GetUser(req.identity().principal, req.PathParam("id"));
                     if (!user) return UserError(user.error());
                     return UserResponse(200, *user);
                   }});

  server.AddRoute({"PATCH", "/v1/users/{id}", Audience::kAction, A::kUserAdmin, BodyKind::kJson,
                   [&accounts, person_exists](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::DecodeUserChange(req.body());
                     if (!body) return body.error();
                     const access::Principal& admin = req.identity().principal;
                     if (body->person_id)
                       if (auto ok = CheckPerson(person_exists, admin.tenant_id, *body->person_id); !ok)
                         return ok.error();
                     auth::UserChange change{.display_name = body->display_name,
                                             .email = body->email,
                                             .roles = body->roles,
                                             .person_id = body->person_id,
                                             .disabled = body->disabled};
                     auto updated = accounts.UpdateUser(admin, req.PathParam("id"), *version, change, req.request_id());
                     if (!updated) return UserError(updated.error());
                     return UserResponse(200, *updated);
                   }});

  server.AddRoute({"POST", "/v1/users/{id}/password", Audience::kAction, A::kUserAdmin, BodyKind::kJson,
                   [&accounts](Request& req) -> ApiResult<Response> {
                     auto body = internal::DecodeNewPassword(req.body());
                     if (!body) return body.error();
                     auto r = accounts.ResetPassword(req.identity().principal, req.PathParam("id"), body->password,
                                                     {.revoke_api_tokens = body->revoke_api_tokens}, req.request_id());
                     if (!r) return UserError(r.error());
                     return Response::NoContent();
                   }});
}

}  // namespace highfence::server
