// SPDX-License-Identifier: Apache-2.0
#pragma once
// What Database and Transaction hold. Shared by the .cc files of storage/ (and the typed
// repository built on it); never included outside storage/.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "storage/database.h"
#include "storage/internal/connection.h"
#include "storage/internal/credential_cache.h"
#include "storage/internal/pool.h"
#include "storage/internal/schema.h"

namespace highfence::storage {

struct Database::Rep {
  Backend backend = Backend::kSqlite;
  Options options;
  std::string url;          // as given (may hold a password: never printed)
  std::string description;  // without credentials
  std::string sqlite_path;  // SQLite only
  std::unique_ptr<internal::Pool> pool;
  std::unique_ptr<internal::CredentialCache> credentials;  // of options.credential_cache

  // The aggregate tables, loaded on first use and again after Migrate / Restore, or when a
  // table is not found (another process may have migrated).
  Result<std::shared_ptr<const internal::Schema>> GetSchema(internal::Connection& conn, bool reload);
  void InvalidateSchema();
  // The table's schema; kInvalidArgument naming an unknown table, kFailedPrecondition when the
  // database has no case tables yet (not migrated).
  Result<const internal::TableSchema*> Table(internal::Connection& conn, std::string_view table,
                                             std::shared_ptr<const internal::Schema>& keep);

  // Opens the pool's connections.
  Result<std::unique_ptr<internal::Connection>> Connect() const;

 private:
  std::mutex schema_mu_;
  std::shared_ptr<const internal::Schema> schema_;
};

struct Transaction::Rep {
  Database::Rep* db = nullptr;
  internal::Connection* conn = nullptr;
  bool read_only = false;
  // The chain's head, read under the write lock at BEGIN and advanced by every append; written
  // back to audit_head once, before COMMIT.
  int64_t head_seq = 0;
  std::string head_hash;
  bool head_moved = false;
  // Set by a write that may change an account's credentials (users, institutions, sessions,
  // api_tokens): the credential cache is emptied once the transaction commits.
  bool invalidate_credentials = false;
  std::shared_ptr<const internal::Schema> schema;  // kept alive for the transaction

  Result<const internal::TableSchema*> Table(std::string_view table) { return db->Table(*conn, table, schema); }
  // Every aggregate table; reload: read the schema again (another process may have migrated).
  Result<const internal::Schema*> AllTables(bool reload) {
    if (!schema || reload) {
      auto s = db->GetSchema(*conn, reload);
      if (!s) return s.error();
      schema = *s;
    }
    return schema.get();
  }
};

}  // namespace highfence::storage
