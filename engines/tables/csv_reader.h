// SPDX-License-Identifier: Apache-2.0
#pragma once
// CSV reader (RFC 4180, CSV 読み取り): records with the line number each starts on, so an
// importer can reject one row as "file.csv:214: …" and keep the rest. Bytes → CsvTable.
//
//   tables::CsvTable t = tables::ReadCsv(bytes, {});
//   for (const tables::CsvRecord& r : t.records) Map(r.line, r.fields);
//   for (const tables::CsvProblem& p : t.problems) Reject(p.line, p.reason);
//
// Quoted fields may hold the delimiter, doubled quotes and newlines. Lenient where
// real files are: a quote inside an unquoted field is literal, text after a closing quote is
// appended, CRLF and LF both end records, a leading UTF-8 BOM and a trailing DOS EOF (0x1A,
// as OFAC's sdn.csv ends) are dropped. An unterminated quote is a problem, not an
// error: the record is dropped and reported. Linear time; pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace highfence::tables {

struct CsvOptions {
  char delimiter = ',';          // ',' or '\t'. Default: ','.
  char quote = '"';              // Default: '"'.
  bool skip_blank_lines = true;  // A line with no characters yields no record. Default: true.
};

struct CsvRecord {
  int line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
};

struct CsvProblem {
  int line = 0;
  std::string reason;
};

struct CsvTable {
  std::vector<CsvRecord> records;
  std::vector<CsvProblem> problems;
};

CsvTable ReadCsv(std::string_view bytes, const CsvOptions& options);

}  // namespace highfence::tables
