// SPDX-License-Identifier: Apache-2.0
// The one mapping of ErrorCode to HTTP status (STYLE §3.7).
#include "server/api_error.h"

namespace highfence::server {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAborted:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnimplemented:
      return 501;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

ApiError ApiError::Field(ErrorCode code, std::string field, std::string message) {
  ApiError e;
  e.code = code;
  e.field = std::move(field);
  e.message = std::move(message);
  return e;
}

ApiError ApiError::Unprocessable(std::string field, std::string message) {
  ApiError e = Field(ErrorCode::kInvalidArgument, std::move(field), std::move(message));
  e.status = 422;
  return e;
}

ApiError ApiError::TooLarge(std::string message) {
  ApiError e = Field(ErrorCode::kResourceExhausted, "body", std::move(message));
  e.status = 413;
  e.wire_code = "payload_too_large";
  return e;
}

int ApiError::HttpStatus() const {
  return status != 0 ? status : HttpStatusFor(code);
}

std::string_view ApiError::WireCode() const {
  return wire_code.empty() ? ErrorCodeName(code) : std::string_view(wire_code);
}

}  // namespace highfence::server
