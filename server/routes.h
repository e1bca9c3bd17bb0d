// SPDX-License-Identifier: Apache-2.0
#pragma once
// Route: one entry of the server's route table (method, path pattern, who may call it, handler).
// The table can be enumerated: the OpenAPI coverage test and the role-matrix test walk it.
// Patterns are literal segments and {name} segments: "/v1/cases/{id}/decisions".
#include <functional>
#include <optional>
#include <string>

#include "domain/access/action.h"
#include "server/api_error.h"
#include "server/http.h"

namespace highfence::server {

enum class Audience {
  kPublic,         // no credentials needed (/healthz, login)
  kAuthenticated,  // any signed-in user (GET /v1/session)
  kAction,         // a user whose role grants `action` (and a token whose scope includes it)
};

enum class BodyKind {
  kNone,    // GET / DELETE
  kJson,    // limited by Options::max_body_bytes
  kUpload,  // multipart uploads, limited by Options::max_upload_bytes
};

using Handler = std::function<ApiResult<Response>(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string pattern;  // "/v1/tokens/{id}"
  Audience audience = Audience::kAction;
  std::optional<access::Action> action;  // REQUIRES: set iff audience == kAction
  BodyKind body = BodyKind::kNone;
  Handler handler;
};

// Does `path` match `pattern`? Fills params with the {name} segments on success.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string, std::less<>>* params);

}  // namespace highfence::server
