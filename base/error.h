// SPDX-License-Identifier: Apache-2.0
#pragma once
// Error: the one error vocabulary of highfence, a subset of abseil's canonical codes with
// the same meanings. Every fallible function returns Result<T> (base/result.h) carrying an
// Error whose message names the file, line or field concerned, e.g.
//   "lists/meti_eul.csv:214: column \"name\" is empty".
// Edges map the code once: server/error_mapping.cc to HTTP, cli/main.cc to an exit status.
#include <string>
#include <string_view>

namespace highfence {

enum class ErrorCode {
  kInvalidArgument,     // bad input: a malformed file, field or option
  kNotFound,            // a file, id or entry that does not exist
  kAlreadyExists,       // a unique key taken
  kFailedPrecondition,  // an illegal transition, an encrypted document
  kAborted,             // a concurrent change won: stale version, retry (HTTP 409)
  kPermissionDenied,    // authenticated but not allowed
  kUnauthenticated,     // no valid credentials
  kResourceExhausted,   // a size or rate limit
  kUnavailable,         // a peer or database not reachable
  kDataLoss,            // a corrupt file or database
  kUnimplemented,       // a format or feature we do not support
  kInternal,            // a bug or a library failure we cannot explain
};

// Stable lower-case name of a code ("invalid_argument"), used in JSON and CLI output.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  // "<context>: <message>", for adding where on the way up (watchman style).
  Error WithContext(std::string_view context) const;
  // "<code name>: <message>"
  std::string ToString() const;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace highfence
