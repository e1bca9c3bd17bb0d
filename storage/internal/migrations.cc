// SPDX-License-Identifier: Apache-2.0
#include "storage/internal/migrations.h"

#include <algorithm>

#include "base/check.h"
#include "storage/internal/crypto.h"

namespace highfence::storage::internal {
namespace {

// Created by the migrator itself (identical in both dialects), in the same transaction as the
// first migration, so opening or checking a database never writes to it.
constexpr std::string_view kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

// Any constant: serialises migrators of one PostgreSQL database (released at COMMIT).
constexpr std::string_view kPostgresMigrationLock = "SELECT pg_advisory_xact_lock(7243008801)";

void CheckDialectsAgree() {
  static const bool checked = [] {
    auto a = EmbeddedMigrations(Dialect::kSqlite);
    auto b = EmbeddedMigrations(Dialect::kPostgres);
    HF_CHECK(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      HF_CHECK(a[i].version == b[i].version && a[i].name == b[i].name);
      HF_CHECK(a[i].version == static_cast<int>(i) + 1);  // 0001, 0002 … without gaps
    }
    return true;
  }();
  (void)checked;
}

Result<bool> SchemaMigrationsExists(Connection& conn) {
  auto rows = conn.dialect() == Dialect::kSqlite
                  ? conn.Query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
                  : conn.Query(
                        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                        "AND table_name = 'schema_migrations'");
  if (!rows) return rows.error();
  return !rows->rows.empty();
}

void Rollback(Connection& conn) {
  (void)conn.Query("ROLLBACK");
}

}  // namespace

int BinarySchemaVersion() {
  CheckDialectsAgree();
  auto all = EmbeddedMigrations(Dialect::kSqlite);
  return all.empty() ? 0 : all.back().version;
}

std::string MigrationChecksum(const EmbeddedMigration& migration) {
  return Sha256Hex(migration.sql);
}

Result<std::vector<AppliedMigration>> ReadAppliedMigrations(Connection& conn) {
  auto exists = SchemaMigrationsExists(conn);
  if (!exists) return exists.error();
  std::vector<AppliedMigration> out;
  if (!*exists) return out;
  auto rows = conn.Query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
  if (!rows) return rows.error();
  for (const Row& r : rows->rows) {
    AppliedMigration m;
    m.version = static_cast<int>(ParseInt64(r[0].value_or("0")).value_or(0));
    m.name = r[1].value_or("");
    m.checksum = r[2].value_or("");
    m.applied_at = r[3].value_or("");
    out.push_back(std::move(m));
  }
  return out;
}

Result<void> RefuseNewerSchema(const std::vector<AppliedMigration>& applied, std::string_view where) {
  const int binary = BinarySchemaVersion();
  if (!applied.empty() && applied.back().version > binary) {
    return MakeError(ErrorCode::kFailedPrecondition, std::string(where) + ": the database schema is at version " +
                                                         std::to_string(applied.back().version) + " (" +
                                                         applied.back().name + "), newer than this binary's version " +
                                                         std::to_string(binary) +
                                                         ": use a newer highfence (nothing was changed)");
  }
  return Ok();
}

Result<std::vector<int>> ApplyPendingMigrations(Connection& conn, std::string_view where) {
  const Dialect dialect = conn.dialect();
  std::vector<int> done;
  for (;;) {
    if (auto b = conn.Query(dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"); !b) return b.error();
    auto step = [&]() -> Result<bool> {  // true: applied one, go on
      if (dialect == Dialect::kPostgres) {
        if (auto l = conn.Query(kPostgresMigrationLock); !l) return l.error();
      }
      auto applied = ReadAppliedMigrations(conn);
      if (!applied) return applied.error();
      if (auto r = RefuseNewerSchema(*applied, where); !r) return r.error();
      auto embedded = EmbeddedMigrations(dialect);
      for (const AppliedMigration& a : *applied) {
        if (a.version < 1 || a.version > static_cast<int>(embedded.size())) continue;
        const EmbeddedMigration& m = embedded[a.version - 1];
        if (a.checksum != MigrationChecksum(m)) {
          return MakeError(ErrorCode::kFailedPrecondition, std::string(where) + ": migration " +
                                                               std::to_string(a.version) + " (" + std::string(m.file) +
                                                               ") was applied with checksum " + a.checksum +
                                                               " but this binary's file has " + MigrationChecksum(m) +
                                                               ": an applied migration must never change");
        }
      }
      const int current = applied->empty() ? 0 : applied->back().version;
      if (current >= static_cast<int>(embedded.size())) return false;
      const EmbeddedMigration& next = embedded[current];
      if (auto c = conn.Query(kCreateSchemaMigrations); !c) return c.error();
      if (auto r = conn.ExecScript(next.sql); !r) return r.error().WithContext(std::string(next.file));
      if (auto r =
              conn.Query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                         {std::to_string(next.version), std::string(next.name), MigrationChecksum(next), NowUtc()});
          !r) {
        return r.error();
      }
      done.push_back(next.version);
      return true;
    };
    auto more = step();
    if (!more) {
      Rollback(conn);
      return more.error();
    }
    if (auto c = conn.Query("COMMIT"); !c) {
      Rollback(conn);
      return c.error();
    }
    if (!*more) return done;
  }
}

}  // namespace highfence::storage::internal
