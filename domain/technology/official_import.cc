// SPDX-License-Identifier: Apache-2.0
#include "domain/technology/official_import.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace highfence::technology {
namespace {

// Our format has no quoting: tabs and line breaks inside a cell become spaces.
std::string Clean(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

Result<int> ResolveColumn(const std::vector<std::string>& header, const std::string& column, std::string_view option,
                          const std::string& file) {
  int n = 0;
  auto [p, ec] = std::from_chars(column.data(), column.data() + column.size(), n);
  if (ec == std::errc() && p == column.data() + column.size() && n >= 1) return n - 1;
  for (size_t i = 0; i < header.size(); ++i)
    if (Clean(header[i]) == column) return static_cast<int>(i);
  std::string found;
  for (const auto& h : header) found += (found.empty() ? "" : ", ") + std::string("\"") + Clean(h) + "\"";
  return MakeError(ErrorCode::kInvalidArgument, file + ": " + std::string(option) + " \"" + column +
                                                    "\" is not a column of the header row (found: " + found + ")");
}

std::vector<std::string> SplitTerm(const std::string& cell, const std::vector<std::string>& seps) {
  std::vector<std::string> parts{cell};
  for (const auto& sep : seps) {
    if (sep.empty()) continue;
    std::vector<std::string> next;
    for (const auto& part : parts) {
      size_t start = 0;
      while (true) {
        size_t pos = part.find(sep, start);
        next.push_back(Clean(part.substr(start, pos == std::string::npos ? std::string::npos : pos - start)));
        if (pos == std::string::npos) break;
        start = pos + sep.size();
      }
    }
    parts = std::move(next);
  }
  std::erase_if(parts, [](const std::string& s) { return s.empty(); });
  return parts;
}

std::string Field(const TableRow& row, int column) {
  return column >= 0 && column < static_cast<int>(row.fields.size()) ? Clean(row.fields[column]) : "";
}

}  // namespace

Result<OfficialImportResult> ConvertOfficialTable(const std::vector<TableRow>& rows, const OfficialImportOptions& o) {
  const std::string& file = o.file_name;
  if (o.term_column.empty()) return MakeError(ErrorCode::kInvalidArgument, file + ": the term column must be given");
  if (o.areas_column.empty() && o.default_areas.empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     file + ": give the 重要技術領域 areas (1–20) of the imported keywords, or a column holding them");
  for (int a : o.default_areas)
    if (!FindTechnologyArea(a))
      return MakeError(ErrorCode::kInvalidArgument, file + ": area " + std::to_string(a) + " is not 1–20");
  if (o.lang != "ja" && o.lang != "en")
    return MakeError(ErrorCode::kInvalidArgument, file + ": language must be ja or en");
  if (o.header_row < 1 || o.header_row > static_cast<int>(rows.size()))
    return MakeError(ErrorCode::kInvalidArgument, file + ": header row " + std::to_string(o.header_row) +
                                                      " is beyond the " + std::to_string(rows.size()) + " rows read");
  const auto& header = rows[o.header_row - 1].fields;
  auto term_col = ResolveColumn(header, o.term_column, "term column", file);
  if (!term_col) return term_col.error();
  int ref_col = -1, areas_col = -1;
  if (!o.ref_column.empty()) {
    auto c = ResolveColumn(header, o.ref_column, "reference column", file);
    if (!c) return c.error();
    ref_col = *c;
  }
  if (!o.areas_column.empty()) {
    auto c = ResolveColumn(header, o.areas_column, "areas column", file);
    if (!c) return c.error();
    areas_col = *c;
  }

  OfficialImportResult out;
  char weight[16];
  std::snprintf(weight, sizeof weight, "%.2f", o.weight);
  out.tsv = "# name: " + Clean(o.name.empty() ? file : o.name) +
            "\n# source_document: " + std::string(SourceDocumentId(o.source_doc)) +
            "\n# source: " + Clean(o.source.empty() ? file : o.source) +
            "\n# as_of: " + Clean(o.as_of.empty() ? "unknown" : o.as_of) +
            "\n# licence: " + Clean(o.licence.empty() ? "as published (see the official file)" : o.licence) +
            "\n# imported by highfence keywords import from " + Clean(file) +
            "\nid\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n";
  std::string default_areas;
  for (int a : o.default_areas) default_areas += (default_areas.empty() ? "" : ";") + std::to_string(a);
  for (size_t r = o.header_row; r < rows.size(); ++r) {
    const TableRow& row = rows[r];
    const std::string where = file + ":" + std::to_string(row.line);
    const std::string cell = Field(row, *term_col);
    if (cell.empty()) {
      out.rejected.push_back(where + ": column \"" + o.term_column + "\" is empty");
      continue;
    }
    std::string areas = areas_col >= 0 ? Field(row, areas_col) : default_areas;
    std::replace(areas.begin(), areas.end(), ',', ';');
    if (areas.empty()) areas = default_areas;
    if (areas.empty()) {
      out.rejected.push_back(where + ": no area in column \"" + o.areas_column + "\"");
      continue;
    }
    const std::string ref =
        o.ref_prefix +
        (ref_col >= 0 && !Field(row, ref_col).empty() ? Field(row, ref_col) : "line " + std::to_string(row.line));
    std::vector<std::string> terms = SplitTerm(cell, o.split);
    const char* derivation = terms.size() == 1 && terms[0] == cell ? "verbatim" : "extracted";
    for (size_t t = 0; t < terms.size(); ++t) {
      out.tsv += o.id_prefix + "-" + std::to_string(row.line) + "-" + std::to_string(t + 1) + "\t" + o.lang + "\t" +
                 terms[t] + "\t\t" + areas + "\t" + std::string(SourceDocumentId(o.source_doc)) + "\t" + ref + "\t" +
                 derivation + "\t" + weight + "\t" + where + "\n";
      ++out.keywords;
    }
  }
  return out;
}

}  // namespace highfence::technology
