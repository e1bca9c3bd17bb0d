// SPDX-License-Identifier: Apache-2.0
#include "server/internal/evidence.h"

#include <algorithm>
#include <map>

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

cases::ListCheck CheckNames(const checking::EntityChecker& checker, const storage::CheckSubject& subject) {
  cases::ListCheck check;
  check.subject = subject.subject;
  for (const model::ListSnapshot& s : checker.snapshots())
    check.snapshots.push_back({s.list_id, s.version_date, s.content_hash});
  checking::CheckOptions o;
  o.kind = subject.subject.kind == cases::SubjectKind::kPerson ? names::Kind::kPerson : names::Kind::kOrganisation;
  o.country = subject.country;
  std::map<std::pair<std::string, std::string>, cases::ListHitRef> best;
  for (const cases::Name& name : subject.names) {
    if (check.query.empty()) check.query = name.text;
    for (const checking::ListHit& h : checker.Check(name.text, o).hits) {
      cases::ListHitRef ref{{h.list_id, h.snapshot_version, h.snapshot_hash},
                            h.entry_id,
                            h.primary_name,
                            h.match.record_name,
                            h.match.score,
                            h.match.explanation};
      auto key = std::make_pair(h.list_id, h.entry_id);
      auto it = best.find(key);
      if (it == best.end() || it->second.score < ref.score) best[key] = std::move(ref);
    }
  }
  for (auto& [key, ref] : best) check.hits.push_back(std::move(ref));
  std::stable_sort(check.hits.begin(), check.hits.end(),
                   [](const cases::ListHitRef& a, const cases::ListHitRef& b) { return a.score > b.score; });
  return check;
}

}  // namespace highfence::server::internal
