// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure_diff.h"

#include <map>
#include <utility>

#include "domain/cases/internal/disclosure_items.h"
#include "domain/cases/internal/enums.h"
#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/json.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

namespace {

using internal::Json;
using Flat = std::vector<std::pair<std::string, std::string>>;  // JSON path → scalar text, in field order

// Natural key parts per item (see the header). The first non-empty alternative is used.
std::vector<std::string> KeyParts(const EducationRow& r) {
  return {r.organisation.name, r.start};
}
std::vector<std::string> KeyParts(const CareerRow& r) {
  return {r.organisation.name, r.start};
}
std::vector<std::string> KeyParts(const FundingRow& r) {
  return {r.funder.name, r.title.empty() ? r.programme : r.title};
}
std::vector<std::string> KeyParts(const SupportRow& r) {
  return {r.provider.name, r.kind};
}
std::vector<std::string> KeyParts(const PublicationRow& r) {
  return {r.doi.empty() ? r.title : "doi:" + r.doi};
}
std::vector<std::string> KeyParts(const PatentRow& r) {
  return {r.number.empty() ? r.title : r.number};
}
std::vector<std::string> KeyParts(const TalentProgrammeRow& r) {
  return {r.sponsor.name, r.programme};
}
std::vector<std::string> KeyParts(const SanctionRow& r) {
  return {r.authority.name, r.kind, r.date};
}
std::vector<std::string> KeyParts(const ListAppearanceRow& r) {
  return {r.list, r.entry_id.empty() ? r.name_listed : r.entry_id};
}
std::vector<std::string> KeyParts(const ListedAffiliationRow& r) {
  return {r.organisation.name, r.start};
}
std::vector<std::string> KeyParts(const ListedRelationshipRow& r) {
  return {r.researcher, r.organisation.name};
}
std::vector<std::string> KeyParts(const ExternalFundingRow& r) {
  return {r.funder.name, r.title};
}
std::vector<std::string> KeyParts(const PostRow& r) {
  return {r.organisation.name, r.position};
}

std::string Display(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    std::string_view t = internal::Trim(p);
    if (t.empty()) continue;
    if (!out.empty()) out += " / ";
    out += t;
  }
  return out;
}

// Trimmed, ASCII case-folded, every run of white space (U+3000 included) one space.
std::string Fold(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool ideographic = s.substr(i).starts_with("\xE3\x80\x80");
    char c = s[i];
    if (ideographic || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      if (ideographic) i += 2;
      continue;
    }
    if (space) out += ' ', space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

void Flatten(const Json& j, const std::string& path, Flat& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) Flatten(*it, internal::Join(path, it.key()), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) Flatten(j[i], internal::At(path, i), out);
  } else if (j.is_string()) {
    out.emplace_back(path, j.get<std::string>());
  } else if (j.is_null()) {
    out.emplace_back(path, "");
  } else {
    out.emplace_back(path, j.dump());
  }
}

template <typename Row>
Flat FlatRow(const Row& row) {
  Flat flat;
  Flatten(internal::Encode(row), "", flat);
  return flat;
}

std::vector<FieldChange> Compare(const Flat& before, const Flat& after) {
  std::map<std::string, std::string> old_values(before.begin(), before.end());
  std::map<std::string, std::string> new_values(after.begin(), after.end());
  std::vector<FieldChange> changes;
  for (const auto& [path, value] : after) {
    auto it = old_values.find(path);
    std::string old_value = it == old_values.end() ? "" : it->second;
    if (old_value != value) changes.push_back({path, old_value, value});
  }
  for (const auto& [path, value] : before) {
    if (!new_values.contains(path) && !value.empty()) changes.push_back({path, value, ""});
  }
  return changes;
}

// "key", then "key #2", "key #3" for repeats within one version.
template <typename Row>
std::vector<std::string> Keys(const std::vector<Row>& rows) {
  std::map<std::string, int> seen;
  std::vector<std::string> keys;
  for (const Row& row : rows) {
    std::string key = Fold(Display(KeyParts(row)));
    int n = ++seen[key];
    keys.push_back(n == 1 ? key : key + " #" + std::to_string(n));
  }
  return keys;
}

template <typename Row>
std::vector<RowChange> DiffRows(const std::vector<Row>& before, const std::vector<Row>& after) {
  std::vector<std::string> before_keys = Keys(before);
  std::vector<std::string> after_keys = Keys(after);
  std::map<std::string, int> before_index;
  for (size_t i = 0; i < before_keys.size(); ++i) before_index[before_keys[i]] = static_cast<int>(i);
  std::map<std::string, int> after_index;
  for (size_t i = 0; i < after_keys.size(); ++i) after_index[after_keys[i]] = static_cast<int>(i);

  std::vector<RowChange> changes;
  for (size_t i = 0; i < after.size(); ++i) {
    auto it = before_index.find(after_keys[i]);
    RowChange change;
    change.key = Display(KeyParts(after[i]));
    change.after_index = static_cast<int>(i);
    if (it == before_index.end()) {
      change.kind = RowChangeKind::kAdded;
      change.fields = Compare({}, FlatRow(after[i]));
      std::erase_if(change.fields, [](const FieldChange& f) { return f.after.empty() || f.after == "false"; });
    } else {
      change.kind = RowChangeKind::kChanged;
      change.before_index = it->second;
      change.fields = Compare(FlatRow(before[it->second]), FlatRow(after[i]));
      if (change.fields.empty()) continue;
    }
    changes.push_back(std::move(change));
  }
  for (size_t i = 0; i < before.size(); ++i) {
    if (after_index.contains(before_keys[i])) continue;
    RowChange change;
    change.kind = RowChangeKind::kRemoved;
    change.key = Display(KeyParts(before[i]));
    change.before_index = static_cast<int>(i);
    change.fields = Compare(FlatRow(before[i]), {});
    std::erase_if(change.fields, [](const FieldChange& f) { return f.before.empty() || f.before == "false"; });
    changes.push_back(std::move(change));
  }
  return changes;
}

// The row list of `item` in d; Row is that list's row type.
template <typename Row>
const std::vector<Row>& RowsOf(const Disclosure& d, DisclosureItem item) {
  const std::vector<Row>* found = nullptr;
  internal::ForEachItem(d, [&](DisclosureItem i, const auto& rows) {
    if constexpr (std::is_same_v<std::decay_t<decltype(rows)>, std::vector<Row>>) {
      if (i == item) found = &rows;
    }
  });
  return *found;
}

}  // namespace

std::string_view RowChangeKindId(RowChangeKind kind) {
  return internal::kRowChangeKinds.Id(kind);
}

Result<DisclosureDiff> Diff(const Disclosure& before, const Disclosure& after) {
  if (before.person_id != after.person_id) {
    return internal::Invalid("person_id",
                             "the versions are of two people (" + before.person_id + ", " + after.person_id + ")");
  }
  DisclosureDiff diff;
  diff.person_id = after.person_id;
  diff.before_seq = before.seq;
  diff.after_seq = after.seq;
  diff.before_as_of = before.as_of;
  diff.after_as_of = after.as_of;
  internal::ForEachItem(before, [&](DisclosureItem item, const auto& before_rows) {
    using Row = typename std::decay_t<decltype(before_rows)>::value_type;
    std::vector<RowChange> rows = DiffRows(before_rows, RowsOf<Row>(after, item));
    if (!rows.empty()) diff.items.push_back({item, std::move(rows)});
  });
  return diff;
}

}  // namespace highfence::cases
