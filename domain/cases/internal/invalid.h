// SPDX-License-Identifier: Apache-2.0
#pragma once
// Invalid(field, what): the kInvalidArgument every validator of domain/cases returns, with the
// field path first ("team[2].role: …") so a form or an import can point at it.
#include <string>
#include <string_view>

#include "base/error.h"

namespace highfence::cases::internal {

inline Error Invalid(std::string_view field, std::string_view what) {
  return MakeError(ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(what));
}

inline std::string Quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

inline std::string Indexed(std::string_view field, size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

}  // namespace highfence::cases::internal
