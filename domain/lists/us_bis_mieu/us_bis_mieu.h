// SPDX-License-Identifier: Apache-2.0
#pragma once
// BIS Military-Intelligence End User list (EAR §744.22) importer: the OpenSanctions
// transcription (CC BY-NC 4.0): Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL.
// Aliases are ";"-separated; Country is an ISO code. entry_id: a slug of the name.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzable); `name` is the file name used in messages.
// Errors: kInvalidArgument naming the file (not a CSV, or a required column missing).
// Bad rows are rejected into report.rejected_rows with file:line and reason.
Result<model::ListSnapshot> ParseUsBisMieu(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUsBisMieu(const std::filesystem::path& path);

}  // namespace highfence::lists
