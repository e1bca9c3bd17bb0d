// SPDX-License-Identifier: Apache-2.0
#pragma once
// UN Security Council Consolidated List importer (国連安保理統合制裁リスト): the XML
// published at scsanctions.un.org (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES).
// entry_id is the REFERENCE_NUMBER (e.g. "KPe.001"; DATAID when it is missing); programme
// the UN_LIST_TYPE (e.g. "DPRK"); names: the joined FIRST…FOURTH_NAME, NAME_ORIGINAL_SCRIPT
// (translation), and each alias (quality "f.k.a." → former); addresses from
// STREET/CITY/STATE_PROVINCE/ZIP_CODE/COUNTRY; countries from NATIONALITY and addresses.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Errors: kInvalidArgument (not XML, or not a CONSOLIDATED_LIST), kDataLoss (malformed XML).
Result<model::ListSnapshot> ParseUn(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportUn(const std::filesystem::path& path);

}  // namespace highfence::lists
