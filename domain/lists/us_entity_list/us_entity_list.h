// SPDX-License-Identifier: Apache-2.0
#pragma once
// US Entity List importer (15 CFR 744 Supplement No. 4): entries as BIS prints them in
// the Federal Register style, "NAME, a.k.a., the following N aliases: —A; —B; and —C.
// ADDRESS; and ADDRESS." carried in a JSON file {"generatedAt", "entries": [{"name", "raw"}]}.
// The aliases and addresses are recovered from the text; the printed alias count N is
// checked against what was parsed (a mismatch is a note). entry_id is a slug of the name
// (BIS assigns no ids). The addresses' last part gives the country.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// The text of one entry after its name, split into parts. Exposed for tests and fuzzing.
struct EntityListText {
  std::vector<std::string> aliases;
  int declared_aliases = -1;  // N from "the following N aliases", -1 if none printed
  std::vector<std::string> addresses;
  std::string remarks;  // text that is neither (e.g. subordinate institutions)
};
EntityListText ParseEntityListText(std::string_view name, std::string_view raw);

// The entry's primary name: the source's name field up to an alias introduction it sometimes
// carries ("…811 Research Institute, and the following two aliases: —811th Institute" →
// "…811 Research Institute").
std::string EntityListPrimaryName(std::string_view name);

Result<model::ListSnapshot> ParseUsEntityList(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUsEntityList(const std::filesystem::path& path);

}  // namespace highfence::lists
