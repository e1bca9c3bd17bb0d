// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/name.h"

#include "domain/cases/internal/enums.h"
#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

std::string_view NameScriptId(NameScript script) {
  return internal::kNameScripts.Id(script);
}
std::optional<NameScript> ParseNameScript(std::string_view id) {
  return internal::kNameScripts.Parse(id);
}
std::string_view NameKindId(NameKind kind) {
  return internal::kNameKinds.Id(kind);
}
std::optional<NameKind> ParseNameKind(std::string_view id) {
  return internal::kNameKinds.Parse(id);
}

Result<void> ValidateNames(const std::vector<Name>& names, std::string_view what) {
  if (names.empty()) return internal::Invalid("names", std::string(what) + " needs at least one name");
  for (size_t i = 0; i < names.size(); ++i) {
    if (internal::Trim(names[i].text).empty())
      return internal::Invalid(internal::Indexed("names", i) + ".text", "empty");
  }
  return Ok();
}

}  // namespace highfence::cases
