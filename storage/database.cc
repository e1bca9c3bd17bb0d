// SPDX-License-Identifier: Apache-2.0
#include "storage/database.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <random>
#include <thread>

#include "storage/internal/connection.h"
#include "storage/internal/migrations.h"
#include "storage/internal/process.h"
#include "storage/internal/rep.h"

namespace highfence::storage {
namespace {

namespace fs = std::filesystem;
using internal::Connection;
using internal::Dialect;

constexpr std::string_view kNotMigrated = "the database has no case tables yet: run `highfence db migrate`";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void Rollback(Connection& conn) {
  (void)conn.Query("ROLLBACK");
}

// Sleeps a little before a transaction is run again, with jitter so that several waiting
// processes do not wake together.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  const int cap = std::min(100, 2 << std::min(attempt, 6));
  std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(rng() % cap)));
}

enum class Mode {
  kWrite,       // one write transaction
  kSnapshot,    // one read-only transaction
  kStatements,  // no transaction: each statement reads as of its own start
};

// One attempt of a transaction: BEGIN, (write) lock the audit head, fn, write the head, COMMIT.
// kStatements: fn alone.
Result<void> RunOnce(Database::Rep& db, Connection& conn, Mode mode,
                     const std::function<Result<void>(Transaction&)>& fn, bool& retryable) {
  const bool sqlite = conn.dialect() == Dialect::kSqlite;
  const bool write = mode == Mode::kWrite;
  conn.ResetRetryable();
  Transaction::Rep rep;
  rep.db = &db;
  rep.conn = &conn;
  rep.read_only = !write;
  if (mode == Mode::kStatements) {
    Transaction tx(&rep);
    Result<void> result = fn(tx);
    if (!result) retryable = conn.saw_retryable_error();
    return result;
  }
  const char* begin = write ? (sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
                            : (sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (auto b = conn.Query(begin); !b) {
    retryable = conn.saw_retryable_error();
    return b.error();
  }
  if (write) {
    // Every writer takes this row first, so appends to the chain (and all writes) are serialised
    // on PostgreSQL as BEGIN IMMEDIATE serialises them on SQLite.
    auto head = conn.Query(sqlite ? "SELECT seq, hash FROM audit_head WHERE id = 1"
                                  : "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
    if (!head || head->rows.size() != 1) {
      retryable = conn.saw_retryable_error();
      Rollback(conn);
      if (!head && !retryable && head.error().code == ErrorCode::kInvalidArgument) {
        return MakeError(ErrorCode::kFailedPrecondition, db.description + ": " + std::string(kNotMigrated));
      }
      if (!head) return head.error();
      return MakeError(ErrorCode::kDataLoss, db.description + ": audit_head must hold exactly one row, it holds " +
                                                 std::to_string(head->rows.size()));
    }
    rep.head_seq = internal::ParseInt64(head->rows[0][0].value_or("")).value_or(-1);
    rep.head_hash = head->rows[0][1].value_or("");
  }
  Transaction tx(&rep);
  // If fn throws (our code does not, a caller's might), roll back before the connection goes
  // back to the pool, so the next user does not inherit an open transaction.
  struct RollbackOnUnwind {
    Connection& conn;
    ~RollbackOnUnwind() {
      if (std::uncaught_exceptions() > 0) Rollback(conn);
    }
  } guard{conn};
  Result<void> result = fn(tx);
  if (result && rep.head_moved) {
    result = conn.Query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                        {std::to_string(rep.head_seq), rep.head_hash})
                 .map([](auto&&) {});
  }
  if (result) result = conn.Query("COMMIT").map([](auto&&) {});
  if (result && rep.invalidate_credentials) db.credentials->Invalidate();
  if (!result) {
    retryable = conn.saw_retryable_error();
    Rollback(conn);
  }
  return result;
}

Result<void> Run(Database::Rep& db, Mode mode, const std::function<Result<void>(Transaction&)>& fn) {
  const auto deadline = std::chrono::steady_clock::now() + db.options.busy_timeout;
  for (int attempt = 1;; ++attempt) {
    auto lease = db.pool->Acquire();
    if (!lease) return lease.error();
    bool retryable = false;
    Result<void> r = RunOnce(db, **lease, mode, fn, retryable);
    if (r || !retryable) return r;
    const bool give_up = db.backend == Backend::kPostgres ? attempt > db.options.max_retries
                                                          : std::chrono::steady_clock::now() >= deadline;
    if (give_up) return r.error().WithContext("transaction gave up after " + std::to_string(attempt) + " attempts");
    Backoff(attempt);
  }
}

}  // namespace

// ---- Rep ------------------------------------------------------------------------------------

Result<std::shared_ptr<const internal::Schema>> Database::Rep::GetSchema(Connection& conn, bool reload) {
  {
    std::lock_guard lock(schema_mu_);
    if (schema_ && !reload) return schema_;
  }
  auto loaded = internal::LoadSchema(conn);
  if (!loaded) return loaded.error();
  auto schema = std::make_shared<const internal::Schema>(std::move(*loaded));
  std::lock_guard lock(schema_mu_);
  schema_ = schema;
  return schema;
}

void Database::Rep::InvalidateSchema() {
  std::lock_guard lock(schema_mu_);
  schema_.reset();
}

Result<const internal::TableSchema*> Database::Rep::Table(Connection& conn, std::string_view table,
                                                          std::shared_ptr<const internal::Schema>& keep) {
  if (!keep || !keep->Find(table)) {
    auto schema = GetSchema(conn, /*reload=*/keep != nullptr);
    if (!schema) return schema.error();
    keep = *schema;
    if (!keep->Find(table)) {  // maybe migrated by another process since
      schema = GetSchema(conn, true);
      if (!schema) return schema.error();
      keep = *schema;
    }
  }
  if (const internal::TableSchema* t = keep->Find(table)) return t;
  if (keep->tables.empty()) {
    return MakeError(ErrorCode::kFailedPrecondition, description + ": " + std::string(kNotMigrated));
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown table \"" + std::string(table) + "\" (the case tables are: " + keep->Names() + ")");
}

Result<std::unique_ptr<Connection>> Database::Rep::Connect() const {
  if (backend == Backend::kSqlite) {
    return internal::OpenSqlite({.path = sqlite_path,
                                 .busy_timeout_ms = static_cast<int>(options.busy_timeout.count()),
                                 .full_sync = options.sqlite_full_sync,
                                 .apply_pragmas = true});
  }
  return internal::OpenPostgres({.url = url, .connect_timeout_seconds = options.connect_timeout_seconds});
}

bool Transaction::read_only() const {
  return rep_->read_only;
}

// ---- Database -------------------------------------------------------------------------------

Database::Database(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, const Options& options) {
  if (options.pool_size < 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "pool_size must be at least 1, not " + std::to_string(options.pool_size));
  }
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->credentials = std::make_unique<internal::CredentialCache>(options.credential_cache);
  rep->url = std::string(url);
  std::unique_ptr<Connection> first;
  if (StartsWith(url, "sqlite:")) {
    rep->backend = Backend::kSqlite;
    rep->sqlite_path = std::string(url.substr(7));
    rep->description = "sqlite:" + rep->sqlite_path;
    // Everything is checked before the first write (WAL mode is one): a corrupt file, or a
    // schema from a newer binary, is left byte for byte as it was.
    if (auto r = internal::CheckSqliteFile(rep->sqlite_path, options.check_on_open); !r) return r.error();
    auto check = internal::OpenSqlite({.path = rep->sqlite_path,
                                       .busy_timeout_ms = static_cast<int>(options.busy_timeout.count()),
                                       .apply_pragmas = false});
    if (!check) return check.error();
    auto applied = internal::ReadAppliedMigrations(**check);
    if (!applied) {
      if (applied.error().code == ErrorCode::kDataLoss) return applied.error();
      return applied.error().WithContext(rep->description);
    }
    if (auto r = internal::RefuseNewerSchema(*applied, rep->description); !r) return r.error();
    check->reset();
    auto conn = rep->Connect();
    if (!conn) return conn.error();
    first = std::move(*conn);
  } else if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    rep->backend = Backend::kPostgres;
    auto description = internal::DescribePostgresUrl(url);
    if (!description) return description.error();
    rep->description = *description;
    auto conn = rep->Connect();
    if (!conn) return conn.error();
    auto applied = internal::ReadAppliedMigrations(**conn);
    if (!applied) return applied.error();
    if (auto r = internal::RefuseNewerSchema(*applied, rep->description); !r) return r.error();
    first = std::move(*conn);
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "database URL \"" + std::string(url.substr(0, 40)) +
                                                      "\": use sqlite:PATH or postgresql://user@host:port/database");
  }
  Rep* raw = rep.get();
  rep->pool = std::make_unique<internal::Pool>([raw] { return raw->Connect(); }, options.pool_size);
  rep->pool->Adopt(std::move(first));
  return std::unique_ptr<Database>(new Database(std::move(rep)));
}

