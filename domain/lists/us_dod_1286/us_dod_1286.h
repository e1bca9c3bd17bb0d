// SPDX-License-Identifier: Apache-2.0
#pragma once
// DoD Section 1286 list importer: the OpenSanctions transcription (CC BY-NC 4.0) of the
// lists of foreign institutions engaged in problematic activities and of talent programmes,
// all editions in one CSV (schema,name,aliases,…,report-date,…,country,notes,source_url).
// The snapshot is the newest edition (the largest report-date, FY25 = 2025: 156 rows); rows
// of earlier editions are counted in rows_read and named in a note, not imported. Table 2
// talent programmes have no country and become EntityType::kOther. entry_id: a slug of the name.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzable); `name` is the file name used in messages.
// Errors: kInvalidArgument naming the file (not a CSV, or a required column missing).
// Bad rows are rejected into report.rejected_rows with file:line and reason.
Result<model::ListSnapshot> ParseUsDod1286(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUsDod1286(const std::filesystem::path& path);

}  // namespace highfence::lists
