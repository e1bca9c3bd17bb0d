// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/name.h"

#include "domain/cases/internal/enums.h"

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

}  // namespace highfence::cases
