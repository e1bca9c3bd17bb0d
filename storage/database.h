// SPDX-License-Identifier: Apache-2.0
#pragma once
// Database: the case store's connection to SQLite (one office, one file) or PostgreSQL (an agency
// with several stateless servers), chosen by URL (decision 0003). It owns the schema migrations
// and the transactions; records.h reads and writes aggregates through it and audit.h keeps the
// tamper-evident audit trail (監査証跡) that every write appends to in the same transaction.
//
//   auto db = storage::Database::Open("sqlite:highfence.db", {});   // or "postgresql://…"
//   if (!db) return db.error();
//   if (auto m = (*db)->Migrate(); !m) return m.error();
//   auto r = (*db)->WithTransaction([&](storage::Transaction& tx) -> Result<void> {
//     return storage::Insert(tx, record, actor).map([](auto&&) {});
//   });
//
// Thread-safe: one Database is shared by every thread of a process (a pool of Options.pool_size
// connections); several processes may open the same SQLite file or PostgreSQL database at once.
// Write transactions are serialised (SQLite BEGIN IMMEDIATE; PostgreSQL a row lock on
// audit_head), which keeps the audit chain a line; reads never wait for writers.
// Not here: typed aggregates (the case repository above), access rules (domain/access).
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::storage {

enum class Backend { kSqlite, kPostgres };

struct Options {
  // Connections opened (lazily) and shared by the process's threads; a thread waits when all are
  // in use. A thread holding a Transaction must not call the Database-level reads of records.h
  // (use the Transaction overloads), or a pool of one would wait for itself. Default: 8.
  int pool_size = 8;
  // How long a writer waits for another writer (SQLite busy_timeout, and the window in which
  // WithTransaction re-runs a transaction that met SQLITE_BUSY). Default: 5 s.
  std::chrono::milliseconds busy_timeout{5000};
  // SQLite synchronous=FULL: every commit syncs the WAL, so a committed decision and its audit
  // record survive a power cut. false: NORMAL, faster, may lose the last commits on power loss
  // (never corrupts). Default: true ("nothing lost").
  bool sqlite_full_sync = true;
  // Run PRAGMA quick_check on an existing SQLite file when opening it (reads the whole file once;
  // turn off only for very large files opened often). Default: true.
  bool check_on_open = true;
  // PostgreSQL: times WithTransaction re-runs a transaction after a serialisation failure or a
  // deadlock (40001 / 40P01). Default: 5.
  int max_retries = 5;
  // PostgreSQL: seconds to wait for the server when connecting. Default: 10.
  int connect_timeout_seconds = 10;
  // PostgreSQL: directory holding pg_dump and pg_restore for Backup / Restore; empty = PATH.
  // Default: "".
  std::string pg_bin_dir = {};
  // How long AccountStore may answer FindSessionWithUser / FindApiTokenWithUser from memory
  // instead of the database (one round trip per authenticated request). A revocation, a disabled
  // user or a password change written through this Database empties the cache at once; one
  // written by another process (the CLI, another replica) takes effect after at most this long.
  // 0: no cache. Default: 1 s.
  std::chrono::milliseconds credential_cache{1000};
};

// One migration as compiled into the binary, with what the database recorded for it.
struct MigrationStatus {
  int version = 0;
  std::string name;              // "create_case_tables"
  bool applied = false;          // recorded in schema_migrations
  std::string applied_at;        // RFC 3339 UTC, "" if pending
  bool checksum_matches = true;  // false: the applied file differs from the compiled-in one
};

struct SchemaStatus {
  int database_version = 0;                 // highest applied version, 0 for an empty database
  int binary_version = 0;                   // highest version compiled into this binary
  std::vector<MigrationStatus> migrations;  // the binary's, ascending
  int pending() const { return binary_version - database_version; }
};

// A write (or snapshot) transaction in progress; handed to the function given to
// WithTransaction / WithSnapshot and valid only during that call. records.h and audit.h take it.
class Transaction {
 public:
  struct Rep;  // storage/internal/rep.h
  explicit Transaction(Rep* rep) : rep_(rep) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Rep& rep() const { return *rep_; }
  bool read_only() const;

 private:
  Rep* rep_;
};

class Database {
 public:
  // "sqlite:PATH" (created if missing) or "postgresql://user@host:port/db" ("postgres://" too).
  // Errors, with nothing written to the database in any of them:
  //   kInvalidArgument  the URL is neither, or malformed
  //   kUnavailable      PostgreSQL not reachable (names host:port), a file that cannot be opened
  //   kDataLoss         a file that is not a SQLite database, truncated or corrupt (names the path)
  //   kFailedPrecondition  the schema is newer than this binary (names both versions)
  // An older schema opens (so `highfence db status` and Migrate() work); reads and writes of
  // tables that do not exist yet fail with kFailedPrecondition asking for a migration.
  static Result<std::unique_ptr<Database>> Open(std::string_view url, const Options& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const;
  // The URL without user or password ("sqlite:/srv/hf.db", "postgresql://db1:5432/highfence").
  const std::string& description() const;

  // Versions compiled in against those applied. kFailedPrecondition never: a mismatch shows as
  // checksum_matches == false.
  Result<SchemaStatus> Status();
  // Applies every pending migration, each in its own transaction, recording version, name,
  // checksum and time in schema_migrations; returns the versions applied now (empty: up to date).
  // kFailedPrecondition if an applied migration's checksum differs from the compiled-in file
  // (names the version and file) or the database is newer than the binary.
  Result<std::vector<int>> Migrate();

  // Runs fn in one write transaction and commits if it returns Ok, else rolls back and returns
  // its error. Writers are serialised. fn may run more than once: after SQLITE_BUSY (within
  // busy_timeout) or a PostgreSQL serialisation failure (max_retries times), so it must have no
  // effect outside the database. REQUIRES: not called from inside another transaction's fn.
  Result<void> WithTransaction(const std::function<Result<void>(Transaction&)>& fn);
  // Runs fn on a consistent read-only snapshot (writes through it fail with kFailedPrecondition).
  Result<void> WithSnapshot(const std::function<Result<void>(Transaction&)>& fn);
  // Runs fn outside any transaction: each statement reads the database as of its own start
  // (writes fail as in WithSnapshot). For a read that is one statement, which is consistent on
  // its own, where a snapshot would only add BEGIN and COMMIT to PostgreSQL's work.
  Result<void> WithStatements(const std::function<Result<void>(Transaction&)>& fn);

  // A consistent copy of the whole database: SQLite's online backup API into a new file;
  // PostgreSQL `pg_dump -Fc`. kAlreadyExists if the file exists (never overwritten).
  Result<void> Backup(const std::filesystem::path& file);
  // Replaces the whole database with a backup made by Backup(): SQLite copies the file back
  // through the backup API (checked first like Open: kDataLoss for a bad file); PostgreSQL
  // `pg_restore --clean --if-exists --single-transaction`. Other connections of this process are
  // reopened; other processes should be stopped first.
  Result<void> Restore(const std::filesystem::path& file);

  // The connection pool now, for the server's metrics (highfence_db_pool_*).
  struct PoolStats {
    int size = 0;     // Options.pool_size
    int open = 0;     // connections open (idle + in use)
    int in_use = 0;   // lent to a thread
    int waiting = 0;  // threads waiting for a connection
  };
  PoolStats pool_stats() const;

  struct Rep;  // storage/internal/rep.h
  Rep& rep() const { return *rep_; }

 private:
  explicit Database(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace highfence::storage
