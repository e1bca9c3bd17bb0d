// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the team and disclosure importers share: reading a CSV or XLSX file into header + rows
// with their line numbers (engines/tables), matching headers written in English or Japanese to
// column ids, and parsing the cells officers type (dates as 2024/4/1 or Excel serials, yes/no
// as 有/無, amounts with commas, efforts as "20%").
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/cases/import_error.h"

namespace highfence::cases::internal {

struct TableRow {
  int line = 0;
  std::vector<std::string> cells;  // trimmed; as many as the header has
};

struct Table {
  std::string file;
  bool xlsx = false;
  int header_line = 0;
  std::vector<std::string> header;    // as written
  std::vector<TableRow> rows;         // non-blank rows after the header
  std::vector<ImportError> problems;  // rows the CSV reader could not read
};

// XLSX when the bytes are a ZIP (first worksheet), else CSV (tab-separated for *.tsv).
// Errors: the XLSX reader's (kInvalidArgument, kDataLoss, kResourceExhausted), or
// kInvalidArgument "<file>: no header row" for an empty file and "<file>:<line>: not UTF-8
// text …" for a CSV in another encoding (Excel's Japanese "CSV" is Shift_JIS).
Result<Table> ReadTable(std::string_view bytes, std::string_view file);

struct ColumnSpec {
  std::string_view id;                  // "role"
  std::vector<std::string_view> names;  // accepted headers besides the id: "役割", …
  bool required = false;
};

// Column index per spec (same order as specs), -1 when absent. Problems (unknown, repeated,
// missing required column) are appended to `errors` at the header line; `ignored` headers
// ("notes", "備考") are allowed and skipped. `hint` adds a sentence to the unknown-column error
// for a header in `refused` (e.g. restricted items).
struct Columns {
  std::vector<int> index;
  int Of(size_t spec) const { return index[spec]; }
};
Columns MapColumns(const Table& table, std::span<const ColumnSpec> specs, std::vector<ImportError>& errors,
                   std::span<const std::string_view> refused = {}, std::string_view refused_hint = "");

// Header comparison form: ASCII lower case, no spaces (U+3000 too), '_' '-' '・' or brackets.
std::string HeaderKey(std::string_view header);

// Cell parsers: nullopt on a bad value; the caller names the column.
// Dates: YYYY, YYYY-MM, YYYY-MM-DD, with '/' or '.' accepted as separator and one-digit
// months and days padded; in XLSX files a 5-digit number is an Excel serial date.
std::optional<std::string> ParseDate(std::string_view cell, bool xlsx);
// yes / no / true / false / 1 / 0 / 有 / 無 / はい / いいえ / ○ / × (case-insensitive).
std::optional<bool> ParseYesNo(std::string_view cell);
// "13000000", "13,000,000" → 13000000 (non-negative whole numbers only).
std::optional<long long> ParseAmount(std::string_view cell);
// "20", "20%", "20 %" → 20 (0–100).
std::optional<int> ParsePercent(std::string_view cell);
// ASCII upper case.
std::string Upper(std::string_view s);

}  // namespace highfence::cases::internal
