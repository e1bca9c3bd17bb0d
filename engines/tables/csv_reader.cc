// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/csv_reader.h"

namespace highfence::tables {

// A hand-written state machine: RFC 4180 is small, and no Debian-packaged C++ CSV library
// reports the start line of each record or tolerates the real files' quirks listed in the header.
CsvTable ReadCsv(std::string_view bytes, const CsvOptions& options) {
  CsvTable out;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  while (!bytes.empty() && bytes.back() == '\x1A') bytes.remove_suffix(1);

  const char delim = options.delimiter;
  const char quote = options.quote;
  size_t i = 0;
  int line = 1;
  const size_t n = bytes.size();
  while (i < n) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool in_quotes = false;
    bool field_quoted = false;
    bool record_done = false;
    bool any_char = false;
    while (i < n && !record_done) {
      char c = bytes[i];
      if (in_quotes) {
        if (c == quote) {
          if (i + 1 < n && bytes[i + 1] == quote) {
            field += quote;
            i += 2;
          } else {
            in_quotes = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        continue;
      }
      if (c == delim) {
        record.fields.push_back(std::move(field));
        field.clear();
        field_quoted = false;
        any_char = true;
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < n && bytes[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record_done = true;
      } else if (c == quote && !field_quoted && field.empty()) {
        in_quotes = true;
        field_quoted = true;
        any_char = true;
        ++i;
      } else {
        field += c;  // includes a stray quote inside an unquoted field, or text after a closing quote
        any_char = true;
        ++i;
      }
    }
    if (in_quotes) {
      out.problems.push_back({record.line, "unterminated quoted field (the record runs to the end of the file)"});
      break;
    }
    if (!any_char && options.skip_blank_lines) continue;
    record.fields.push_back(std::move(field));
    out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace highfence::tables
