// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small lookups shared by the importer tests.
#include <algorithm>
#include <string>

#include "domain/model/list_entry.h"

namespace highfence::lists::test {

inline const model::Name* FindName(const model::ListEntry& e, const std::string& text) {
  for (const model::Name& n : e.names) {
    if (n.text == text) return &n;
  }
  return nullptr;
}

inline bool HasName(const model::ListEntry& e, const std::string& text, model::NameKind kind) {
  const model::Name* n = FindName(e, text);
  return n != nullptr && n->kind == kind;
}

inline bool HasConcern(const model::ListEntry& e, const std::string& code) {
  return std::any_of(e.concerns.begin(), e.concerns.end(), [&](const model::Concern& c) { return c.code == code; });
}

inline bool HasCountry(const model::ListEntry& e, const std::string& code) {
  return std::any_of(e.countries.begin(), e.countries.end(), [&](const model::Country& c) { return c.code == code; });
}

inline int CountKind(const model::ListEntry& e, model::NameKind kind) {
  return static_cast<int>(
      std::count_if(e.names.begin(), e.names.end(), [&](const model::Name& n) { return n.kind == kind; }));
}

}  // namespace highfence::lists::test
