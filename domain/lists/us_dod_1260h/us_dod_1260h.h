// SPDX-License-Identifier: Apache-2.0
#pragma once
// DoD Section 1260H "Chinese military companies" importer: the OpenSanctions transcription
// (CC BY-NC 4.0), one row per listing period (Name,Clean Name,Alias,Previous Name,Parent Name,
// Note,Start date,End date,Source Url). The snapshot holds the rows still listed (End date
// empty: 376 of 397), one entry per company (a slug of Clean Name): each edition re-lists a
// company in a new row, and those rows merge (listed_on = the earliest start, programme names
// the editions). Ended listings are counted and noted. Primary name: Clean Name;
// Alias and Previous Name (former) follow; Parent Name goes to remarks. entry_id: a slug of
// the clean name.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzable); `name` is the file name used in messages.
// Errors: kInvalidArgument naming the file (not a CSV, or a required column missing).
// Bad rows are rejected into report.rejected_rows with file:line and reason.
Result<model::ListSnapshot> ParseUsDod1260h(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUsDod1260h(const std::filesystem::path& path);

}  // namespace highfence::lists
