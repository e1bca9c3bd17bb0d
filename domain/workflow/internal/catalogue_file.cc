// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/internal/catalogue_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/check.h"
#include "engines/tables/csv_reader.h"

namespace highfence::workflow::internal {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Result<CatalogueFile> CatalogueFile::Read(std::string_view bytes, std::string_view name,
                                          std::span<const std::string_view> columns) {
  CatalogueFile file;
  file.name_ = std::string(name);
  file.columns_.assign(columns.begin(), columns.end());
  // Our catalogues never quote (a tab cannot occur inside a field), so quoting is switched
  // off: a field that starts with '"' is text, not a quoted field.
  tables::CsvTable table = tables::ReadCsv(bytes, {.delimiter = '\t', .quote = '\x01', .skip_blank_lines = true});
  if (!table.problems.empty()) return file.Fail(table.problems.front().line, "", table.problems.front().reason);
  bool header_seen = false;
  for (tables::CsvRecord& record : table.records) {
    if (!record.fields.empty() && !record.fields.front().empty() && record.fields.front().front() == '#') continue;
    if (std::all_of(record.fields.begin(), record.fields.end(), [](const std::string& f) { return Trim(f).empty(); }))
      continue;
    for (std::string& field : record.fields) field = Trim(field);
    if (!header_seen) {
      if (!std::equal(columns.begin(), columns.end(), record.fields.begin(), record.fields.end())) {
        std::string expected;
        for (std::string_view c : columns) expected += (expected.empty() ? "" : ", ") + std::string(c);
        return file.Fail(record.line, "", "the header row must be the columns: " + expected);
      }
      header_seen = true;
      continue;
    }
    if (record.fields.size() != columns.size())
      return file.Fail(record.line, "",
                       "expected " + std::to_string(columns.size()) + " tab-separated columns, found " +
                           std::to_string(record.fields.size()));
    file.rows_.push_back({record.line, std::move(record.fields)});
  }
  if (!header_seen) return file.Fail(1, "", "no header row");
  return file;
}

Error CatalogueFile::Fail(int line, std::string_view column, std::string_view reason) const {
  std::string message = name_ + ":" + std::to_string(line) + ": ";
  if (!column.empty()) message += "column \"" + std::string(column) + "\": ";
  message += reason;
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

const std::string& CatalogueFile::Field(const CatalogueRow& row, std::string_view column) const {
  auto it = std::find(columns_.begin(), columns_.end(), column);
  HF_CHECK(it != columns_.end());
  return row.fields[static_cast<size_t>(it - columns_.begin())];
}

Result<std::string> CatalogueFile::Required(const CatalogueRow& row, std::string_view column) const {
  const std::string& value = Field(row, column);
  if (value.empty()) return Fail(row.line, column, "is empty");
  return value;
}

Result<void> CatalogueFile::RequireAll(const CatalogueRow& row,
                                       std::initializer_list<std::pair<std::string_view, std::string*>> targets) const {
  for (auto [column, out] : targets) {
    auto value = Required(row, column);
    if (!value) return value.error();
    *out = std::move(*value);
  }
  return Ok();
}

Result<std::string> CatalogueFile::UniqueId(const CatalogueRow& row) {
  const std::string& id = Field(row, "id");
  if (!IsCatalogueId(id)) return Fail(row.line, "id", "\"" + id + "\" is not a lower-case [a-z0-9_] id");
  if (!ids_.insert(id).second) return Fail(row.line, "id", "\"" + id + "\" appears twice");
  return id;
}

bool IsCatalogueId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path.string() + ": cannot be read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace highfence::workflow::internal
