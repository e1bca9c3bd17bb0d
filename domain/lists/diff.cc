// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/diff.h"

#include <map>
#include <string>

namespace highfence::lists {

ListDiff Diff(const model::ListSnapshot& a, const model::ListSnapshot& b) {
  std::map<std::string, const model::ListEntry*> in_a, in_b;
  for (const model::ListEntry& e : a.entries) in_a.emplace(e.entry_id, &e);
  for (const model::ListEntry& e : b.entries) in_b.emplace(e.entry_id, &e);
  ListDiff d;
  for (const model::ListEntry& e : b.entries) {
    auto it = in_a.find(e.entry_id);
    if (it == in_a.end()) {
      d.added.push_back(e);
      continue;
    }
    if (in_b[e.entry_id] != &e) continue;  // a repeated id: compare the first only
    model::ListEntry before = *it->second, after = e;
    before.source_line = after.source_line = 0;
    if (!(before == after)) d.changed.push_back({*it->second, e});
  }
  for (const model::ListEntry& e : a.entries) {
    if (in_b.find(e.entry_id) == in_b.end()) d.removed.push_back(e);
  }
  return d;
}

}  // namespace highfence::lists
