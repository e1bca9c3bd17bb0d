// SPDX-License-Identifier: Apache-2.0
#pragma once
// ROR importer (Research Organization Registry, schema v2): one JSON record per line in a
// .jsonl.gz → model::Registry of OrgRecord (not ListEntry: ROR says who an organisation is,
// not that it is of concern). Names: ror_display first (primary), then labels
// (translation, with their lang), aliases and acronyms; country and city from the first
// location; relationships parent/child/related/successor/predecessor. A line that is not
// a JSON object with an "id" is rejected with its line number; the rest import.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/organisation.h"

namespace highfence::lists {

// `bytes` is the gzip file. Errors: kInvalidArgument (not gzip), kDataLoss (corrupt gzip).
Result<model::Registry> ParseRor(std::string_view bytes, std::string_view name);
Result<model::Registry> ImportRor(const std::filesystem::path& path);

}  // namespace highfence::lists