Backend Database::backend() const {
  return rep_->backend;
}
const std::string& Database::description() const {
  return rep_->description;
}

Result<SchemaStatus> Database::Status() {
  auto lease = rep_->pool->Acquire();
  if (!lease) return lease.error();
  auto applied = internal::ReadAppliedMigrations(**lease);
  if (!applied) return applied.error();
  SchemaStatus status;
  status.binary_version = internal::BinarySchemaVersion();
  status.database_version = applied->empty() ? 0 : applied->back().version;
  for (const internal::EmbeddedMigration& m : internal::EmbeddedMigrations((*lease)->dialect())) {
    MigrationStatus s;
    s.version = m.version;
    s.name = std::string(m.name);
    auto it = std::find_if(applied->begin(), applied->end(), [&](const auto& a) { return a.version == m.version; });
    if (it != applied->end()) {
      s.applied = true;
      s.applied_at = it->applied_at;
      s.checksum_matches = it->checksum == internal::MigrationChecksum(m);
    }
    status.migrations.push_back(std::move(s));
  }
  return status;
}

Result<std::vector<int>> Database::Migrate() {
  auto lease = rep_->pool->Acquire();
  if (!lease) return lease.error();
  auto done = internal::ApplyPendingMigrations(**lease, rep_->description);
  rep_->InvalidateSchema();
  return done;
}

