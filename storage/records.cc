// SPDX-License-Identifier: Apache-2.0
#include "storage/records.h"

#include <nlohmann/json.hpp>

#include "base/check.h"
#include "storage/internal/audit_chain.h"
#include "storage/internal/crypto.h"
#include "storage/internal/rep.h"

namespace highfence::storage {

namespace internal {

Record RecordFromRow(const TableSchema& table, Row&& row) {
  Record r;
  r.table = table.name;
  r.id = std::move(row[0]).value_or("");
  r.tenant_id = std::move(row[1]).value_or("");
  r.version = ParseInt64(row[2].value_or("")).value_or(0);
  r.body = std::move(row[3]).value_or("");
  r.created_at = std::move(row[4]).value_or("");
  r.updated_at = std::move(row[5]).value_or("");
  for (size_t i = 0; i < table.keys.size(); ++i) r.keys.emplace(table.keys[i].name, std::move(row[6 + i]));
  return r;
}

Record RecordFromRow(const TableSchema& table, const Row& row) {
  return RecordFromRow(table, Row(row));
}

}  // namespace internal

namespace {

using internal::Row;
using internal::TableSchema;
using internal::Value;

std::string Object(std::string_view table, std::string_view id) {
  return std::string(table) + "/" + std::string(id);
}

// The key values in table.keys order, each checked: a known column, an integer where the column
// is one. Columns not given are NULL.
Result<std::vector<Value>> KeyValues(const TableSchema& table, const Record& record) {
  for (const auto& [column, value] : record.keys) {
    if (!table.Key(column)) {
      std::string known;
      for (const auto& k : table.keys) known += (known.empty() ? "" : ", ") + k.name;
      return MakeError(ErrorCode::kInvalidArgument, Object(table.name, record.id) + ": unknown key column \"" + column +
                                                        "\" (the key columns of " + table.name + " are: " + known +
                                                        ")");
    }
  }
  std::vector<Value> values;
  for (const internal::KeyColumn& k : table.keys) {
    auto it = record.keys.find(k.name);
    Value v = it == record.keys.end() ? std::nullopt : it->second;
    if (v && k.integer && !internal::ParseInt64(*v)) {
      return MakeError(ErrorCode::kInvalidArgument, Object(table.name, record.id) + ": key column \"" + k.name +
                                                        "\" must be an integer, not \"" + *v + "\"");
    }
    values.push_back(std::move(v));
  }
  return values;
}

Result<void> CheckWrite(Transaction& tx, const Record& record, const Actor& actor) {
  const std::string object = Object(record.table, record.id);
  if (tx.read_only()) {
    return MakeError(ErrorCode::kFailedPrecondition, object + ": cannot write in a read-only snapshot transaction");
  }
  if (record.id.empty()) return MakeError(ErrorCode::kInvalidArgument, record.table + ": id is empty");
  if (record.tenant_id.empty()) return MakeError(ErrorCode::kInvalidArgument, object + ": tenant_id is empty");
  if (actor.id.empty()) return MakeError(ErrorCode::kInvalidArgument, object + ": actor is empty");
  if (!nlohmann::json::accept(record.body)) {
    return MakeError(ErrorCode::kInvalidArgument, object + ": body is not valid JSON");
  }
  return Ok();
}

// What Insert and Update check before they touch the database: the table, the record's fields
// and the actor, and the key values in the table's column order.
struct PreparedWrite {
  const TableSchema* table = nullptr;
  std::vector<Value> keys;
};

// Users and institutions (a user's tenant kind) are what an authenticated request reads from
// the credential cache: a write to either empties it at commit.
void NoteAccountWrite(Transaction::Rep& rep, std::string_view table) {
  if (table == "users" || table == "institutions") rep.invalidate_credentials = true;
}

Result<PreparedWrite> PrepareWrite(Transaction& tx, const Record& record, const Actor& actor) {
  auto table = tx.rep().Table(record.table);
  if (!table) return table.error();
  NoteAccountWrite(tx.rep(), (*table)->name);
  if (auto c = CheckWrite(tx, record, actor); !c) return c.error();
  auto keys = KeyValues(**table, record);
  if (!keys) return keys.error();
  return PreparedWrite{*table, std::move(*keys)};
}

Error Rewrap(const Error& e, const std::string& object) {
  if (e.code == ErrorCode::kAlreadyExists) {
    return MakeError(ErrorCode::kAlreadyExists,
                     object + ": already exists or a unique key is taken (" + e.message + ")");
  }
  return e.WithContext(object);
}

Result<Record> Fetch(Transaction::Rep& rep, const TableSchema& table, std::string_view id) {
  auto rows =
      rep.conn->Query("SELECT " + table.select_list + " FROM " + table.name + " WHERE id = ?", {std::string(id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, Object(table.name, id) + ": not found");
  return internal::RecordFromRow(table, rows->rows[0]);
}

// The current row, if its version is the expected one.
Result<Record> FetchExpected(Transaction::Rep& rep, const TableSchema& table, std::string_view id, int64_t expected) {
  auto current = Fetch(rep, table, id);
  if (!current) return current.error();
  if (current->version != expected) {
    return MakeError(ErrorCode::kAborted, Object(table.name, id) + ": version " + std::to_string(expected) +
                                              " is stale, current is " + std::to_string(current->version));
  }
  return current;
}

Result<void> Audit(Transaction::Rep& rep, const Actor& actor, const std::string& tenant, std::string action,
                   const std::string& table, const std::string& id, std::optional<std::string> before,
                   std::optional<std::string> after) {
  AuditRecord r;
  r.actor = actor.id;
  if (!actor.request_id.empty()) r.request_id = actor.request_id;
  r.tenant_id = tenant;
  r.action = std::move(action);
  r.object_kind = table;
  r.object_id = id;
  r.before_digest = std::move(before);
  r.after_digest = std::move(after);
  auto appended = internal::AppendAudit(rep, std::move(r));
  if (!appended) return appended.error();
  return Ok();
}

// " WHERE …" of a query's filters, with its values in order.
struct Filter {
  std::string where;
  std::vector<Value> params;
};

Result<Filter> FilterOf(const TableSchema& table, std::string_view table_name, const Query& query) {
  Filter f{" WHERE 1 = 1", {}};
  if (!query.tenant_ids.empty()) {
    f.where += " AND tenant_id IN (";
    for (size_t i = 0; i < query.tenant_ids.size(); ++i) {
      f.where += i ? ", ?" : "?";
      f.params.emplace_back(query.tenant_ids[i]);
    }
    f.where += ")";
  }
  for (const auto& [column, value] : query.where) {
    const internal::KeyColumn* key = table.Key(column);
    if (!key) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(table_name) + ": cannot filter on \"" + column + "\": not a key column");
    }
    if (!value) {
      f.where += " AND " + key->name + " IS NULL";
      continue;
    }
    if (key->integer && !internal::ParseInt64(*value)) {
      return MakeError(ErrorCode::kInvalidArgument, std::string(table_name) + ": filter on \"" + column +
                                                        "\" must be an integer, not \"" + *value + "\"");
    }
    f.where += " AND " + key->name + " = ?";
    f.params.emplace_back(*value);
  }
  return f;
}

// " ORDER BY …" of a query: its column (a whitelisted name), then id.
Result<std::string> OrderOf(const TableSchema& table, std::string_view table_name, const Query& query) {
  // NULLS LAST only where a NULL can be: on the NOT NULL columns it would change nothing but
  // keep PostgreSQL from reading an index backwards for DESC (whose order is NULLS FIRST), so a
  // page sorted newest first would sort every matching row instead of reading one page of them.
  std::string order;
  const char* nulls = "";
  if (query.order_by == "created_at" || query.order_by == "updated_at" || query.order_by == "id") {
    order = query.order_by;
  } else if (const internal::KeyColumn* key = table.Key(query.order_by)) {
    order = key->name;
    nulls = " NULLS LAST";
  } else {
    return MakeError(ErrorCode::kInvalidArgument, std::string(table_name) + ": cannot sort by \"" + query.order_by +
                                                      "\": not a key column, created_at, updated_at or id");
  }
  return " ORDER BY " + order + (query.descending ? " DESC" : " ASC") + nulls + (order == "id" ? "" : ", id ASC");
}

Result<void> CheckPaging(std::string_view table_name, const Query& query) {
  if (query.limit < 0 || query.offset < 0) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(table_name) + ": limit and offset must not be negative");
  }
  return Ok();
}

