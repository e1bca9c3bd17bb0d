// SPDX-License-Identifier: Apache-2.0
#pragma once
// The small SQL layer under storage/: one connection to SQLite or PostgreSQL, parameterised
// statements only. SQL is written once with `?` placeholders; the PostgreSQL connection rewrites
// them to $1, $2 … . Values travel as text or NULL in both directions (integers as decimal text),
// which keeps the two backends byte-for-byte comparable for the audit digests.
//
// A Connection is used by one thread at a time (the pool hands it out); it is not thread-safe.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::storage::internal {

enum class Dialect { kSqlite, kPostgres };

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT / UPDATE / DELETE
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement with `?` placeholders bound to params in order. Errors carry a code
  // (kAlreadyExists for a unique key, kInvalidArgument for a CHECK or malformed JSON,
  // kUnavailable / kAborted for busy and serialisation failures, kDataLoss for corruption) and
  // the database's message prefixed with where().
  virtual Result<Rows> Query(std::string_view sql, std::span<const Value> params) = 0;
  Result<Rows> Query(std::string_view sql) { return Query(sql, {}); }
  Result<Rows> Query(std::string_view sql, std::initializer_list<Value> params) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs several statements without parameters (a migration file).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  // True when a call since ResetRetryable() failed for a transient reason (SQLITE_BUSY,
  // PostgreSQL 40001 / 40P01): the transaction may be run again. Sticky, so that a caller that
  // rewraps the error or runs ROLLBACK does not hide it.
  bool saw_retryable_error() const { return saw_retryable_error_; }
  void ResetRetryable() { saw_retryable_error_ = false; }
  // False once the connection is unusable (PostgreSQL connection lost); the pool drops it.
  virtual bool healthy() const = 0;
  // "sqlite:PATH" or "postgresql://host:port/db" (never a password), for messages.
  const std::string& where() const { return where_; }

 protected:
  explicit Connection(std::string where) : where_(std::move(where)) {}
  bool saw_retryable_error_ = false;
  std::string where_;
};

// "sqlite:PATH": opens (or creates) the file with WAL, busy_timeout, foreign_keys and the given
// synchronous level. No check of the file's content (see CheckSqliteFile).
struct SqliteSettings {
  std::string path;
  int busy_timeout_ms = 5000;
  bool full_sync = true;
  bool apply_pragmas = true;  // false: open only (for checking a file without writing to it)
};
Result<std::unique_ptr<Connection>> OpenSqlite(const SqliteSettings& settings);

// Checks that an existing file is a whole SQLite database without writing to it: the 16-byte
// header, the page count in the header against the file size, and PRAGMA quick_check.
// kDataLoss naming the path otherwise. A missing or empty file passes (it becomes a new database).
Result<void> CheckSqliteFile(const std::string& path, bool quick_check);

// SQLite online backup API: copies every page of `from` (a database file) into `to`
// (a database file that is created or overwritten). Both paths are plain files.
Result<void> SqliteCopy(Connection& from, Connection& to);

// "postgresql://…" / "postgres://…": kUnavailable naming host:port when the server cannot be
// reached, kInvalidArgument for a malformed URL.
struct PostgresSettings {
  std::string url;
  int connect_timeout_seconds = 10;
};
Result<std::unique_ptr<Connection>> OpenPostgres(const PostgresSettings& settings);
// "postgresql://host:port/dbname" without user or password, or the error of a malformed URL.
Result<std::string> DescribePostgresUrl(std::string_view url);

// A decimal integer in canonical form ("42", "-7"; not "042", "+1", " 1"), or nullopt.
std::optional<int64_t> ParseInt64(std::string_view text);

// `?` → `$1`, `$2` …, outside string literals and quoted identifiers.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace highfence::storage::internal
