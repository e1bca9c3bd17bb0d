// SPDX-License-Identifier: Apache-2.0
#include "server/internal/bodies.h"

#include "server/internal/json_body.h"

namespace highfence::server::internal {

ApiResult<LoginBody> DecodeLogin(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj) return obj.error();
  if (auto r = RejectUnknownFields(*obj, {"username", "password"}); !r) return r.error();
  auto username = RequiredString(*obj, "username", 200);
  if (!username) return username.error();
  auto password = RequiredString(*obj, "password", 1024);
  if (!password) return password.error();
  return LoginBody{std::move(*username), std::move(*password)};
}

ApiResult<CreateTokenBody> DecodeCreateToken(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj) return obj.error();
  if (auto r = RejectUnknownFields(*obj, {"name", "scopes", "expires_in_days"}); !r) return r.error();
  CreateTokenBody out;
  auto name = RequiredString(*obj, "name", 200);
  if (!name) return name.error();
  out.name = std::move(*name);
  auto scopes = StringArray(*obj, "scopes", 64, 64);
  if (!scopes) return scopes.error();
  if (scopes->empty()) return ApiError::Unprocessable("scopes", "required: at least one action, e.g. \"case.read\"");
  for (size_t i = 0; i < scopes->size(); ++i) {
    auto action = access::ParseAction((*scopes)[i]);
    if (!action) return ApiError::Unprocessable("scopes[" + std::to_string(i) + "]", action.error().message);
    out.scopes.push_back(*action);
  }
  auto days = OptionalInt(*obj, "expires_in_days", 1, 366);
  if (!days) return days.error();
  out.expires_in_days = *days;
  return out;
}

namespace {

ApiResult<std::vector<access::Role>> Roles(const nlohmann::json& obj) {
  auto names = StringArray(obj, "roles", 16, 64);
  if (!names) return names.error();
  std::vector<access::Role> out;
  for (size_t i = 0; i < names->size(); ++i) {
    auto role = access::ParseRole((*names)[i]);
    if (!role) return ApiError::Unprocessable("roles[" + std::to_string(i) + "]", role.error().message);
    out.push_back(*role);
  }
  if (out.empty()) return ApiError::Unprocessable("roles", "required: at least one role, e.g. \"researcher\"");
  return out;
}

}  // namespace

ApiResult<CreateUserBody> DecodeCreateUser(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj) return obj.error();
  if (auto r = RejectUnknownFields(*obj, {"username", "password", "display_name", "email", "roles", "person_id"}); !r)
    return r.error();
  CreateUserBody out;
  auto username = RequiredString(*obj, "username", 64);
  if (!username) return username.error();
  out.username = std::move(*username);
  auto password = RequiredString(*obj, "password", 1024);
  if (!password) return password.error();
  out.password = std::move(*password);
  auto roles = Roles(*obj);
  if (!roles) return roles.error();
  out.roles = std::move(*roles);
  for (auto [field, target] : {std::pair{"display_name", &out.display_name}, std::pair{"email", &out.email},
                               std::pair{"person_id", &out.person_id}}) {
    auto v = OptionalString(*obj, field, 200);
    if (!v) return v.error();
    *target = v->value_or("");
  }
  return out;
}

ApiResult<UserChangeBody> DecodeUserChange(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj) return obj.error();
  if (auto r = RejectUnknownFields(*obj, {"display_name", "email", "roles", "person_id", "disabled"}); !r)
    return r.error();
  if (obj->empty())
    return ApiError::Unprocessable("body", "nothing to change: give display_name, email, roles, person_id or disabled");
  UserChangeBody out;
  for (auto [field, target] : {std::pair{"display_name", &out.display_name}, std::pair{"email", &out.email},
                               std::pair{"person_id", &out.person_id}}) {
    if (!obj->contains(field)) continue;
    auto v = OptionalString(*obj, field, 200);
    if (!v) return v.error();
    *target = v->value_or("");
  }
  if (obj->contains("roles")) {
    auto roles = Roles(*obj);
    if (!roles) return roles.error();
    out.roles = std::move(*roles);
  }
  if (auto it = obj->find("disabled"); it != obj->end()) {
    if (!it->is_boolean()) return ApiError::Unprocessable("disabled", "must be true or false");
    out.disabled = it->get<bool>();
  }
  return out;
}

ApiResult<NewPasswordBody> DecodeNewPassword(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj) return obj.error();
  if (auto r = RejectUnknownFields(*obj, {"password", "revoke_api_tokens"}); !r) return r.error();
  NewPasswordBody out;
  auto password = RequiredString(*obj, "password", 1024);
  if (!password) return password.error();
  out.password = std::move(*password);
  if (auto it = obj->find("revoke_api_tokens"); it != obj->end()) {
    if (!it->is_boolean()) return ApiError::Unprocessable("revoke_api_tokens", "must be true or false");
    out.revoke_api_tokens = it->get<bool>();
  }
  return out;
}

}  // namespace highfence::server::internal
