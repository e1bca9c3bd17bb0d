// SPDX-License-Identifier: Apache-2.0
#pragma once
// Diff: what changed between two versions of a person's disclosure (開示内容の差分) — per item,
// the rows added, removed and changed, and for a changed row each field old → new. Officers
// use it at ④ follow-up ("what is new since the version we evaluated?").
//
//   auto diff = Diff(v1, v2);                              // Result<DisclosureDiff>
//   for (const ItemDiff& item : diff->items)
//     for (const RowChange& row : item.rows) Show(Info(item.item).ja, row.key, row.fields);
//
// Rows are matched by a natural key per item, not by position, so reordering is not a change:
// ① ② ⑩ organisation + start; ③ funder + title (or programme); ④ provider + kind; ⑤ DOI, else
// title; ⑥ number, else title; ⑦ sponsor + programme; ⑧ authority + kind + date; ⑨ list +
// entry (or name listed); ⑪ researcher + organisation; e-Rad外 funder + title; posts
// organisation + position. Keys compare trimmed, case- and space-folded (ASCII). Two rows
// with one key in the same version are told apart by order ("#2"). Fields are compared as
// their JSON paths ("amount.amount", "co_authors[1].organisation.country").
// Linear in the rows (plus sorting); pure; thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/cases/disclosure.h"

namespace highfence::cases {

enum class RowChangeKind { kAdded, kRemoved, kChanged };

struct FieldChange {
  std::string field;   // JSON path inside the row, e.g. "amount.amount"
  std::string before;  // "" when absent
  std::string after;
  bool operator==(const FieldChange&) const = default;
};

struct RowChange {
  RowChangeKind kind = RowChangeKind::kChanged;
  std::string key;                  // the natural key, as written in the newer row (older when removed)
  int before_index = -1;            // row index in the older version, -1 when added
  int after_index = -1;             // row index in the newer version, -1 when removed
  std::vector<FieldChange> fields;  // changed fields; for added / removed rows every non-empty field
  bool operator==(const RowChange&) const = default;
};

struct ItemDiff {
  DisclosureItem item = DisclosureItem::kEducation;
  std::vector<RowChange> rows;  // changed and added in the newer order, then removed in the older order
  bool operator==(const ItemDiff&) const = default;
};

struct DisclosureDiff {
  std::string person_id;
  int before_seq = 0;
  int after_seq = 0;
  std::string before_as_of;
  std::string after_as_of;
  std::vector<ItemDiff> items;  // only items with a change, in questionnaire order
  bool empty() const { return items.empty(); }
  bool operator==(const DisclosureDiff&) const = default;
};

std::string_view RowChangeKindId(RowChangeKind kind);  // "added", "removed", "changed"

// kInvalidArgument when the two disclosures are of different people.
Result<DisclosureDiff> Diff(const Disclosure& before, const Disclosure& after);

}  // namespace highfence::cases
