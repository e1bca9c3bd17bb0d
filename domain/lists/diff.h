// SPDX-License-Identifier: Apache-2.0
#pragma once
// Diff: what changed between two snapshots of one list (リスト更新差分), by entry_id.
// An entry is "changed" when any field other than source_line differs. Pure; O(n log n).
//
//   lists::ListDiff d = lists::Diff(old_snapshot, new_snapshot);
//   for (const auto& e : d.added) Notify(e);
#include <string>
#include <vector>

#include "domain/model/list_entry.h"

namespace highfence::lists {

struct EntryChange {
  model::ListEntry before;
  model::ListEntry after;
};

struct ListDiff {
  std::vector<model::ListEntry> added;    // in b, not in a (b's order)
  std::vector<model::ListEntry> removed;  // in a, not in b (a's order)
  std::vector<EntryChange> changed;       // in both, different (b's order)
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

ListDiff Diff(const model::ListSnapshot& a, const model::ListSnapshot& b);

// The ListEntry fields (JSON names: "names", "countries", "reason", …) whose values differ
// between two versions of an entry, in declaration order; source_line is never named.
std::vector<std::string> ChangedFields(const model::ListEntry& before, const model::ListEntry& after);

}  // namespace highfence::lists
