// SPDX-License-Identifier: Apache-2.0
#pragma once
// The tab-separated catalogue files of data/workflow/ (risk categories, measures, review
// stages): '#' lines are comments, the first other line is the header and must equal the
// expected columns, every later non-blank line is a row with exactly that many fields
// (trimmed). Errors name "<file>:<line>" and the column.
#include <filesystem>
#include <initializer_list>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace highfence::workflow::internal {

struct CatalogueRow {
  int line = 0;
  std::vector<std::string> fields;
};

class CatalogueFile {
 public:
  // Reads `bytes` (named `name` in messages) against `columns`.
  static Result<CatalogueFile> Read(std::string_view bytes, std::string_view name,
                                    std::span<const std::string_view> columns);

  const std::vector<CatalogueRow>& rows() const { return rows_; }
  // kInvalidArgument "<name>:<line>: column \"<column>\": <reason>".
  Error Fail(int line, std::string_view column, std::string_view reason) const;
  // The field of `row` under `column` (which must be one of the columns).
  const std::string& Field(const CatalogueRow& row, std::string_view column) const;
  // Fails when the field is empty.
  Result<std::string> Required(const CatalogueRow& row, std::string_view column) const;
  // Copies each named column into its target; fails on the first empty one.
  Result<void> RequireAll(const CatalogueRow& row,
                          std::initializer_list<std::pair<std::string_view, std::string*>> targets) const;
  // The row's "id": a catalogue id (IsCatalogueId) not seen on an earlier row of this file.
  Result<std::string> UniqueId(const CatalogueRow& row);

 private:
  std::string name_;
  std::vector<std::string> columns_;
  std::vector<CatalogueRow> rows_;
  std::set<std::string, std::less<>> ids_;
};

// [a-z0-9_] and non-empty: the shape of every catalogue id.
bool IsCatalogueId(std::string_view id);
// The whole file; kNotFound naming the path when it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

// Reads `path` and parses it with `parse(bytes, path)`: every Load* of the module.
template <typename T>
Result<T> LoadFile(const std::filesystem::path& path, Result<T> (*parse)(std::string_view, std::string_view)) {
  auto bytes = ReadWholeFile(path);
  if (!bytes) return bytes.error();
  return parse(*bytes, path.string());
}

// The row of `rows` whose `id` is `id`, or nullptr: every catalogue's Find.
template <typename Row>
const Row* FindById(const std::vector<Row>& rows, std::string_view id) {
  for (const Row& row : rows)
    if (row.id == id) return &row;
  return nullptr;
}

}  // namespace highfence::workflow::internal
