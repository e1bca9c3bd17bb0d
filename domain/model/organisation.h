// SPDX-License-Identifier: Apache-2.0
#pragma once
// OrgRecord: one organisation in a research-organisation registry (研究機関レジストリ, ROR),
// used to resolve an affiliation string to an institution and its parents. Plain structs;
// domain/lists/ror fills them, engines/names indexes the names.
#include <string>
#include <vector>

#include "domain/model/list_entry.h"

namespace highfence::model {

struct OrgRelation {
  std::string type;  // "parent", "child", "related", "successor", "predecessor"
  std::string id;    // the other record's id, e.g. "https://ror.org/03gd1bh37"
  std::string label;
  bool operator==(const OrgRelation&) const = default;
};

struct OrgRecord {
  std::string id;                  // "https://ror.org/000025p04"
  std::string status;              // "active", "inactive", "withdrawn"
  std::vector<std::string> types;  // "education", "facility", "company", …
  std::vector<Name> names;   // names[0] is the ror_display name; kinds: primary, translation (labels), alias, acronym
  std::string country_code;  // ISO alpha-2 of the first location
  std::string city;
  std::vector<std::string> domains;
  std::vector<OrgRelation> relationships;
  int established = 0;  // year, 0 if unknown
  int source_line = 0;
};

struct Registry {
  std::string registry_id;  // "ror"
  std::string title;
  std::string version_date;
  std::string content_hash;  // "sha256:<hex>"
  std::string licence;
  std::string source_file;
  std::vector<OrgRecord> records;
  ImportReport report;
};

}  // namespace highfence::model
