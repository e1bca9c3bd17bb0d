// SPDX-License-Identifier: Apache-2.0
#pragma once
// Subject: whom a step of the procedure is about (対象): a person on the team or a partner
// institution, by the opaque id domain/cases gives them ("p_…", "inst_…"). Evaluations,
// measures, flags and follow-ups all name their subject this way.
#include <compare>
#include <string>
#include <string_view>

#include "base/result.h"

namespace highfence::workflow {

enum class SubjectKind {
  kPerson,       // 研究者 (a team member)
  kInstitution,  // 機関 (a partner institution)
};

struct Subject {
  SubjectKind kind = SubjectKind::kPerson;
  std::string id;
  auto operator<=>(const Subject&) const = default;
};

std::string_view Name(SubjectKind kind);  // "person", "institution"
Result<SubjectKind> ParseSubjectKind(std::string_view text);
// "person p_7f3a…" — the form every message uses.
std::string Describe(const Subject& subject);

}  // namespace highfence::workflow