// Runs a page statement whose rows carry the total in their last column when count_inline, and
// fills the page (the total from the rows, from the page itself, or from count_sql for a page
// past the end).
Result<Page> RunPage(Transaction::Rep& rep, const TableSchema& table, std::string sql, std::vector<Value> params,
                     bool count_inline, const Query& query, const std::string& count_sql,
                     const std::vector<Value>& count_params) {
  const bool sqlite = rep.conn->dialect() == internal::Dialect::kSqlite;
  if (query.limit > 0) {
    sql += " LIMIT ?";
    params.emplace_back(std::to_string(query.limit));
  } else if (sqlite) {
    sql += " LIMIT -1";  // SQLite needs a LIMIT before OFFSET
  }
  sql += " OFFSET ?";
  params.emplace_back(std::to_string(query.offset));
  auto rows = rep.conn->Query(sql, params);
  if (!rows) return rows.error();
  Page page;
  page.records.reserve(rows->rows.size());
  for (Row& row : rows->rows) page.records.push_back(internal::RecordFromRow(table, std::move(row)));
  const auto shown = static_cast<int64_t>(page.records.size());
  if (count_inline && shown > 0) {
    page.total = internal::ParseInt64(rows->rows[0].back().value_or("0")).value_or(0);
  } else if (shown > 0 || query.offset == 0) {
    page.total = query.offset + shown;  // no limit, or an empty table: the page is the rest
  } else {
    auto count = rep.conn->Query(count_sql, count_params);  // past the end: the page does not say
    if (!count) return count.error();
    page.total = internal::ParseInt64(count->rows.at(0).at(0).value_or("0")).value_or(0);
  }
  return page;
}

