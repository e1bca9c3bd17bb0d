// SPDX-License-Identifier: Apache-2.0
#include "storage/internal/schema.h"

#include <algorithm>
#include <array>
#include <set>

namespace highfence::storage::internal {
namespace {

constexpr std::array<std::string_view, 6> kBaseColumns = {"id",   "tenant_id",  "version",
                                                          "body", "created_at", "updated_at"};

bool IsIdentifier(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool IsIntegerType(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type.find("int") != std::string::npos;  // SQLite INTEGER; PostgreSQL integer, bigint, smallint
}

}  // namespace

const KeyColumn* TableSchema::Key(std::string_view column) const {
  for (const KeyColumn& k : keys) {
    if (k.name == column) return &k;
  }
  return nullptr;
}

const TableSchema* Schema::Find(std::string_view table) const {
  auto it = tables.find(table);
  return it == tables.end() ? nullptr : &it->second;
}

std::string Schema::Names() const {
  std::string out;
  for (const auto& [name, t] : tables) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Result<Schema> LoadSchema(Connection& conn) {
  // table → [(column, type)]
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> columns;
  if (conn.dialect() == Dialect::kSqlite) {
    auto rows = conn.Query(
        "SELECT m.name, p.name, p.type FROM sqlite_schema AS m, pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' ORDER BY m.name, p.cid");
    if (!rows) return rows.error();
    for (const Row& r : rows->rows) columns[*r[0]].emplace_back(*r[1], r[2].value_or(""));
  } else {
    auto rows = conn.Query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position");
    if (!rows) return rows.error();
    for (const Row& r : rows->rows) columns[*r[0]].emplace_back(*r[1], r[2].value_or(""));
  }
  Schema schema;
  for (const auto& [table, cols] : columns) {
    std::set<std::string> names;
    for (const auto& [name, type] : cols) names.insert(name);
    const bool aggregate = std::all_of(kBaseColumns.begin(), kBaseColumns.end(),
                                       [&](std::string_view c) { return names.count(std::string(c)); });
    if (!aggregate || !IsIdentifier(table)) continue;
    TableSchema t;
    t.name = table;
    for (const auto& [name, type] : cols) {
      if (std::find(kBaseColumns.begin(), kBaseColumns.end(), name) != kBaseColumns.end()) continue;
      if (!IsIdentifier(name)) continue;  // never put a strange name into SQL text
      t.keys.push_back(KeyColumn{name, IsIntegerType(type)});
    }
    std::sort(t.keys.begin(), t.keys.end(), [](const KeyColumn& a, const KeyColumn& b) { return a.name < b.name; });
    t.select_list = "id, tenant_id, version, body, created_at, updated_at";
    for (const KeyColumn& k : t.keys) t.select_list += ", " + k.name;
    schema.tables.emplace(table, std::move(t));
  }
  return schema;
}

}  // namespace highfence::storage::internal
