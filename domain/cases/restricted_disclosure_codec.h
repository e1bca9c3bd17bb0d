// SPDX-License-Identifier: Apache-2.0
#pragma once
// The JSON codec of RestrictedDisclosure (items ⑫ and ⑬), apart from codec.h so that only the
// code allowed to hold restricted items (storage/, server/, cli/; tests/architecture_test.sh)
// can serialise them. Same conventions as codec.h.
//
//   std::string body = cases::ToJson(restricted);
//   auto back = cases::FromJson<cases::RestrictedDisclosure>(body);
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/cases/codec.h"
#include "domain/cases/restricted_disclosure.h"

namespace highfence::cases {

std::string ToJson(const RestrictedDisclosure& value, const JsonOptions& options = {});

// Errors as FromJson's in codec.h, e.g. "non_resident_status.non_resident: a string, expected
// true or false".
template <>
Result<RestrictedDisclosure> FromJson<RestrictedDisclosure>(std::string_view json);

}  // namespace highfence::cases
