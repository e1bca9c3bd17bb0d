// SPDX-License-Identifier: Apache-2.0
#include "domain/checking/list_check.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace highfence::checking {

cases::ListCheck CheckNames(const EntityChecker& checker, const cases::Subject& subject,
                            std::span<const cases::Name> names, std::string_view country) {
  cases::ListCheck check;
  check.subject = subject;
  for (const model::ListSnapshot& s : checker.snapshots())
    check.snapshots.push_back({s.list_id, s.version_date, s.content_hash});
  CheckOptions o;
  o.kind = subject.kind == cases::SubjectKind::kPerson ? names::Kind::kPerson : names::Kind::kOrganisation;
  o.country = std::string(country);
  std::map<std::pair<std::string, std::string>, cases::ListHitRef> best;  // (list, entry) → best hit
  for (const cases::Name& name : names) {
    if (check.query.empty()) check.query = name.text;
    for (const ListHit& h : checker.Check(name.text, o).hits) {
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

}  // namespace highfence::checking