Database::PoolStats Database::pool_stats() const {
  internal::Pool::Stats s = rep_->pool->stats();
  return PoolStats{s.size, s.open, s.in_use, s.waiting};
}

Result<void> Database::WithTransaction(const std::function<Result<void>(Transaction&)>& fn) {
  return Run(*rep_, Mode::kWrite, fn);
}

Result<void> Database::WithSnapshot(const std::function<Result<void>(Transaction&)>& fn) {
  return Run(*rep_, Mode::kSnapshot, fn);
}

Result<void> Database::WithStatements(const std::function<Result<void>(Transaction&)>& fn) {
  return Run(*rep_, Mode::kStatements, fn);
}

// ---- Backup and restore -----------------------------------------------------------------------

namespace {

std::string PgTool(const Options& options, std::string_view tool) {
  if (options.pg_bin_dir.empty()) return std::string(tool);
  return (fs::path(options.pg_bin_dir) / tool).string();
}

std::string LastLines(const std::string& output) {
  std::string s = output;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  if (s.size() > 600) s = "…" + s.substr(s.size() - 600);
  return s;
}

}  // namespace

Result<void> Database::Backup(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return MakeError(ErrorCode::kAlreadyExists, file.string() + ": already exists (a backup never overwrites a file)");
  }
  const fs::path partial = file.string() + ".partial";
  fs::remove(partial, ec);
  if (rep_->backend == Backend::kSqlite) {
    auto lease = rep_->pool->Acquire();
    if (!lease) return lease.error();
    auto target = internal::OpenSqlite({.path = partial.string(), .apply_pragmas = false});
    if (!target) return target.error();
    auto copied = internal::SqliteCopy(**lease, **target);
    // Leave the copy self-contained: one file in rollback-journal mode, no -wal beside it.
    if (copied) copied = (*target)->ExecScript("PRAGMA journal_mode=DELETE");
    target->reset();
    if (!copied) {
      fs::remove(partial, ec);
      return copied.error();
    }
  } else {
    auto run = internal::RunProcess({PgTool(rep_->options, "pg_dump"), "--format=custom", "--no-owner",
                                     "--file=" + partial.string(), "--dbname=" + rep_->url});
    if (!run) return run.error();
    if (run->exit_status != 0) {
      fs::remove(partial, ec);
      return MakeError(ErrorCode::kUnavailable, rep_->description + ": pg_dump failed (exit " +
                                                    std::to_string(run->exit_status) + "): " + LastLines(run->output));
    }
  }
  fs::rename(partial, file, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, file.string() + ": " + ec.message());
  return Ok();
}

Result<void> Database::Restore(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return MakeError(ErrorCode::kNotFound, file.string() + ": no such backup file");
  if (rep_->backend == Backend::kSqlite) {
    if (auto r = internal::CheckSqliteFile(file.string(), true); !r) return r.error();
    auto source = internal::OpenSqlite({.path = file.string(), .apply_pragmas = false});
    if (!source) return source.error();
    auto applied = internal::ReadAppliedMigrations(**source);
    if (!applied) return applied.error().WithContext(file.string());
    if (applied->empty()) {
      return MakeError(ErrorCode::kInvalidArgument, file.string() + ": not a highfence backup (no schema_migrations)");
    }
    if (auto r = internal::RefuseNewerSchema(*applied, file.string()); !r) return r.error();
    auto lease = rep_->pool->Acquire();
    if (!lease) return lease.error();
    if (auto r = internal::SqliteCopy(**source, **lease); !r) return r.error();
  } else {
    auto run =
        internal::RunProcess({PgTool(rep_->options, "pg_restore"), "--clean", "--if-exists", "--single-transaction",
                              "--exit-on-error", "--no-owner", "--dbname=" + rep_->url, file.string()});
    if (!run) return run.error();
    if (run->exit_status != 0) {
      return MakeError(ErrorCode::kInvalidArgument, file.string() + ": pg_restore into " + rep_->description +
                                                        " failed (exit " + std::to_string(run->exit_status) +
                                                        ", nothing was changed): " + LastLines(run->output));
    }
  }
  rep_->pool->CloseIdle();
  rep_->InvalidateSchema();
  rep_->credentials->Invalidate();
  return Ok();
}

}  // namespace highfence::storage
