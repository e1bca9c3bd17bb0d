// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small text checks shared by the validators of domain/workflow.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::workflow::internal {

// True when `text` holds something other than ASCII or ideographic (U+3000) spaces, tabs
// and line breaks: a rationale of "　" (a full-width space) is as empty as "".
bool HasText(std::string_view text);

// kInvalidArgument "<record>: field \"<field>\" is required" unless HasText(value).
Result<void> RequireText(std::string_view record, std::string_view field, std::string_view value);

// "a, b, c" (or `empty` when there is nothing to join).
std::string Join(const std::vector<std::string>& items, std::string_view empty = "none");

// kInvalidArgument "<record>: field \"<field>\": <reason>".
Error FieldError(std::string_view record, std::string_view field, std::string_view reason);

}  // namespace highfence::workflow::internal
