// SPDX-License-Identifier: Apache-2.0
#pragma once
// Institution watch list importer (自機関ウォッチリスト): an institution's own list of
// entities of concern in the CSV format of docs/formats/watch_list.md (id,type,name,
// name_ja,name_zh,aliases,country,reason,programme,listed_on,source,remarks). Required
// columns: id, name. Rows without id or name, or with a duplicate id, an unknown type, a
// bad date or country are rejected with their line; the rest import.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzable); `name` is the file name used in messages.
// Errors: kInvalidArgument naming the file (not a CSV, or a required column missing).
// Bad rows are rejected into report.rejected_rows with file:line and reason.
Result<model::ListSnapshot> ParseWatchList(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportWatchList(const std::filesystem::path& path);

}  // namespace highfence::lists
