// SPDX-License-Identifier: Apache-2.0
#pragma once
// ImportError: one problem in an imported file (取込みエラー), located by file, line (CSV line or
// spreadsheet row) and column as the file names it, so an officer can fix the sheet:
//   team.csv:7: column "role": unknown value "PI?" (expected PI, Co-PI, participant, student)
// Importers return every problem they find, not only the first, so one round of corrections
// suffices; the caller refuses the whole file unless told to take the good rows (--partial).
#include <string>

namespace highfence::cases {

struct ImportError {
  std::string file;    // as given to the importer
  int line = 0;        // 1-based CSV line or spreadsheet row; 0 for the file as a whole
  std::string column;  // the header as written in the file, "" when not about one column
  std::string message;
  bool operator==(const ImportError&) const = default;

  // "<file>:<line>: column \"<column>\": <message>", parts left out when empty or 0.
  std::string ToString() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!column.empty()) out += "column \"" + column + "\": ";
    return out + message;
  }
};

}  // namespace highfence::cases
