// SPDX-License-Identifier: Apache-2.0
#pragma once
// AccountStore: where users, sessions and API tokens live (アカウント). An interface: storage/
// implements it on the users / sessions / api_tokens tables (decision 0003) so that several
// `serve` replicas share sessions and revocations; tests use a map. Secrets are never stored:
// sessions and tokens are found by the SHA-256 of their secret (secrets.h).
//
// Every method returns kNotFound for an unknown id / hash and kUnavailable when the store
// cannot be reached. Implementations must be thread-safe.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "domain/access/action.h"
#include "domain/access/authorize.h"
#include "domain/access/role.h"

namespace highfence::auth {

using TimePoint = std::chrono::system_clock::time_point;

struct User {
  std::string id;        // "user_" + 16 hex
  std::string username;  // unique, compared case-insensitively
  std::string email;
  std::string display_name;
  std::string password_hash;  // argon2id string (password.h)
  std::vector<access::Role> roles;
  std::string tenant_id;
  access::TenantKind tenant_kind = access::TenantKind::kInstitution;
  std::vector<std::string> member_tenants;  // for a hub tenant
  std::string person_id;                    // the user's own person record, if any
  bool disabled = false;
  int64_t version = 0;     // the stored row's version: an update names the one it read
  std::string created_at;  // RFC 3339 UTC, as the store keeps it ("" if it keeps none)
  std::string updated_at;
};

struct Session {
  std::string token_hash;  // SHA-256 hex of the cookie value
  std::string user_id;
  // Sent back in X-CSRF-Token on state-changing requests. Derived from the cookie value
  // (DeriveCsrfToken, secrets.h) by Accounts, so a store need not keep it (the database store
  // does not).
  std::string csrf_token;
  TimePoint created_at;
  TimePoint last_seen_at;
  TimePoint expires_at;  // absolute expiry
  bool revoked = false;
  std::string client_addr;
  std::string user_agent;
};

struct ApiToken {
  std::string id;          // 12 hex; also the visible part of the token ("hfk_<id>_…")
  std::string token_hash;  // SHA-256 hex of the whole token
  std::string user_id;
  std::string name;  // what the script is ("nightly e-Rad import")
  std::vector<access::Action> scopes;
  TimePoint created_at;
  std::optional<TimePoint> expires_at;
  std::optional<TimePoint> last_used_at;
  bool revoked = false;
};

// An administrator's password reset (POST /v1/users/{id}/password): the user's sessions are
// always revoked; their API tokens too unless the administrator says the user only forgot the
// password (so that their scripts keep working).
struct PasswordResetOptions {
  bool revoke_api_tokens = true;  // Default: true (a reset often answers a suspected compromise).
};

// Who makes an account write, and in which request: what the audit trail records (a database
// store appends one audit record per write in the same transaction). Never empty in practice:
// Accounts fills in the signed-in user when the caller gives no actor.
struct WriteContext {
  std::string actor_id;    // "user_3f…"
  std::string request_id;  // the HTTP request's id, "" for none
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  virtual Result<User> FindUserByName(std::string_view username) = 0;
  virtual Result<User> FindUserById(std::string_view user_id) = 0;
  virtual Result<void> SetPasswordHash(std::string_view user_id, const std::string& hash,
                                       const WriteContext& context) = 0;

  virtual Result<void> CreateSession(const Session& session, const WriteContext& context) = 0;
  virtual Result<Session> FindSession(std::string_view token_hash) = 0;
  virtual Result<void> TouchSession(std::string_view token_hash, TimePoint at) = 0;
  virtual Result<void> RevokeSession(std::string_view token_hash, const WriteContext& context) = 0;
  // Every session of the user (password change, account disabled).
  virtual Result<void> RevokeSessionsOf(std::string_view user_id, const WriteContext& context) = 0;

  // The credential and its user in one read, for every authenticated request (a database store
  // does it in one query). The defaults call FindSession / FindApiToken, then FindUserById.
  virtual Result<std::pair<Session, User>> FindSessionWithUser(std::string_view token_hash);
  virtual Result<std::pair<ApiToken, User>> FindApiTokenWithUser(std::string_view token_id);

  // ---- user administration (the administrator's endpoints, server/user_routes.h).
  // The tenant's users, ordered by username.
  virtual Result<std::vector<User>> ListUsers(std::string_view tenant_id) = 0;
  // Stores a new user (id assigned when empty); kAlreadyExists naming a taken username
  // (case-insensitively). Returns the stored user with its version.
  virtual Result<User> AddUser(const User& user, const WriteContext& context) = 0;
  // Writes display_name, email, roles, person_id and disabled of user.id if user.version is
  // still current (kAborted otherwise: never a lost update); username, tenant and password are
  // not changed here. Disabling a user revokes its sessions in the same write.
  virtual Result<User> UpdateUser(const User& user, const WriteContext& context) = 0;
  // An administrator's password reset: the new hash, the revocation of every session of the
  // user and, if options.revoke_api_tokens, of every API token of the user, in one write.
  virtual Result<void> ResetPassword(std::string_view user_id, const std::string& hash,
                                     const PasswordResetOptions& options, const WriteContext& context) = 0;

  virtual Result<void> CreateApiToken(const ApiToken& token, const WriteContext& context) = 0;
  virtual Result<ApiToken> FindApiToken(std::string_view token_id) = 0;
  // The user's tokens, revoked ones included, newest first.
  virtual Result<std::vector<ApiToken>> ListApiTokens(std::string_view user_id) = 0;
  virtual Result<void> RevokeApiToken(std::string_view token_id, const WriteContext& context) = 0;
  virtual Result<void> TouchApiToken(std::string_view token_id, TimePoint at) = 0;
};

}  // namespace highfence::auth
