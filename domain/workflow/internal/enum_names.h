// SPDX-License-Identifier: Apache-2.0
#pragma once
// One {value, name} table per enum of domain/workflow, and the two lookups every Name() and
// Parse*() of the module is written with, so a name is spelled in one place.
#include <array>
#include <string>
#include <string_view>

#include "base/result.h"

namespace highfence::workflow::internal {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

template <typename E, size_t N>
constexpr std::string_view NameIn(const std::array<EnumName<E>, N>& table, E value) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.name;
  return "unknown";
}

// kInvalidArgument: "<what>: unknown \"<text>\" (known: a, b, c)".
template <typename E, size_t N>
Result<E> ParseIn(const std::array<EnumName<E>, N>& table, std::string_view text, std::string_view what) {
  std::string known;
  for (const auto& entry : table) {
    if (entry.name == text) return entry.value;
    known += known.empty() ? "" : ", ";
    known += entry.name;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(what) + ": unknown \"" + std::string(text) + "\" (known: " + known + ")");
}

}  // namespace highfence::workflow::internal
