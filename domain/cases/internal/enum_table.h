// SPDX-License-Identifier: Apache-2.0
#pragma once
// EnumTable: the one place an enum of domain/cases meets its stable snake_case names (JSON,
// CLI, import files). Id(), Parse() and Expected() ("a, b, c" for error messages) all read the
// same array, so a name cannot be written two ways. Internal to domain/cases.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace highfence::cases::internal {

template <typename E, std::size_t N>
struct EnumTable {
  std::array<std::pair<E, std::string_view>, N> entries;

  std::string_view Id(E value) const {
    for (const auto& [e, name] : entries) {
      if (e == value) return name;
    }
    return "unknown";
  }
  std::optional<E> Parse(std::string_view name) const {
    for (const auto& [e, id] : entries) {
      if (id == name) return e;
    }
    return std::nullopt;
  }
  std::string Expected() const {
    std::string out;
    for (const auto& entry : entries) {
      if (!out.empty()) out += ", ";
      out += entry.second;
    }
    return out;
  }
};

}  // namespace highfence::cases::internal
