// SPDX-License-Identifier: Apache-2.0
#pragma once
// Result<T>: a value or an Error (base/error.h). [[nodiscard]], so a dropped Result is a
// warning (an error under -Werror=unused-result). Built on tl::expected because g++ 12 has
// std::expected only under -std=c++2b; a move to C++23 changes only this file.
//
//   Result<Text> r = Read(path);
//   if (!r) return r.error().WithContext(path);   // early return, no exceptions
#include <tl/expected.hpp>

#include "base/error.h"

namespace highfence {

template <typename T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(Error e) : tl::expected<T, Error>(tl::unexpect, std::move(e)) {}     // NOLINT: implicit by design
  Result(tl::expected<T, Error> e) : tl::expected<T, Error>(std::move(e)) {}  // NOLINT
};

inline Result<void> Ok() {
  return {};
}

}  // namespace highfence
