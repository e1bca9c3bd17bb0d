// SPDX-License-Identifier: Apache-2.0
#pragma once
// Decoders of the account endpoints' request bodies (fuzzed by tests/fuzz/request_body_fuzzer.cc).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/action.h"
#include "domain/access/role.h"
#include "server/api_error.h"

namespace highfence::server::internal {

struct LoginBody {
  std::string username;
  std::string password;
};

struct CreateTokenBody {
  std::string name;
  std::vector<access::Action> scopes;
  std::optional<int64_t> expires_in_days;
};

// POST /v1/users: the initial password is set by the administrator (as `highfence user add`).
struct CreateUserBody {
  std::string username;
  std::string password;
  std::string display_name;
  std::string email;
  std::vector<access::Role> roles;
  std::string person_id;
};

// PATCH /v1/users/{id}: only the fields present change; at least one must be.
struct UserChangeBody {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::vector<access::Role>> roles;
  std::optional<std::string> person_id;  // "" or null unlinks
  std::optional<bool> disabled;
};

// POST /v1/users/{id}/password: {"password": "…", "revoke_api_tokens": false}.
struct NewPasswordBody {
  std::string password;
  // The user's API tokens are revoked with the reset unless the administrator says false ("the
  // user only forgot the password": their scripts keep working).
  bool revoke_api_tokens = true;
};

ApiResult<LoginBody> DecodeLogin(std::string_view body);
ApiResult<CreateUserBody> DecodeCreateUser(std::string_view body);
ApiResult<UserChangeBody> DecodeUserChange(std::string_view body);
ApiResult<NewPasswordBody> DecodeNewPassword(std::string_view body);
ApiResult<CreateTokenBody> DecodeCreateToken(std::string_view body);

}  // namespace highfence::server::internal
