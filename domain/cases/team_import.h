// SPDX-License-Identifier: Apache-2.0
#pragma once
// ParseTeamImport: a proposal's team from a CSV or XLSX file (研究体制の取込み), one member per
// row, headers in English or Japanese (docs/formats/team_import.md). Bytes → drafts + every
// problem found, each naming file, row and column:
//
//   auto team = ParseTeamImport(bytes, "team.csv");        // Result<TeamImport>
//   for (const ImportError& e : team->errors) Print(e.ToString());
//   // team.csv:7: column "role": unknown value "PI?" (expected PI, Co-PI, participant, student)
//   if (team->errors.empty() || partial) for (const TeamMemberDraft& m : team->members) Resolve(m);
//
// Parsing only: a draft names its person by the identifiers in the file (person id, e-Rad
// 研究者番号, ORCID, name) and its institution as written; resolving them against the store
// and writing is the caller's (cli/, storage/). A row with a problem yields no draft.
// Linear in the file; pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/cases/import_error.h"
#include "domain/cases/proposal.h"

namespace highfence::cases {

struct TeamMemberDraft {
  int line = 0;             // CSV line or spreadsheet row
  std::string proposal_id;  // "" when the file has no proposal column (one proposal per file)
  std::string person_id;    // the identifiers given, "" when absent
  std::string erad_id;
  std::string orcid;
  std::string name;         // as written (required)
  std::string name_latin;   // ローマ字 form, if given
  std::string institution;  // an institution or organisation id, or its name as written
  TeamRole role = TeamRole::kParticipant;
  bool operator==(const TeamMemberDraft&) const = default;
};

struct TeamImport {
  std::vector<TeamMemberDraft> members;  // good rows, in file order
  std::vector<ImportError> errors;       // every problem, in file order (header problems first)
  int rows_read = 0;                     // data rows, header excluded
};

// Errors (the file as a whole cannot be read): kInvalidArgument for an empty file or a CSV that
// is not UTF-8 ("team.csv:2: not UTF-8 text (Shift_JIS?) …"), the XLSX reader's
// kInvalidArgument / kDataLoss / kResourceExhausted. Everything else is an ImportError.
// Checked per row: name, institution and role present; role one of PI / Co-PI / participant /
// student (or 研究代表者 / 研究分担者 / 研究参加者 / 学生); e-Rad id and ORCID well formed; the same
// person (id, e-Rad id or ORCID) not twice in one proposal; one PI per proposal.
Result<TeamImport> ParseTeamImport(std::string_view bytes, std::string_view file_name);

}  // namespace highfence::cases
