// SPDX-License-Identifier: Apache-2.0
#include "server/internal/evidence.h"

namespace highfence::server::internal {

Result<storage::CheckSubject> CheckSubjectOf(storage::CaseStore& store, const storage::Visibility& visible,
                                             const cases::Subject& subject) {
  storage::CheckSubject out;
  out.subject = subject;
  if (subject.kind == cases::SubjectKind::kPerson) {
    auto p = store.GetPerson(visible, subject.id);
    if (!p) return p.error();
    out.names = p->value.names;
    return out;
  }
  if (auto o = store.GetOrganisation(visible, subject.id)) {
    out.names = o->value.names;
    out.country = o->value.country;
    return out;
  }
  auto i = store.GetInstitution(visible, subject.id);
  if (!i) return MakeError(ErrorCode::kNotFound, "subject.id: no visible organisation or institution " + subject.id);
  for (const std::string* n : {&i->value.name_ja, &i->value.name_en})
    if (!n->empty()) out.names.push_back(cases::Name{*n, cases::NameScript::kOther, cases::NameKind::kLegal});
  return out;
}

}  // namespace highfence::server::internal
