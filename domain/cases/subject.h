// SPDX-License-Identifier: Apache-2.0
#pragma once
// Subject: whom a piece of evidence or an evaluation is about (評価対象) — a person of the team
// or a partner organisation. ② リスク評価 is carried out per subject.
#include <optional>
#include <string>
#include <string_view>

namespace highfence::cases {

enum class SubjectKind { kPerson, kOrganisation };

struct Subject {
  SubjectKind kind = SubjectKind::kPerson;
  std::string id;  // a Person id or an Organisation / Institution id
  bool operator==(const Subject&) const = default;
};

std::string_view SubjectKindId(SubjectKind kind);  // "person", "organisation"
std::optional<SubjectKind> ParseSubjectKind(std::string_view id);

}  // namespace highfence::cases
