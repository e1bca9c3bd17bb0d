// SPDX-License-Identifier: Apache-2.0
#pragma once
// AccountStore: local accounts (アカウント), sessions, API tokens and login-throttling counts in
// the case store's database (migration 0003), so that several `highfence serve` processes on one
// PostgreSQL share sign-ins, revocations and throttling. server/ adapts it to its
// auth::AccountStore and auth::ThrottleStore interfaces; the CLI (`highfence user`, `token`) uses
// it directly.
//
//   storage::AccountStore accounts(*db);
//   auto user = accounts.AddUser({.tenant_id = "inst_tokyo", .login = "yamada", .roles = {"reviewer"},
//                                 .password_hash = hash}, actor);
//   auto session = accounts.FindSession(token_hash);
//
// Every account write (user added or changed, password, roles, disabled, session created or
// revoked, token created or revoked) appends an audit record in the same transaction, naming the
// actor and request id; users rows are aggregates (records.h), so `audit verify` also detects a
// users row (a password hash, a role) edited behind the application's back. Secrets are never
// stored: only the SHA-256 of session and token secrets and argon2id password hashes.
// Frequent bookkeeping (last_seen_at, last_used_at, throttle counts) is written without an audit
// record and without the write lock: one statement each. Thread-safe (the Database's pool).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "storage/audit.h"
#include "storage/database.h"

namespace highfence::storage {

using TimePoint = std::chrono::system_clock::time_point;

struct UserAccount {
  std::string id = {};         // "user_" + 16 hex; set by AddUser
  std::string tenant_id = {};  // the institution (institutions.id) the user belongs to
  std::string login = {};      // unique, case-insensitive; stored lower-case
  std::string display_name = {};
  std::string email = {};
  std::vector<std::string> roles = {};  // role names (domain/access/role.h), e.g. "security_officer"
  std::string person_id = {};           // the user's own people row, "" if none
  std::string password_hash = {};       // argon2id string; never a password
  bool disabled = false;
  int64_t version = 0;  // set by the store
  std::string created_at = {};
  std::string updated_at = {};
  // Read from the tenant's institutions row (nothing if there is none yet): its kind
  // ("university", "agency", "hub", "company") and, for a hub, its member institutions.
  std::string tenant_kind = {};
  std::vector<std::string> tenant_members = {};
};

struct SessionRow {
  std::string id = {};          // "sess_" + 16 hex, names the session in the audit trail
  std::string token_hash = {};  // SHA-256 hex of the cookie value
  std::string user_id = {};
  TimePoint created_at = {};
  TimePoint last_seen_at = {};
  TimePoint expires_at = {};
  bool revoked = false;
  std::string client_addr = {};
  std::string user_agent = {};
};

struct ApiTokenRow {
  std::string id = {};          // 12 hex, the visible prefix hfk_<id>_
  std::string token_hash = {};  // SHA-256 hex of the whole token
  std::string user_id = {};
  std::string name = {};
  std::vector<std::string> scopes = {};  // action names ("case.read")
  TimePoint created_at = {};
  std::optional<TimePoint> expires_at = {};
  std::optional<TimePoint> last_used_at = {};
  bool revoked = false;
};

// What a password change revokes in the same transaction as the new hash (each revocation one
// audit record, the credential cache invalidated).
struct PasswordChangeOptions {
  // Every live session of the user: a change by the user or an administrator. A re-hash at
  // sign-in keeps them. Default: false.
  bool revoke_sessions = false;
  // Every API token of the user not yet revoked: an administrator's reset, done because the
  // account may be compromised, so tokens an intruder made die with the password. Default: false.
  bool revoke_api_tokens = false;
};

struct LoginAttempts {
  int failures = 0;
  TimePoint last_failure = {};
};

class AccountStore {
 public:
  // REQUIRES: db outlives the store and has been migrated to 0003 (else kFailedPrecondition).
  explicit AccountStore(Database& db) : db_(db) {}

  // ---- users. kNotFound "users/<id or login>: not found"; kInvalidArgument naming the field
  // (empty login / tenant_id / password_hash, a login with spaces or control characters).
  // kAlreadyExists "users/yamada: login taken". Returns the stored user.
  Result<UserAccount> AddUser(const UserAccount& user, const Actor& actor);
  Result<UserAccount> FindUser(std::string_view user_id);
  Result<UserAccount> FindUserByLogin(std::string_view login);
  // Every user, or those of one tenant, ordered by login.
  Result<std::vector<UserAccount>> ListUsers(std::optional<std::string_view> tenant_id);
  // True if an enabled user has the administrator role.
  Result<bool> HasAdministrator();
  // Writes display_name, email, roles, person_id, password_hash and disabled of user.id if its
  // version is still user.version (kAborted otherwise: never a lost update). Disabling a user
  // revokes its sessions in the same transaction. Returns the stored user (new version).
  Result<UserAccount> UpdateUser(const UserAccount& user, const Actor& actor);
  // Reads and updates in one transaction (no version needed), revoking what options say in the
  // same transaction: a failure anywhere leaves hash, sessions and tokens as they were.
  Result<void> SetPasswordHash(std::string_view user_id, const std::string& hash, const PasswordChangeOptions& options,
                               const Actor& actor);

  // ---- sessions (kNotFound "sessions: not found" for an unknown hash).
  // Also removes sessions that expired more than a day before `session.created_at`.
  Result<void> CreateSession(const SessionRow& session, const Actor& actor);
  Result<SessionRow> FindSession(std::string_view token_hash);
  // The session and its user in one query (every request authenticated with a cookie).
  Result<std::pair<SessionRow, UserAccount>> FindSessionWithUser(std::string_view token_hash);
  Result<void> TouchSession(std::string_view token_hash, TimePoint at);
  Result<void> RevokeSession(std::string_view token_hash, const Actor& actor);
  // Revokes every live session of the user; returns how many.
  Result<int> RevokeSessionsOf(std::string_view user_id, const Actor& actor);

  // ---- API tokens (kNotFound "tokens/<id>: not found").
  Result<void> CreateApiToken(const ApiTokenRow& token, const Actor& actor);
  Result<ApiTokenRow> FindApiToken(std::string_view token_id);
  // The token and its owner in one query (every request authenticated with a token).
  Result<std::pair<ApiTokenRow, UserAccount>> FindApiTokenWithUser(std::string_view token_id);
  // Revoked ones included, newest first.
  Result<std::vector<ApiTokenRow>> ListApiTokens(std::string_view user_id);
  // Revoking a revoked token changes nothing and writes no audit record.
  Result<void> RevokeApiToken(std::string_view token_id, const Actor& actor);
  Result<void> TouchApiToken(std::string_view token_id, TimePoint at);

  // ---- login throttling. AddLoginFailure is one atomic upsert: concurrent callers on any
  // number of processes each count, and a last failure older than forget_after starts from one.
  Result<LoginAttempts> GetLoginAttempts(std::string_view key);
  Result<LoginAttempts> AddLoginFailure(std::string_view key, TimePoint now, std::chrono::seconds forget_after);
  Result<void> ClearLoginAttempts(std::string_view key);

 private:
  Database& db_;
};

// RFC 3339 UTC with microseconds, as the store writes times; and back (nullopt if malformed).
std::string FormatTime(TimePoint t);
std::optional<TimePoint> ParseTime(std::string_view text);

}  // namespace highfence::storage
