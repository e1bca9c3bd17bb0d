// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/screening_ref.h"

#include "domain/cases/internal/enums.h"

namespace highfence::cases {

std::string_view SubjectKindId(SubjectKind kind) {
  return internal::kSubjectKinds.Id(kind);
}
std::optional<SubjectKind> ParseSubjectKind(std::string_view id) {
  return internal::kSubjectKinds.Parse(id);
}
std::string_view ScreeningKindId(ScreeningKind kind) {
  return internal::kScreeningKinds.Id(kind);
}
std::optional<ScreeningKind> ParseScreeningKind(std::string_view id) {
  return internal::kScreeningKinds.Parse(id);
}

}  // namespace highfence::cases
