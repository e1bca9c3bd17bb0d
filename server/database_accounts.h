// SPDX-License-Identifier: Apache-2.0
#pragma once
// The server on a database: DatabaseAccountStore puts accounts, sessions, API tokens and login
// throttling counts (auth::AccountStore, auth::ThrottleStore) in storage::AccountStore, so that
// every `serve` process on one PostgreSQL shares them (a session made on one replica works on
// the others; a revocation or a lock-out applies everywhere). AttachDatabase adds the database's
// readiness check and pool gauges to a Server.
//
//   auto db = storage::Database::Open(url, config.database);
//   server::DatabaseAccountStore store(**db);
//   auth::Accounts accounts(store, store, config.accounts);
//   server::AttachDatabase(http, **db);
//
// Every write is audited by storage with the WriteContext's actor and request id. Thread-safe.
#include <memory>

#include "server/auth/account_store.h"
#include "server/auth/throttle.h"
#include "server/server.h"
#include "storage/account_store.h"
#include "storage/database.h"

namespace highfence::server {

class DatabaseAccountStore final : public auth::AccountStore, public auth::ThrottleStore {
 public:
  // REQUIRES: db outlives the store.
  explicit DatabaseAccountStore(storage::Database& db) : store_(db) {}

  Result<auth::User> FindUserByName(std::string_view username) override;
  Result<auth::User> FindUserById(std::string_view user_id) override;
  Result<void> SetPasswordHash(std::string_view user_id, const std::string& hash,
                               const auth::WriteContext& context) override;
  Result<void> CreateSession(const auth::Session& session, const auth::WriteContext& context) override;
  Result<auth::Session> FindSession(std::string_view token_hash) override;
  Result<std::pair<auth::Session, auth::User>> FindSessionWithUser(std::string_view token_hash) override;
  Result<std::pair<auth::ApiToken, auth::User>> FindApiTokenWithUser(std::string_view token_id) override;
  Result<void> TouchSession(std::string_view token_hash, auth::TimePoint at) override;
  Result<void> RevokeSession(std::string_view token_hash, const auth::WriteContext& context) override;
  Result<void> RevokeSessionsOf(std::string_view user_id, const auth::WriteContext& context) override;
  Result<std::vector<auth::User>> ListUsers(std::string_view tenant_id) override;
  Result<auth::User> AddUser(const auth::User& user, const auth::WriteContext& context) override;
  Result<auth::User> UpdateUser(const auth::User& user, const auth::WriteContext& context) override;
  Result<void> ResetPassword(std::string_view user_id, const std::string& hash,
                             const auth::PasswordResetOptions& options, const auth::WriteContext& context) override;
  Result<void> CreateApiToken(const auth::ApiToken& token, const auth::WriteContext& context) override;
  Result<auth::ApiToken> FindApiToken(std::string_view token_id) override;
  Result<std::vector<auth::ApiToken>> ListApiTokens(std::string_view user_id) override;
  Result<void> RevokeApiToken(std::string_view token_id, const auth::WriteContext& context) override;
  Result<void> TouchApiToken(std::string_view token_id, auth::TimePoint at) override;

  Result<auth::Attempts> Get(const std::string& key) override;
  Result<auth::Attempts> AddFailure(const std::string& key, auth::TimePoint now,
                                    std::chrono::seconds forget_after) override;
  Result<void> Clear(const std::string& key) override;

 private:
  storage::AccountStore store_;
};

// The server's view of a stored user: roles parsed (kDataLoss naming an unknown role), tenant
// kind from the institution ("agency", "hub"; anything else, or none yet, is an institution).
Result<auth::User> UserFromAccount(const storage::UserAccount& account);

// /readyz check "database" (reachable: kUnavailable with the server's message; migrations
// current: kFailedPrecondition naming both versions and `highfence db migrate`) and the gauges
// highfence_db_pool_{size,open,in_use,waiting}. REQUIRES: before server.Start(); db outlives it.
void AttachDatabase(Server& server, storage::Database& db);
// The readiness condition alone (also used by `serve` at start-up).
Result<void> DatabaseReady(storage::Database& db);

}  // namespace highfence::server
