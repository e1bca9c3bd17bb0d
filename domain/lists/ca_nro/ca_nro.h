// SPDX-License-Identifier: Apache-2.0
#pragma once
// Canada Named Research Organizations (STRAC policy) importer: the CSV parsed from the
// official page (name,country,aliases; aliases joined with " | "). Countries are printed as
// "People’s Republic of China", "Iran", "Russia". entry_id: a slug of the name.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzable); `name` is the file name used in messages.
// Errors: kInvalidArgument naming the file (not a CSV, or a required column missing).
// Bad rows are rejected into report.rejected_rows with file:line and reason.
Result<model::ListSnapshot> ParseCaNro(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportCaNro(const std::filesystem::path& path);

}  // namespace highfence::lists
