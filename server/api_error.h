// SPDX-License-Identifier: Apache-2.0
#pragma once
// ApiError: an Error (base/error.h) as the HTTP API answers it: the stable code, a message, the
// field concerned, and the HTTP status when it is not the code's usual one (413, 422, 405, 428).
// server/error_mapping.cc maps ErrorCode to status in one place; the body is
//   {"error":{"code":"invalid_argument","message":"...","field":"password","request_id":"..."}}.
// For 500 the message is logged, never sent: the client sees "internal error" and the request id.
//
//   if (name.empty()) return ApiError::Field(ErrorCode::kInvalidArgument, "name", "must not be empty");
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "base/result.h"

namespace highfence::server {

struct ApiError {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;            // the JSON field, header or parameter concerned; "" if none
  int status = 0;               // 0: the code's usual status (HttpStatusFor)
  std::string wire_code;        // "": ErrorCodeName(code); else a stable HTTP-level code
  int retry_after_seconds = 0;  // > 0: sent as Retry-After (429, 503)

  ApiError() = default;
  ApiError(Error e) : code(e.code), message(std::move(e.message)) {}  // NOLINT: implicit by design

  static ApiError Field(ErrorCode code, std::string field, std::string message);
  // 422: well-formed JSON whose field has the wrong type or value.
  static ApiError Unprocessable(std::string field, std::string message);
  // 413: a body larger than the route allows.
  static ApiError TooLarge(std::string message);

  int HttpStatus() const;
  std::string_view WireCode() const;
};

// A value or an ApiError; like Result<T> (base/result.h), an error converts implicitly.
template <typename T>
class [[nodiscard]] ApiResult : public tl::expected<T, ApiError> {
 public:
  using tl::expected<T, ApiError>::expected;
  ApiResult(ApiError e) : tl::expected<T, ApiError>(tl::unexpect, std::move(e)) {}         // NOLINT
  ApiResult(Error e) : tl::expected<T, ApiError>(tl::unexpect, ApiError(std::move(e))) {}  // NOLINT
};

// The usual HTTP status of an error code: 400 invalid_argument, 401 unauthenticated,
// 403 permission_denied, 404 not_found, 409 aborted / already_exists / failed_precondition,
// 429 resource_exhausted, 501 unimplemented, 503 unavailable, 500 data_loss / internal.
int HttpStatusFor(ErrorCode code);

}  // namespace highfence::server
