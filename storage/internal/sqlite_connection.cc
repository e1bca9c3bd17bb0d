// SPDX-License-Identifier: Apache-2.0
// The SQLite connection: prepared statements cached per connection, extended result codes mapped
// to ErrorCode, and the file checks that Database::Open runs before anything is written.
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "base/check.h"
#include "storage/internal/connection.h"

namespace highfence::storage::internal {
namespace {

namespace fs = std::filesystem;

ErrorCode CodeOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return ErrorCode::kAlreadyExists;
      return ErrorCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kDataLoss;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      return ErrorCode::kResourceExhausted;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ErrorCode::kUnavailable;
    case SQLITE_ERROR:
      return ErrorCode::kInvalidArgument;  // SQL or schema error (a missing table …)
    default:
      return ErrorCode::kInternal;
  }
}

bool Retryable(int rc) {
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string where) : Connection(std::move(where)), db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  using Connection::Query;
  Dialect dialect() const override { return Dialect::kSqlite; }
  bool healthy() const override { return true; }
  sqlite3* handle() { return db_; }

  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(std::string(sql)); it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc =
          sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return Fail(rc, sql);
      cache_.emplace(std::string(sql), stmt);
    }
    HF_CHECK(sqlite3_bind_parameter_count(stmt) == static_cast<int>(params.size()));
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      int rc = params[i]
                   ? sqlite3_bind_text64(stmt, index, params[i]->data(), params[i]->size(), SQLITE_STATIC, SQLITE_UTF8)
                   : sqlite3_bind_null(stmt, index);
      if (rc != SQLITE_OK) return Finish(stmt, rc, sql);
    }
    Rows out;
    const int n = sqlite3_column_count(stmt);
    for (int c = 0; c < n; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row(n);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) continue;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row[c] = std::string(text, sqlite3_column_bytes(stmt, c));
      }
      out.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Finish(stmt, rc, sql);
    out.affected = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return out;
  }

  Result<void> ExecScript(std::string_view sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Ok();
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if (Retryable(rc)) saw_retryable_error_ = true;
    return MakeError(CodeOf(sqlite3_extended_errcode(db_)), where_ + ": " + text);
  }

 private:
  Error Fail(int rc, std::string_view sql) {
    if (Retryable(rc)) saw_retryable_error_ = true;
    std::string text = sqlite3_errmsg(db_);
    // The statement names what failed (a table or column); keep it short.
    std::string_view head = sql.substr(0, std::min<size_t>(sql.size(), 80));
    return MakeError(CodeOf(sqlite3_extended_errcode(db_)),
                     where_ + ": " + text + " (in: " + std::string(head) + (sql.size() > 80 ? "…" : "") + ")");
  }
  Error Finish(sqlite3_stmt* stmt, int rc, std::string_view sql) {
    Error e = Fail(rc, sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return e;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// SQLite keeps memory statistics by default, behind one global mutex taken on every allocation:
// with the server's many threads each on its own connection, that mutex was the busiest lock of
// a case read (perf, docs/benchmarks.md). highfence never reads the statistics. The setting can
// only change before SQLite initialises; if something initialised it first, it stays as it was.
void DisableMemoryStatistics() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Result<sqlite3*> OpenHandle(const std::string& path, int flags, int busy_timeout_ms) {
  DisableMemoryStatistics();
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string text = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return MakeError(CodeOf(rc), "sqlite:" + path + ": cannot open: " + text);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return db;
}

uint32_t BigEndian(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const SqliteSettings& s) {
  if (s.path.empty() || s.path == ":memory:" || s.path.rfind("file:", 0) == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "sqlite:" + s.path +
                         ": give the path of a database file (in-memory databases are not shared "
                         "between connections)");
  }
  auto db = OpenHandle(s.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, s.busy_timeout_ms);
  if (!db) return db.error();
  auto conn = std::make_unique<SqliteConnection>(*db, "sqlite:" + s.path);
  if (s.apply_pragmas) {
    // WAL: readers never block the writer. synchronous=FULL syncs the WAL at every commit, so a
    // committed change (and its audit record) survives a power cut; NORMAL may lose the last
    // commits then (never corrupting). foreign_keys for later migrations that declare them.
    std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=") +
                          (s.full_sync ? "FULL" : "NORMAL") + ";";
    if (auto r = conn->ExecScript(pragmas); !r) return r.error();
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

Result<void> CheckSqliteFile(const std::string& path, bool quick_check) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Ok();
  const auto size = fs::file_size(path, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, "sqlite:" + path + ": " + ec.message());
  if (size == 0) return Ok();
  unsigned char header[100] = {};
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kUnavailable, "sqlite:" + path + ": cannot read the file");
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (in.gcount() < static_cast<std::streamsize>(sizeof header)) {
      return MakeError(ErrorCode::kDataLoss, "sqlite:" + path + ": truncated: " + std::to_string(size) +
                                                 " bytes, shorter than a SQLite header");
    }
  }
  if (std::memcmp(header, "SQLite format 3", 16) != 0) {
    return MakeError(ErrorCode::kDataLoss, "sqlite:" + path + ": not a SQLite database (wrong file header)");
  }
  uint32_t page_size = BigEndian(header + 16, 2);
  if (page_size == 1) page_size = 65536;
  const uint32_t change_counter = BigEndian(header + 24, 4);
  const uint32_t pages = BigEndian(header + 28, 4);
  const uint32_t valid_for = BigEndian(header + 92, 4);
  // The in-header size is valid when its version-valid-for number equals the change counter.
  // A WAL file beside the database may hold newer pages, so only a shortfall is judged there.
  if (valid_for == change_counter && pages > 0 && static_cast<uint64_t>(pages) * page_size > size) {
    return MakeError(ErrorCode::kDataLoss, "sqlite:" + path + ": truncated: the header says " + std::to_string(pages) +
                                               " pages of " + std::to_string(page_size) + " bytes, the file has " +
                                               std::to_string(size) + " bytes");
  }
  if (!quick_check) return Ok();
  // Opened read-write without pragmas: reading never writes to the file. (A read-only handle
  // cannot recover a WAL left by a crashed writer, which is a normal state, not corruption.)
  auto db = OpenHandle(path, SQLITE_OPEN_READWRITE, 5000);
  if (!db) return db.error();
  SqliteConnection conn(*db, "sqlite:" + path);
  auto rows = conn.Query("PRAGMA quick_check");
  if (!rows) {
    if (rows.error().code == ErrorCode::kDataLoss || rows.error().code == ErrorCode::kInternal) {
      return MakeError(ErrorCode::kDataLoss, rows.error().message);
    }
    return rows.error();
  }
  if (rows->rows.empty() || !rows->rows[0][0] || *rows->rows[0][0] != "ok") {
    std::string first = rows->rows.empty() || !rows->rows[0][0] ? "no result" : *rows->rows[0][0];
    return MakeError(ErrorCode::kDataLoss, "sqlite:" + path + ": corrupt: quick_check: " + first);
  }
  return Ok();
}

Result<void> SqliteCopy(Connection& from, Connection& to) {
  HF_CHECK(from.dialect() == Dialect::kSqlite && to.dialect() == Dialect::kSqlite);
  sqlite3* src = static_cast<SqliteConnection&>(from).handle();
  sqlite3* dst = static_cast<SqliteConnection&>(to).handle();
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (!backup) {
    return MakeError(CodeOf(sqlite3_extended_errcode(dst)), to.where() + ": backup: " + sqlite3_errmsg(dst));
  }
  int rc;
  // One step copies every page under one read lock: a consistent snapshot. The busy handler is
  // not used by the backup API, so wait here for a writer of the destination to finish.
  for (int attempt = 0; (rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; ++attempt) {
    if (attempt > 500) break;
    sqlite3_sleep(10);
  }
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return MakeError(CodeOf(rc), to.where() + ": backup from " + from.where() + ": " + sqlite3_errstr(rc));
  }
  if (finish != SQLITE_OK) {
    return MakeError(CodeOf(finish), to.where() + ": backup from " + from.where() + ": " + sqlite3_errmsg(dst));
  }
  return Ok();
}

}  // namespace highfence::storage::internal
