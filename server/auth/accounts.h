// SPDX-License-Identifier: Apache-2.0
#pragma once
// Accounts: sign-in, sessions and API tokens over an AccountStore (認証). Pure logic with an
// injectable clock; the HTTP side (server/account_routes.h) only parses and renders.
//   - Login: throttle check, argon2id verify (a dummy verify for unknown users, so timing does
//     not tell which names exist), a new session with its CSRF token; re-hashes an old-cost hash.
//   - Sessions expire after Options::session_idle without use and Options::session_absolute
//     after sign-in whatever happens; logout and RevokeSessionsOf revoke them server-side.
//   - API tokens carry scopes (actions), never more than the owner's roles grant, an optional
//     expiry, and can be revoked; the secret is returned once by CreateToken.
//
//   Accounts accounts(store, throttle_store, {});
//   auto login = accounts.Login("yamada", password, "192.0.2.7", "Firefox");
//   auto who = accounts.AuthenticateSession(login->session_token);
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "server/auth/account_store.h"
#include "server/auth/password.h"
#include "server/auth/throttle.h"

namespace highfence::auth {

struct AccountsOptions {
  std::chrono::seconds session_idle{30 * 60};           // unused this long → expired. Default: 30 min.
  std::chrono::seconds session_absolute{12 * 60 * 60};  // after sign-in, at the latest. Default: 12 h.
  // last_seen_at is written at most this often (one write per request would load the store).
  // Default: 60 s.
  std::chrono::seconds touch_interval{60};
  std::chrono::hours default_token_lifetime{90 * 24};  // when the client names none. Default: 90 days.
  std::chrono::hours max_token_lifetime{366 * 24};     // Default: 366 days.
  PasswordOptions password;
  PasswordPolicy password_policy;  // for passwords set by an administrator. Default: PasswordPolicy{}.
  ThrottleOptions throttle;
  std::function<TimePoint()> clock;  // Default: system_clock::now.
};

struct LoginResult {
  User user;
  std::string session_token;  // the cookie value; never stored
  Session session;
};

struct Authenticated {
  User user;
  std::optional<Session> session;  // signed in with a cookie
  std::optional<ApiToken> token;   // or with an API token
  access::Principal principal;
};

// A user an administrator creates in its own tenant, with the initial password (as the CLI's
// `highfence user add` does; the policy of password.h applies).
struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;  // "" → the username
  std::string email;
  std::vector<access::Role> roles;  // at least one
  std::string person_id;            // the person record the account is linked to, "" for none
};

// What an administrator changes on a user; unset fields keep their value.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::vector<access::Role>> roles;
  std::optional<std::string> person_id;  // "" unlinks
  std::optional<bool> disabled;
};

struct NewToken {
  ApiToken token;
  std::string secret;  // "hfk_…", shown to the user once
};

class Accounts {
 public:
  Accounts(AccountStore& store, ThrottleStore& throttle, AccountsOptions options);
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // Seconds the account or address must still wait; 0 if it may try now.
  Result<std::chrono::seconds> LoginDelay(const std::string& username, const std::string& address);
  // kUnauthenticated "invalid user name or password" for an unknown user, a wrong password or a
  // disabled account alike; kResourceExhausted while throttled (see LoginDelay).
  // request_id: what the audit record of the new session names (the actor is the user).
  Result<LoginResult> Login(const std::string& username, const std::string& password, const std::string& address,
                            const std::string& user_agent, const std::string& request_id = {});
  // kUnauthenticated naming why: unknown, revoked, idle-expired, expired, account disabled.
  Result<Authenticated> AuthenticateSession(const std::string& session_token);
  Result<Authenticated> AuthenticateToken(const std::string& bearer);
  // context: the signed-in user and the request (audited).
  Result<void> Logout(const std::string& session_token_hash, const WriteContext& context = {});

  // kInvalidArgument (empty name, no scope, lifetime out of range), kPermissionDenied naming the
  // first scope the owner's roles do not grant (or, for a token-made token, that the parent lacks).
  Result<NewToken> CreateToken(const Authenticated& owner, const std::string& name,
                               const std::vector<access::Action>& scopes, std::optional<std::chrono::hours> lifetime,
                               const std::string& request_id = {});
  Result<std::vector<ApiToken>> ListTokens(const std::string& user_id);
  // kNotFound if the token does not exist or is not the user's (no difference shown).
  Result<void> RevokeToken(const std::string& user_id, const std::string& token_id, const std::string& request_id = {});

  // ---- User administration (利用者管理) by an administrator, within the administrator's own
  // tenant: another tenant's user is kNotFound, exactly like an unknown id. Each write is one
  // audited store write naming the administrator and request_id. kPermissionDenied unless the
  // principal holds user.admin.
  Result<std::vector<User>> ListUsers(const access::Principal& admin);
  Result<User> GetUser(const access::Principal& admin, const std::string& user_id);
  // kInvalidArgument naming the field ("username: …", "password: …", "roles: …");
  // kAlreadyExists for a taken username.
  Result<User> CreateUser(const access::Principal& admin, const NewUser& user, const std::string& request_id = {});
  // kAborted when expected_version is stale; kFailedPrecondition when administrators would
  // lock themselves out (disabling their own account or dropping their own administrator role).
  // Disabling revokes the user's sessions.
  Result<User> UpdateUser(const access::Principal& admin, const std::string& user_id, int64_t expected_version,
                          const UserChange& change, const std::string& request_id = {});
  // Sets a new password (policy checked, "password: …") and revokes every session of the user
  // and, unless options say otherwise, every API token of the user, in one store write.
  Result<void> ResetPassword(const access::Principal& admin, const std::string& user_id, const std::string& password,
                             const PasswordResetOptions& options = {}, const std::string& request_id = {});

  const AccountsOptions& options() const;
  TimePoint Now() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

access::Principal PrincipalOf(const User& user);

}  // namespace highfence::auth
