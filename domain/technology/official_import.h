// SPDX-License-Identifier: Apache-2.0
#pragma once
// OfficialImport: an official keyword source a user holds (METI 貨物・技術のマトリクス表, the
// 特許出願非公開 特定技術分野 list with IPC codes, …) as a table → a keyword file in our format
// (docs/formats/keywords.md), each row traceable to its line in the official file.
// The columns are mapped by the caller because those files change layout between editions;
// the result is then validated by the same loader as the shipped lists.
//
//   OfficialImportOptions o{.file_name = "gijutsu_matrix.xlsx", .term_column = "品目", …};
//   auto r = ConvertOfficialTable(rows, o);   // r->tsv, r->rejected
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/technology/keyword.h"

namespace highfence::technology {

// One row of the official table as read (CSV line or spreadsheet row).
struct TableRow {
  int line = 0;
  std::vector<std::string> fields;
};

struct OfficialImportOptions {
  std::string file_name;           // the official file, for ids, source_ref and messages
  int header_row = 1;              // which of the given rows (1-based) holds the column names
  std::string term_column;         // column holding the keyword: a header name or a 1-based number
  std::string ref_column;          // column holding the entry number (項番), "" for the line number
  std::string areas_column;        // column with area numbers "10;16", "" to use default_areas
  std::vector<int> default_areas;  // 1–20, when there is no areas column
  SourceDocument source_doc = SourceDocument::kExportControl;
  std::string ref_prefix;  // put before the entry number, e.g. "マトリクス表 "
  std::string lang = "ja";
  double weight = 0.7;  // specificity given to every imported keyword
  std::string id_prefix = "import";
  // Separators that split one cell into several keywords (e.g. "、", "又は"); each part
  // becomes its own keyword with derivation "extracted". Empty: the whole cell, "verbatim".
  std::vector<std::string> split;
  // Metadata lines of the generated file.
  std::string name, source, as_of, licence;
};

struct OfficialImportResult {
  std::string tsv;  // a keyword file in our format
  int keywords = 0;
  std::vector<std::string> rejected;  // "file:line: reason" for rows that gave no keyword
};

// Fails with kInvalidArgument when a mapped column does not exist (naming it and the header
// found) or a required option is missing; rows without a term are rejected, not fatal.
Result<OfficialImportResult> ConvertOfficialTable(const std::vector<TableRow>& rows,
                                                  const OfficialImportOptions& options);

}  // namespace highfence::technology
