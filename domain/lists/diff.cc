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

std::vector<std::string> ChangedFields(const model::ListEntry& before, const model::ListEntry& after) {
  std::vector<std::string> fields;
  auto check = [&](const char* name, bool same) {
    if (!same) fields.emplace_back(name);
  };
  check("list_id", before.list_id == after.list_id);
  check("entry_id", before.entry_id == after.entry_id);
  check("type", before.type == after.type);
  check("names", before.names == after.names);
  check("addresses", before.addresses == after.addresses);
  check("countries", before.countries == after.countries);
  check("concerns", before.concerns == after.concerns);
  check("reason", before.reason == after.reason);
  check("programme", before.programme == after.programme);
  check("listed_on", before.listed_on == after.listed_on);
  check("source_address", before.source_address == after.source_address);
  check("remarks", before.remarks == after.remarks);
  return fields;
}

}  // namespace highfence::lists