Result<Page> ListIn(Transaction::Rep& rep, std::string_view table_name, const Query& query) {
  auto table_or = rep.Table(table_name);
  if (!table_or) return table_or.error();
  const TableSchema& table = **table_or;
  if (auto r = CheckPaging(table_name, query); !r) return r.error();
  auto filter = FilterOf(table, table_name, query);
  if (!filter) return filter.error();
  auto order = OrderOf(table, table_name, query);
  if (!order) return order.error();
  // With a limit the page may not show the total: count it in the same statement (an
  // uncorrelated subquery, run once), so a page is one round trip. Without a limit, or with fewer
  // rows than the limit, the total is what the page shows.
  const bool count_inline = query.limit > 0;
  const std::string count_sql = "SELECT COUNT(*) FROM " + table.name + filter->where;
  std::string sql = "SELECT " + table.select_list + (count_inline ? ", (" + count_sql + ")" : "") + " FROM " +
                    table.name + filter->where + *order;
  std::vector<Value> params;
  if (count_inline) params = filter->params;
  params.insert(params.end(), filter->params.begin(), filter->params.end());
  return RunPage(rep, table, std::move(sql), std::move(params), count_inline, query, count_sql, filter->params);
}

// ListUnion in one statement:
//   SELECT u.*, (COUNT of part 1) + (COUNT of part 2) - … FROM
//     (SELECT * FROM (<part 1> ORDER BY … LIMIT offset + limit) AS p0 UNION SELECT * FROM (…) AS p1 …) AS u
//   ORDER BY … LIMIT ? OFFSET ?
// Each positive part reads at most offset + limit rows in order (its index serves them); UNION
// keeps a row matched by several parts once. The total's counts run once each.
Result<Page> ListUnionIn(Transaction::Rep& rep, std::string_view table_name, const std::vector<SignedQuery>& parts,
                         const Query& page) {
  auto table_or = rep.Table(table_name);
  if (!table_or) return table_or.error();
  const TableSchema& table = **table_or;
  if (auto r = CheckPaging(table_name, page); !r) return r.error();
  auto order = OrderOf(table, table_name, page);
  if (!order) return order.error();
  std::string total_sql, rows_sql;
  std::vector<Value> total_params, rows_params;
  const int64_t wanted = page.limit == 0 ? 0 : page.offset + page.limit;
  int positive = 0;
  for (const SignedQuery& part : parts) {
    if (part.sign != 1 && part.sign != -1) {
      return MakeError(ErrorCode::kInvalidArgument, std::string(table_name) + ": a union part's sign must be +1 or -1");
    }
    if (!part.query.tenant_ids.empty() && !page.tenant_ids.empty()) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          std::string(table_name) + ": tenants are filtered by the union's parts or by its page, not both");
    }
    Query q = part.query;
    if (q.tenant_ids.empty()) q.tenant_ids = page.tenant_ids;
    q.where.insert(q.where.end(), page.where.begin(), page.where.end());
    auto filter = FilterOf(table, table_name, q);
    if (!filter) return filter.error();
    total_sql += std::string(total_sql.empty() ? (part.sign > 0 ? "" : "0 - ") : (part.sign > 0 ? " + " : " - ")) +
                 "(SELECT COUNT(*) FROM " + table.name + filter->where + ")";
    total_params.insert(total_params.end(), filter->params.begin(), filter->params.end());
    if (part.sign < 0) continue;
    rows_sql += std::string(positive ? " UNION " : "") + "SELECT * FROM (SELECT " + table.select_list + " FROM " +
                table.name + filter->where + *order + (wanted > 0 ? " LIMIT ?" : "") + ") AS p" +
                std::to_string(positive);
    rows_params.insert(rows_params.end(), filter->params.begin(), filter->params.end());
    if (wanted > 0) rows_params.emplace_back(std::to_string(wanted));
    ++positive;
  }
  if (positive == 0) return Page{};
  std::string sql = "SELECT u.*, (" + total_sql + ") FROM (" + rows_sql + ") AS u" + *order;
  std::vector<Value> params = total_params;
  params.insert(params.end(), rows_params.begin(), rows_params.end());
  // Every row carries the total, with or without a limit (the count of a union is not the
  // number of its rows when parts overlap).
  return RunPage(rep, table, std::move(sql), std::move(params), /*count_inline=*/true, page, "SELECT " + total_sql,
                 total_params);
}

