// SPDX-License-Identifier: Apache-2.0
#pragma once
// OFAC SDN importer (米国財務省 SDN リスト), legacy CSV set: sdn.csv (ent_num, SDN_Name,
// SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
// Remarks), alt.csv (ent_num, alt_num, alt_type, alt_name, alt_remarks), add.csv (ent_num,
// add_num, address, city/state/postal, country, add_remarks) and the optional
// sdn_comments.csv (ent_num, remarks continuation). Header-less; "-0-" means empty; sdn.csv
// ends with a DOS EOF byte. entry_id is ent_num; alt_type "fka" → former name, "aka"/"nka" →
// alias; SDN_Type individual/vessel/aircraft/-0- → person/vessel/other/organisation. The
// legacy files carry no edition date, so version_date stays "" unless the file name has one.
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

struct OfacFiles {
  std::string_view sdn;       // sdn.csv bytes (required)
  std::string_view alt;       // alt.csv bytes ("" if absent)
  std::string_view add;       // add.csv bytes ("" if absent)
  std::string_view comments;  // sdn_comments.csv bytes ("" if absent)
};

// The parsing core over bytes (fuzzed). Messages name sdn.csv, alt.csv, add.csv, sdn_comments.csv
// in `dir_name` (e.g. "ofac/"). content_hash covers the four files in that order.
// Errors: kInvalidArgument when a file is not in the OFAC layout (naming it).
Result<model::ListSnapshot> ParseOfac(const OfacFiles& files, std::string_view dir_name);
// `path` is sdn.csv or the folder holding it; alt.csv and add.csv beside it are required,
// sdn_comments.csv is optional. Errors: kNotFound naming a missing file.
Result<model::ListSnapshot> ImportOfac(const std::filesystem::path& path);

}  // namespace highfence::lists
