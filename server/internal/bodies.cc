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

}  // namespace highfence::server::internal
