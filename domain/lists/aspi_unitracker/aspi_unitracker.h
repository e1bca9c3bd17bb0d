// SPDX-License-Identifier: Apache-2.0
#pragma once
// ASPI China Defence Universities Tracker importer: the MISP galaxy cluster built from the
// tracker (JSON: {"name", "values": [{"value": "English (中文)", "uuid", "meta": {aliases,
// categories, supervising agencies, topics, address, refs}}]}). Primary name English, the
// parenthesised Chinese as a zh translation, aliases (Chinese ones tagged zh); ASPI's
// category (Military, Civilian, Security, Defence industry conglomerate, Seven sons of
// national defence) is the concern. ASPI's risk ratings are not in the MISP data.
// entry_id: the tracker page slug from refs (e.g. "academy-of-military-science"), else uuid.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Errors: kInvalidArgument naming the file (not JSON, or no "values" array).
Result<model::ListSnapshot> ParseAspiUnitracker(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportAspiUnitracker(const std::filesystem::path& path);

}  // namespace highfence::lists
