// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/subject.h"

#include "domain/workflow/internal/enum_names.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<SubjectKind>, 2> kSubjectKinds{{
    {SubjectKind::kPerson, "person"},
    {SubjectKind::kInstitution, "institution"},
}};

}  // namespace

std::string_view Name(SubjectKind kind) {
  return internal::NameIn(kSubjectKinds, kind);
}

Result<SubjectKind> ParseSubjectKind(std::string_view text) {
  return internal::ParseIn(kSubjectKinds, text, "subject kind");
}

std::string Describe(const Subject& subject) {
  return std::string(Name(subject.kind)) + " " + subject.id;
}

}  // namespace highfence::workflow
