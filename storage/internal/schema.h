// SPDX-License-Identifier: Apache-2.0
#pragma once
// The whitelist of table and column names: read from the database itself (what the migrations
// created), so a later migration adding a table or key column needs no code change here. An
// aggregate table is one with id, tenant_id, version, body, created_at and updated_at; its other
// columns are its key columns. Only names found here are ever written into SQL text.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/internal/connection.h"

namespace highfence::storage::internal {

struct KeyColumn {
  std::string name;
  bool integer = false;  // INTEGER / BIGINT: values must be decimal integers
};

struct TableSchema {
  std::string name;
  std::vector<KeyColumn> keys;  // sorted by name
  const KeyColumn* Key(std::string_view column) const;
  // "id, tenant_id, version, body, created_at, updated_at, <keys…>": the order FromRow expects.
  std::string select_list;
};

struct Schema {
  std::map<std::string, TableSchema, std::less<>> tables;  // aggregate tables only
  const TableSchema* Find(std::string_view table) const;
  std::string Names() const;  // "cases, decisions, …" for messages
};

Result<Schema> LoadSchema(Connection& conn);

}  // namespace highfence::storage::internal
