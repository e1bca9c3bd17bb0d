// SPDX-License-Identifier: Apache-2.0
#pragma once
// XLSX reader (Excel ワークブック読み取り): the cell texts of an Office Open XML
// workbook, sheet by sheet, as plain strings. Bytes → Workbook; the caller maps rows to
// its own vocabulary (domain/lists does, for METI's and MOF's published lists).
//
//   auto book = tables::ReadXlsx(bytes, "meti_eul_20250929.xlsx", {});   // Result<Workbook>
//   const tables::Sheet* sheet = book->Find("ユーザーリスト");
//   for (const tables::Row& row : sheet->rows) Use(row.number, row.At(2));
//
// Shared strings, inline strings and rich-text runs are joined into one text per cell;
// phonetic guides (ふりがな, <rPh>) are dropped; `_x000D_` escapes are decoded. Numbers are the
// stored text ("1", "45200"); dates are not converted (the serial number is kept). Merged
// ranges are listed per sheet and, as in Excel, only the top-left cell holds the value.
// Whole-workbook, in memory: cost is linear in the uncompressed XML. No formulas are
// evaluated (the cached value is returned). Pure function; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::tables {

struct XlsxOptions {
  // Refuse archives whose parts together inflate beyond this (ZIP-bomb guard). Default: 512 MiB.
  std::uint64_t max_total_uncompressed = 512ull << 20;
  // Refuse any single part above this. Default: 256 MiB.
  std::uint64_t max_part_uncompressed = 256ull << 20;
  // Refuse archives with more entries than this. Default: 10000.
  std::uint64_t max_entries = 10000;
};

struct Cell {
  int column = 0;  // 0-based: A = 0
  std::string text;
};

struct Row {
  int number = 0;           // the spreadsheet row number, 1-based (as Excel shows it)
  std::vector<Cell> cells;  // non-empty cells in column order (sparse)

  // The text at a 0-based column, "" if the cell is empty or absent.
  std::string_view At(int column) const;
};

struct Sheet {
  std::string name;
  std::vector<Row> rows;                   // rows with at least one non-empty cell, in order
  std::vector<std::string> merged_ranges;  // e.g. "A3:A7"; value only in the top-left cell
};

struct Workbook {
  std::vector<Sheet> sheets;  // in workbook order

  // The sheet with this exact name, or nullptr.
  const Sheet* Find(std::string_view name) const;
};

// "AB12" → column 27 (0-based), row 12; false if the reference is malformed.
bool ParseCellRef(std::string_view ref, int& column, int& row);

// Reads every worksheet. `name` is used in error messages only.
// Errors: kInvalidArgument (not a ZIP or not a workbook: "<name>: not an XLSX workbook …"),
// kDataLoss (a truncated or corrupt archive or XML part), kResourceExhausted (size limits).
Result<Workbook> ReadXlsx(std::string_view bytes, std::string_view name, const XlsxOptions& options);

}  // namespace highfence::tables
