// SPDX-License-Identifier: Apache-2.0
#pragma once
// US Consolidated Screening List importer: trade.gov's consolidated.csv in both published
// header forms (current: `_id,source,entity_number,…,ids`; before 2020: no `_id`). Each row
// is one party of one source list (EL, MEU, UVL, DPL, ISN, DTC, SDN, SSI, FSE, PLC, …).
// programme = "<abbrev>: <programs>" (e.g. "SDN: NPWMD"); alt_names are ";"-separated
// (a final "and" dropped); addresses are ";"-separated with an ISO country code last.
// entry_id: `_id` when present, else "<abbrev>-<entity_number>", else "<abbrev>-<name slug>"
// (a repeated derived id gets "-2", "-3" …: the DPL repeats a person per address).
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Errors: kInvalidArgument naming the file (not a CSV, no source/name columns).
Result<model::ListSnapshot> ParseUsCsl(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUsCsl(const std::filesystem::path& path);

}  // namespace highfence::lists
