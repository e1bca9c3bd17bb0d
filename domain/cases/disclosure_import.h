// SPDX-License-Identifier: Apache-2.0
#pragma once
// ParseDisclosureImport: researchers' disclosures from a CSV or XLSX file (開示内容の取込み), one
// row per disclosed row: who (person id or e-Rad 研究者番号), as of when, which item (①–⑪ or an
// e-Rad row), and the item's values in shared columns (organisation, country, title, start, end,
// amount, effort …), headers in English or Japanese (docs/formats/disclosure_import.md). Rows of
// one person and as-of date make one draft disclosure.
//
//   auto in = ParseDisclosureImport(bytes, "disclosures.xlsx", {.today = "2026-11-30"});
//   for (const ImportError& e : in->errors) Print(e.ToString());
//   // disclosures.xlsx:12: column "effort": "120%" is not a percentage (0–100)
//   // disclosures.xlsx:4: person 70451234 as of 2026-10-01: effort totals 130 % … funding[1] (line 9) …
//
// Items ⑫ 非居住者・特定類型 and ⑬ 国籍 are refused (they are restricted and never travel with a
// disclosure). Each draft is checked with ValidateDisclosure (without certification: the
// caller attaches it); a draft that fails yields errors and no draft. Parsing only: ids, seq and
// certification are left for the caller, which resolves people and writes (cli/, storage/).
// Linear in the file; pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/import_error.h"

namespace highfence::cases {

struct DisclosureImportOptions {
  std::string today;  // YYYY-MM-DD; an as_of after it is refused. "" skips the check. Default: "".
};

// Where one row of a draft came from.
struct DraftRowSource {
  DisclosureItem item = DisclosureItem::kEducation;
  size_t index = 0;  // in the draft's list for that item
  int line = 0;
  bool operator==(const DraftRowSource&) const = default;
};

struct DisclosureDraft {
  std::string person_id;                // as given ("" when only the e-Rad id was)
  std::string erad_id;                  // as given
  Disclosure disclosure;                // person_id and as_of set; id, seq and certification left empty
  std::vector<DraftRowSource> sources;  // one per row, in file order
};

struct DisclosureImport {
  std::vector<DisclosureDraft> drafts;  // in order of first appearance
  std::vector<ImportError> errors;      // every problem, by line
  int rows_read = 0;
};

// Errors (the file cannot be read at all): as ParseTeamImport's. Everything else is an ImportError.
Result<DisclosureImport> ParseDisclosureImport(std::string_view bytes, std::string_view file_name,
                                               const DisclosureImportOptions& options);

}  // namespace highfence::cases
