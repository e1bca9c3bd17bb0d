// SPDX-License-Identifier: Apache-2.0
#pragma once
// Decoders of the account endpoints' request bodies (fuzzed by tests/fuzz/request_body_fuzzer.cc).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/action.h"
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

ApiResult<LoginBody> DecodeLogin(std::string_view body);
ApiResult<CreateTokenBody> DecodeCreateToken(std::string_view body);

}  // namespace highfence::server::internal
