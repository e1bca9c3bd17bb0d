// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/internal/text.h"

namespace highfence::workflow::internal {

bool HasText(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 3) == kIdeographicSpace) {
      i += 3;
    } else {
      return true;
    }
  }
  return false;
}

std::string Join(const std::vector<std::string>& items, std::string_view empty) {
  if (items.empty()) return std::string(empty);
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Error FieldError(std::string_view record, std::string_view field, std::string_view reason) {
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(record) + ": field \"" + std::string(field) + "\": " + std::string(reason));
}

Result<void> RequireText(std::string_view record, std::string_view field, std::string_view value) {
  if (HasText(value)) return Ok();
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(record) + ": field \"" + std::string(field) + "\" is required");
}

}  // namespace highfence::workflow::internal
