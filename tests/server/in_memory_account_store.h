// SPDX-License-Identifier: Apache-2.0
#pragma once
// A map-backed auth::AccountStore for tests of the HTTP auth flow (the real one lives on
// storage/). Thread-safe; AddUser hashes the password with the given hasher.
#include <map>
#include <mutex>

#include "server/auth/account_store.h"
#include "server/auth/password.h"

namespace highfence::testing {

class InMemoryAccountStore final : public auth::AccountStore {
 public:
  // Adds a user with a fresh id ("user_<username>") and returns it.
  auth::User AddUser(auth::User user, const std::string& password, const auth::PasswordHasher& hasher);
  void Disable(const std::string& user_id);

  Result<auth::User> FindUserByName(std::string_view username) override;
  Result<auth::User> FindUserById(std::string_view user_id) override;
  Result<void> SetPasswordHash(std::string_view user_id, const std::string& hash, const auth::WriteContext&) override;
  Result<void> CreateSession(const auth::Session& session, const auth::WriteContext&) override;
  Result<auth::Session> FindSession(std::string_view token_hash) override;
  Result<void> TouchSession(std::string_view token_hash, auth::TimePoint at) override;
  Result<void> RevokeSession(std::string_view token_hash, const auth::WriteContext&) override;
  Result<void> RevokeSessionsOf(std::string_view user_id, const auth::WriteContext&) override;
  Result<std::vector<auth::User>> ListUsers(std::string_view tenant_id) override;
  Result<auth::User> AddUser(const auth::User& user, const auth::WriteContext&) override;
  Result<auth::User> UpdateUser(const auth::User& user, const auth::WriteContext&) override;
  Result<void> ResetPassword(std::string_view user_id, const std::string& hash,
                             const auth::PasswordResetOptions& options, const auth::WriteContext&) override;
  Result<void> CreateApiToken(const auth::ApiToken& token, const auth::WriteContext&) override;
  Result<auth::ApiToken> FindApiToken(std::string_view token_id) override;
  Result<std::vector<auth::ApiToken>> ListApiTokens(std::string_view user_id) override;
  Result<void> RevokeApiToken(std::string_view token_id, const auth::WriteContext&) override;
  Result<void> TouchApiToken(std::string_view token_id, auth::TimePoint at) override;

  size_t session_count();

 private:
  void RevokeSessionsLocked(std::string_view user_id);

  std::mutex mu_;
  std::map<std::string, auth::User, std::less<>> users_;  // by id
  std::map<std::string, auth::Session, std::less<>> sessions_;
  std::map<std::string, auth::ApiToken, std::less<>> tokens_;
};

}  // namespace highfence::testing
