// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small RFC 4180 CSV reader for tests that read the official source files in ../shared/data.
// Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record.
// Not for production import code (that belongs to domain/lists with Result-based errors).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace highfence::testing {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each row padded to header.size()
  // Index of the named column; fails the current test and returns -1 if absent.
  int Column(std::string_view name) const;
};

// Parses CSV text (a UTF-8 BOM is skipped). The first record is the header.
CsvTable ParseCsv(std::string_view text);
// Reads and parses a file; fails the current test if it cannot be read.
CsvTable ReadCsvOrFail(const std::filesystem::path& path);

}  // namespace highfence::testing