Result<std::vector<Record>> GetManyIn(Transaction::Rep& rep, const std::vector<Lookup>& lookups) {
  std::string sql;
  std::vector<Value> params;
  std::vector<const TableSchema*> tables;
  for (size_t i = 0; i < lookups.size(); ++i) {
    const Lookup& l = lookups[i];
    auto table_or = rep.Table(l.table);
    if (!table_or) return table_or.error();
    const TableSchema& table = **table_or;
    tables.push_back(&table);
    std::string column;
    if (l.column == "id") {
      column = "id";
    } else if (const internal::KeyColumn* key = table.Key(l.column)) {
      column = key->name;
    } else {
      return MakeError(ErrorCode::kInvalidArgument,
                       table.name + ": cannot look up by \"" + l.column + "\": not a key column or id");
    }
    if (l.values.empty()) continue;
    std::string in;
    for (const std::string& v : l.values) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(v);
    }
    if (!l.through.empty()) {
      const size_t dot = l.through.find('.');
      auto via = rep.Table(l.through.substr(0, dot));
      if (!via) return via.error();
      const internal::KeyColumn* key = dot == std::string::npos ? nullptr : (*via)->Key(l.through.substr(dot + 1));
      if (!key) {
        return MakeError(ErrorCode::kInvalidArgument,
                         table.name + ": cannot look up through \"" + l.through + "\": not table.key_column");
      }
      in = "SELECT " + key->name + " FROM " + (*via)->name + " WHERE id IN (" + in + ")";
    }
    if (!sql.empty()) sql += " UNION ALL ";
    const std::string branch = std::to_string(i);
    if (l.presence_only) {
      sql += "SELECT " + branch + ", " + column + ", NULL, NULL, NULL, NULL, NULL FROM " + table.name + " WHERE " +
             column + " IN (" + in + ") GROUP BY " + column;
    } else {
      sql += "SELECT " + branch + ", id, tenant_id, version, body, created_at, updated_at FROM " + table.name +
             " WHERE " + column + " IN (" + in + ")";
    }
  }
  std::vector<Record> out;
  if (sql.empty()) return out;
  sql += " ORDER BY 1, 6, 2";
  auto rows = rep.conn->Query(sql, params);
  if (!rows) return rows.error();
  out.reserve(rows->rows.size());
  for (const Row& row : rows->rows) {
    const auto branch = internal::ParseInt64(row[0].value_or("")).value_or(-1);
    HF_CHECK(branch >= 0 && branch < static_cast<int64_t>(tables.size()));
    Record r;
    r.table = tables[static_cast<size_t>(branch)]->name;
    r.id = row[1].value_or("");
    r.tenant_id = row[2].value_or("");
    r.version = internal::ParseInt64(row[3].value_or("")).value_or(0);
    r.body = row[4].value_or("");
    r.created_at = row[5].value_or("");
    r.updated_at = row[6].value_or("");
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::string NewId(std::string_view prefix) {
  return std::string(prefix) + "_" + internal::RandomHex(8);
}

Result<Record> Insert(Transaction& tx, const Record& record, const Actor& actor) {
  Transaction::Rep& rep = tx.rep();
  auto write = PrepareWrite(tx, record, actor);
  if (!write) return write.error();
  const TableSchema& table = *write->table;
  const std::vector<Value>& keys = write->keys;
  const std::string now = internal::NowUtc();
  std::vector<Value> params = {record.id, record.tenant_id, std::string("1"), record.body, now, now};
  std::string columns = "id, tenant_id, version, body, created_at, updated_at";
  std::string marks = "?, ?, ?, ?, ?, ?";
  for (size_t i = 0; i < table.keys.size(); ++i) {
    columns += ", " + table.keys[i].name;
    marks += ", ?";
    params.push_back(keys[i]);
  }
  auto rows = rep.conn->Query(
      "INSERT INTO " + table.name + " (" + columns + ") VALUES (" + marks + ") RETURNING " + table.select_list, params);
  const std::string object = Object(table.name, record.id);
  if (!rows) return Rewrap(rows.error(), object);
  Record stored = internal::RecordFromRow(table, rows->rows.at(0));
  if (auto a = Audit(rep, actor, stored.tenant_id, "insert", table.name, stored.id, std::nullopt, RecordDigest(stored));
      !a) {
    return a.error();
  }
  return stored;
}

Result<Record> Update(Transaction& tx, const Record& record, int64_t expected_version, const Actor& actor) {
  Transaction::Rep& rep = tx.rep();
  auto write = PrepareWrite(tx, record, actor);
  if (!write) return write.error();
  const TableSchema& table = *write->table;
  const std::vector<Value>& keys = write->keys;
  const std::string object = Object(table.name, record.id);
  auto current = FetchExpected(rep, table, record.id, expected_version);
  if (!current) return current.error();
  if (current->tenant_id != record.tenant_id) {
    return MakeError(ErrorCode::kInvalidArgument, object + ": tenant_id \"" + record.tenant_id + "\" differs from \"" +
                                                      current->tenant_id + "\" (a record never moves between tenants)");
  }
  std::string sql = "UPDATE " + table.name + " SET version = ?, body = ?, updated_at = ?";
  std::vector<Value> params = {std::to_string(expected_version + 1), record.body, internal::NowUtc()};
  for (size_t i = 0; i < table.keys.size(); ++i) {
    sql += ", " + table.keys[i].name + " = ?";
    params.push_back(keys[i]);
  }
  sql += " WHERE id = ? AND version = ? RETURNING " + table.select_list;
  params.emplace_back(record.id);
  params.emplace_back(std::to_string(expected_version));
  auto rows = rep.conn->Query(sql, params);
  if (!rows) return Rewrap(rows.error(), object);
  if (rows->rows.empty()) {  // cannot happen while writers are serialised; never a lost update
    return MakeError(ErrorCode::kAborted, object + ": version " + std::to_string(expected_version) + " is stale");
  }
  Record stored = internal::RecordFromRow(table, rows->rows[0]);
  if (auto a = Audit(rep, actor, stored.tenant_id, "update", table.name, stored.id, RecordDigest(*current),
                     RecordDigest(stored));
      !a) {
    return a.error();
  }
  return stored;
}

Result<void> Delete(Transaction& tx, std::string_view table_name, std::string_view id, int64_t expected_version,
                    const Actor& actor) {
  Transaction::Rep& rep = tx.rep();
  auto table_or = rep.Table(table_name);
  if (!table_or) return table_or.error();
  const TableSchema& table = **table_or;
  const std::string object = Object(table.name, id);
  if (tx.read_only()) {
    return MakeError(ErrorCode::kFailedPrecondition, object + ": cannot write in a read-only snapshot transaction");
  }
  if (actor.id.empty()) return MakeError(ErrorCode::kInvalidArgument, object + ": actor is empty");
  NoteAccountWrite(rep, table.name);
  auto current = FetchExpected(rep, table, id, expected_version);
  if (!current) return current.error();
  auto rows = rep.conn->Query("DELETE FROM " + table.name + " WHERE id = ? AND version = ?",
                              {std::string(id), std::to_string(expected_version)});
  if (!rows) return rows.error().WithContext(object);
  if (rows->affected != 1) {
    return MakeError(ErrorCode::kAborted, object + ": version " + std::to_string(expected_version) + " is stale");
  }
  return Audit(rep, actor, current->tenant_id, "delete", table.name, current->id, RecordDigest(*current), std::nullopt);
}

Result<Record> Get(Transaction& tx, std::string_view table_name, std::string_view id) {
  auto table = tx.rep().Table(table_name);
  if (!table) return table.error();
  return Fetch(tx.rep(), **table, id);
}

namespace {

// A read of one statement (a page's rare second COUNT aside), run outside a transaction: a
// single statement is consistent on its own (Database::WithStatements).
template <typename T>
Result<T> ReadOne(Database& db, const std::function<Result<T>(Transaction::Rep&)>& read) {
  Result<T> out = MakeError(ErrorCode::kInternal, "not run");
  auto done = db.WithStatements([&](Transaction& tx) -> Result<void> {
    out = read(tx.rep());
    if (!out) return out.error();
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace

Result<Record> Get(Database& db, std::string_view table, std::string_view id) {
  return ReadOne<Record>(db, [&](Transaction::Rep& rep) -> Result<Record> {
    auto t = rep.Table(table);
    if (!t) return t.error();
    return Fetch(rep, **t, id);
  });
}

Result<Page> List(Transaction& tx, std::string_view table, const Query& query) {
  return ListIn(tx.rep(), table, query);
}

Result<Page> ListUnion(Transaction& tx, std::string_view table, const std::vector<SignedQuery>& parts,
                       const Query& page) {
  return ListUnionIn(tx.rep(), table, parts, page);
}

Result<Page> ListUnion(Database& db, std::string_view table, const std::vector<SignedQuery>& parts, const Query& page) {
  return ReadOne<Page>(db, [&](Transaction::Rep& rep) { return ListUnionIn(rep, table, parts, page); });
}

Result<Page> List(Database& db, std::string_view table, const Query& query) {
  return ReadOne<Page>(db, [&](Transaction::Rep& rep) { return ListIn(rep, table, query); });
}

Result<std::vector<Record>> GetMany(Transaction& tx, const std::vector<Lookup>& lookups) {
  return GetManyIn(tx.rep(), lookups);
}

Result<std::vector<TableInfo>> Tables(Database& db) {
  std::vector<TableInfo> out;
  auto done = db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    out.clear();
    auto schema = tx.rep().AllTables(/*reload=*/true);
    if (!schema) return schema.error();
    for (const auto& [name, t] : (*schema)->tables) {
      TableInfo info{name, {}};
      for (const auto& k : t.keys) info.key_columns.push_back(k.name);
      out.push_back(std::move(info));
    }
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace highfence::storage
