// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/internal/import_table.h"

#include <algorithm>

#include "domain/cases/internal/text_checks.h"
#include "engines/tables/csv_reader.h"
#include "engines/tables/xlsx_reader.h"

namespace highfence::cases::internal {

namespace {

bool IsSpreadsheet(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::string ColumnLetters(int column) {  // 0 → "A", 26 → "AA"
  std::string out;
  for (int c = column + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

void AddRow(Table& table, int line, std::vector<std::string> cells) {
  bool blank = true;
  for (std::string& c : cells) {
    c = std::string(Trim(c));
    blank = blank && c.empty();
  }
  if (blank) return;
  for (size_t i = table.header.size(); i < cells.size(); ++i) {
    if (!cells[i].empty()) {
      table.problems.push_back(
          {table.file, line, "", "a value in column " + ColumnLetters(static_cast<int>(i)) + ", which has no header"});
      return;
    }
  }
  cells.resize(table.header.size());
  table.rows.push_back({line, std::move(cells)});
}

// Days since 1970-01-01 → civil date (H. Hinnant's algorithm; no date library is in the stack
// and std::chrono's calendar is not complete in libstdc++ 12).
std::string CivilFromDays(long long z) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1;
  long long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  auto two = [](long long v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

// The 1-based line of the first byte that is not well-formed UTF-8, 0 if all is. Hand-written:
// engines/text keeps its validator internal, and this is the only check imports need.
int FirstBadUtf8Line(std::string_view s) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return line;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return line;
    }
    if (n == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return line;  // overlong, surrogate
    }
    if (n == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c > 0xF4 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return line;
    }
    i += n;
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Result<Table> ReadTable(std::string_view bytes, std::string_view file) {
  Table table;
  table.file = std::string(file);
  if (IsSpreadsheet(bytes)) {
    table.xlsx = true;
    auto book = tables::ReadXlsx(bytes, file, {});
    if (!book) return book.error();
    const tables::Sheet* sheet = nullptr;
    for (const tables::Sheet& s : book->sheets) {
      if (!s.rows.empty()) {
        sheet = &s;
        break;
      }
    }
    if (sheet == nullptr) return MakeError(ErrorCode::kInvalidArgument, std::string(file) + ": no header row");
    const tables::Row& head = sheet->rows.front();
    int width = head.cells.empty() ? 0 : head.cells.back().column + 1;
    for (int c = 0; c < width; ++c) table.header.emplace_back(Trim(head.At(c)));
    table.header_line = head.number;
    for (size_t r = 1; r < sheet->rows.size(); ++r) {
      const tables::Row& row = sheet->rows[r];
      int row_width = row.cells.empty() ? 0 : row.cells.back().column + 1;
      std::vector<std::string> cells;
      for (int c = 0; c < std::max(width, row_width); ++c) cells.emplace_back(row.At(c));
      AddRow(table, row.number, std::move(cells));
    }
    return table;
  }
  if (int bad = FirstBadUtf8Line(bytes)) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(file) + ":" + std::to_string(bad) +
                                                      ": not UTF-8 text (Shift_JIS?); save the sheet as \"CSV UTF-8\"");
  }
  tables::CsvOptions options;
  if (file.ends_with(".tsv")) options.delimiter = '\t';
  tables::CsvTable csv = tables::ReadCsv(bytes, options);
  for (const tables::CsvProblem& p : csv.problems) table.problems.push_back({table.file, p.line, "", p.reason});
  size_t first = 0;
  while (first < csv.records.size()) {
    bool blank = true;
    for (const std::string& f : csv.records[first].fields) blank = blank && Trim(f).empty();
    if (!blank) break;
    ++first;
  }
  if (first == csv.records.size()) return MakeError(ErrorCode::kInvalidArgument, std::string(file) + ": no header row");
  for (const std::string& h : csv.records[first].fields) table.header.emplace_back(Trim(h));
  table.header_line = csv.records[first].line;
  for (size_t r = first + 1; r < csv.records.size(); ++r) AddRow(table, csv.records[r].line, csv.records[r].fields);
  return table;
}

std::string HeaderKey(std::string_view header) {
  static constexpr std::string_view kDropped[] = {"\xE3\x80\x80",
                                                  "\xE3\x83\xBB",
                                                  "\xEF\xBC\x88",
                                                  "\xEF\xBC\x89",
                                                  " ",
                                                  "\t",
                                                  "_",
                                                  "-",
                                                  "(",
                                                  ")"};  // U+3000 ・ （ ）
  std::string out;
  for (size_t i = 0; i < header.size();) {
    bool dropped = false;
    for (std::string_view d : kDropped) {
      if (header.substr(i).starts_with(d)) {
        i += d.size();
        dropped = true;
        break;
      }
    }
    if (dropped) continue;
    char c = header[i++];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

Columns MapColumns(const Table& table, std::span<const ColumnSpec> specs, std::vector<ImportError>& errors,
                   std::span<const std::string_view> refused, std::string_view refused_hint) {
  static constexpr std::string_view kIgnored[] = {"notes", "備考", "メモ", "comment"};
  Columns columns;
  columns.index.assign(specs.size(), -1);
  for (size_t c = 0; c < table.header.size(); ++c) {
    const std::string& header = table.header[c];
    if (header.empty()) continue;
    std::string key = HeaderKey(header);
    bool matched = false;
    for (size_t s = 0; s < specs.size() && !matched; ++s) {
      bool same = HeaderKey(specs[s].id) == key;
      for (std::string_view name : specs[s].names) same = same || HeaderKey(name) == key;
      if (!same) continue;
      matched = true;
      if (columns.index[s] >= 0) {
        errors.push_back({table.file, table.header_line, header,
                          "repeats column \"" + table.header[static_cast<size_t>(columns.index[s])] + "\" (" +
                              std::string(specs[s].id) + ")"});
      } else {
        columns.index[s] = static_cast<int>(c);
      }
    }
    for (std::string_view ignored : kIgnored) matched = matched || HeaderKey(ignored) == key;
    if (matched) continue;
    std::string known;
    for (const ColumnSpec& spec : specs) known += (known.empty() ? "" : ", ") + std::string(spec.id);
    std::string message = "unknown column (expected " + known + ", or notes)";
    for (std::string_view r : refused) {
      if (HeaderKey(r) == key) message = "not imported here: " + std::string(refused_hint);
    }
    errors.push_back({table.file, table.header_line, header, message});
  }
  for (size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].required && columns.index[s] < 0) {
      std::string names;
      for (std::string_view n : specs[s].names) names += " / " + std::string(n);
      errors.push_back({table.file, table.header_line, "",
                        "missing column \"" + std::string(specs[s].id) + "\"" +
                            (names.empty() ? "" : " (" + names.substr(3) + ")")});
    }
  }
  return columns;
}

std::optional<std::string> ParseDate(std::string_view cell, bool xlsx) {
  if (xlsx && cell.size() == 5 && AllDigits(cell)) {
    long long serial = std::stoll(std::string(cell));  // days since 1899-12-30 (Excel, 1900 system)
    return CivilFromDays(serial - 25569);
  }
  std::string parts[3];
  int n = 0;
  for (char c : cell) {
    if (c == '-' || c == '/' || c == '.') {
      if (++n > 2) return std::nullopt;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    parts[n] += c;
  }
  if (parts[0].size() != 4) return std::nullopt;
  std::string out = parts[0];
  for (int i = 1; i <= n; ++i) {
    if (parts[i].empty() || parts[i].size() > 2) return std::nullopt;
    out += "-" + std::string(parts[i].size() == 1 ? "0" : "") + parts[i];
  }
  if (!IsIsoDate(out)) return std::nullopt;
  return out;
}

std::optional<bool> ParseYesNo(std::string_view cell) {
  static constexpr std::string_view kYes[] = {"yes", "y", "true", "1", "有", "あり", "はい", "○", "◯"};
  static constexpr std::string_view kNo[] = {"no", "n", "false", "0", "無", "なし", "いいえ", "×", "-"};
  std::string lower;
  for (char c : cell) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view y : kYes) {
    if (lower == y) return true;
  }
  for (std::string_view n : kNo) {
    if (lower == n) return false;
  }
  return std::nullopt;
}

std::optional<long long> ParseAmount(std::string_view cell) {
  std::string digits;
  for (char c : cell) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  return std::stoll(digits);
}

std::optional<int> ParsePercent(std::string_view cell) {
  std::string_view s = cell;
  if (s.ends_with("%")) s = Trim(s.substr(0, s.size() - 1));
  if (s.ends_with("\xEF\xBC\x85")) s = Trim(s.substr(0, s.size() - 3));  // ％
  if (s.empty() || s.size() > 3 || !AllDigits(s)) return std::nullopt;
  int v = std::stoi(std::string(s));
  if (v > 100) return std::nullopt;
  return v;
}

}  // namespace highfence::cases::internal
