// SPDX-License-Identifier: Apache-2.0
#include "server/auth/accounts.h"

#include <algorithm>
#include <cctype>

#include "server/auth/secrets.h"

namespace highfence::auth {
namespace {

Error Unauthenticated(std::string why) {
  return MakeError(ErrorCode::kUnauthenticated, std::move(why));
}

}  // namespace

Result<std::pair<Session, User>> AccountStore::FindSessionWithUser(std::string_view token_hash) {
  auto session = FindSession(token_hash);
  if (!session) return session.error();
  auto user = FindUserById(session->user_id);
  if (!user) return user.error();
  return std::make_pair(std::move(*session), std::move(*user));
}

Result<std::pair<ApiToken, User>> AccountStore::FindApiTokenWithUser(std::string_view token_id) {
  auto token = FindApiToken(token_id);
  if (!token) return token.error();
  auto user = FindUserById(token->user_id);
  if (!user) return user.error();
  return std::make_pair(std::move(*token), std::move(*user));
}

struct Accounts::Rep {
  AccountStore& store;
  LoginThrottle throttle;
  AccountsOptions options;
  PasswordHasher hasher;
  std::string dummy_hash;  // verified against for unknown users

  Rep(AccountStore& s, ThrottleStore& t, AccountsOptions o)
      : store(s), throttle(t, o.throttle), options(std::move(o)), hasher(options.password) {
    if (!options.clock) options.clock = [] { return std::chrono::system_clock::now(); };
    auto h = hasher.Hash("highfence dummy password for timing");
    if (h) dummy_hash = *h;
  }
};

access::Principal PrincipalOf(const User& user) {
  access::Principal p;
  p.user_id = user.id;
  p.person_id = user.person_id;
  p.roles = user.roles;
  p.tenant_id = user.tenant_id;
  p.tenant_kind = user.tenant_kind;
  p.member_tenants = user.member_tenants;
  return p;
}

Accounts::Accounts(AccountStore& store, ThrottleStore& throttle, AccountsOptions options)
    : rep_(std::make_unique<Rep>(store, throttle, std::move(options))) {}
Accounts::~Accounts() = default;

const AccountsOptions& Accounts::options() const {
  return rep_->options;
}
TimePoint Accounts::Now() const {
  return rep_->options.clock();
}

Result<std::chrono::seconds> Accounts::LoginDelay(const std::string& username, const std::string& address) {
  return rep_->throttle.Delay(username, address, Now());
}

Result<LoginResult> Accounts::Login(const std::string& username, const std::string& password,
                                    const std::string& address, const std::string& user_agent,
                                    const std::string& request_id) {
  TimePoint now = Now();
  auto delay = rep_->throttle.Delay(username, address, now);
  if (!delay) return delay.error();
  if (delay->count() > 0)
    return MakeError(ErrorCode::kResourceExhausted,
                     "too many failed sign-ins; retry after " + std::to_string(delay->count()) + " s");
  auto user = rep_->store.FindUserByName(username);
  if (!user && user.error().code != ErrorCode::kNotFound) return user.error();
  bool ok = user ? rep_->hasher.Verify(user->password_hash, password)
                 : (static_cast<void>(rep_->hasher.Verify(rep_->dummy_hash, password)), false);
  if (!ok || user->disabled) {
    auto r = rep_->throttle.RecordFailure(username, address, now);
    if (!r) return r.error();
    return Unauthenticated("invalid user name or password");
  }
  auto cleared = rep_->throttle.RecordSuccess(username);
  if (!cleared) return cleared.error();
  if (rep_->hasher.NeedsRehash(user->password_hash)) {
    auto rehashed = rep_->hasher.Hash(password);
    if (rehashed) {
      auto set = rep_->store.SetPasswordHash(user->id, *rehashed, WriteContext{user->id, request_id});
      if (!set) return set.error();
      user->password_hash = *rehashed;
    }
  }
  Secret token = NewSecret();
  LoginResult out;
  out.session.token_hash = token.hash;
  out.session.user_id = user->id;
  out.session.csrf_token = DeriveCsrfToken(token.value);
  out.session.created_at = now;
  out.session.last_seen_at = now;
  out.session.expires_at = now + rep_->options.session_absolute;
  out.session.client_addr = address;
  out.session.user_agent = user_agent.substr(0, 256);
  auto created = rep_->store.CreateSession(out.session, WriteContext{user->id, request_id});
  if (!created) return created.error();
  out.user = std::move(*user);
  out.session_token = std::move(token.value);
  return out;
}

Result<Authenticated> Accounts::AuthenticateSession(const std::string& session_token) {
  if (session_token.empty()) return Unauthenticated("no session");
  auto found = rep_->store.FindSessionWithUser(HashSecret(session_token));
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) return Unauthenticated("unknown session; sign in again");
    return found.error();
  }
  auto& [session, user] = *found;
  TimePoint now = Now();
  if (session.revoked) return Unauthenticated("session revoked; sign in again");
  session.csrf_token = DeriveCsrfToken(session_token);
  if (now >= session.expires_at) return Unauthenticated("session expired; sign in again");
  if (now - session.last_seen_at >= rep_->options.session_idle)
    return Unauthenticated("session expired after " + std::to_string(rep_->options.session_idle.count()) +
                           " s without use; sign in again");
  if (user.disabled) return Unauthenticated("account disabled");
  if (now - session.last_seen_at >= rep_->options.touch_interval) {
    auto touched = rep_->store.TouchSession(session.token_hash, now);
    if (!touched) return touched.error();
    session.last_seen_at = now;
  }
  Authenticated a;
  a.principal = PrincipalOf(user);
  a.user = std::move(user);
  a.session = std::move(session);
  return a;
}

Result<Authenticated> Accounts::AuthenticateToken(const std::string& bearer) {
  auto parsed = ParseApiToken(bearer);
  if (!parsed) return Unauthenticated("not an API token (expected hfk_…)");
  auto found = rep_->store.FindApiTokenWithUser(parsed->id);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) return Unauthenticated("unknown API token");
    return found.error();
  }
  auto& [token, user] = *found;
  if (!SecretsEqual(token.token_hash, HashSecret(parsed->value))) return Unauthenticated("unknown API token");
  TimePoint now = Now();
  if (token.revoked) return Unauthenticated("API token " + token.id + " revoked");
  if (token.expires_at && now >= *token.expires_at) return Unauthenticated("API token " + token.id + " expired");
  if (user.disabled) return Unauthenticated("account disabled");
  if (!token.last_used_at || now - *token.last_used_at >= rep_->options.touch_interval) {
    auto touched = rep_->store.TouchApiToken(token.id, now);
    if (!touched) return touched.error();
    token.last_used_at = now;
  }
  Authenticated a;
  a.principal = PrincipalOf(user);
  a.user = std::move(user);
  a.token = std::move(token);
  return a;
}

Result<void> Accounts::Logout(const std::string& session_token_hash, const WriteContext& context) {
  WriteContext c = context;
  if (c.actor_id.empty()) {
    auto session = rep_->store.FindSession(session_token_hash);
    if (!session) return session.error();
    c.actor_id = session->user_id;
  }
  return rep_->store.RevokeSession(session_token_hash, c);
}

Result<NewToken> Accounts::CreateToken(const Authenticated& owner, const std::string& name,
                                       const std::vector<access::Action>& scopes,
                                       std::optional<std::chrono::hours> lifetime, const std::string& request_id) {
  if (name.empty()) return MakeError(ErrorCode::kInvalidArgument, "name: required");
  if (scopes.empty()) return MakeError(ErrorCode::kInvalidArgument, "scopes: at least one action");
  auto life = lifetime.value_or(rep_->options.default_token_lifetime);
  if (life.count() <= 0 || life > rep_->options.max_token_lifetime)
    return MakeError(ErrorCode::kInvalidArgument, "expires_in_days: must be between 1 and " +
                                                      std::to_string(rep_->options.max_token_lifetime.count() / 24));
  for (access::Action a : scopes) {
    access::Decision d = access::Permits(owner.principal, a);
    if (!d.allowed())
      return MakeError(ErrorCode::kPermissionDenied, "scopes: " + std::string(access::ActionName(a)) +
                                                         ": a token cannot do more than its owner (" + d.reason + ")");
    if (owner.token &&
        std::find(owner.token->scopes.begin(), owner.token->scopes.end(), a) == owner.token->scopes.end())
      return MakeError(ErrorCode::kPermissionDenied, "scopes: " + std::string(access::ActionName(a)) +
                                                         ": not in the scopes of the token making this one");
  }
  ApiTokenText text = NewApiToken();
  NewToken out;
  out.token.id = text.id;
  out.token.token_hash = HashSecret(text.value);
  out.token.user_id = owner.user.id;
  out.token.name = name;
  out.token.scopes = scopes;
  std::sort(out.token.scopes.begin(), out.token.scopes.end());
  out.token.scopes.erase(std::unique(out.token.scopes.begin(), out.token.scopes.end()), out.token.scopes.end());
  out.token.created_at = Now();
  out.token.expires_at = out.token.created_at + life;
  auto created = rep_->store.CreateApiToken(out.token, WriteContext{owner.user.id, request_id});
  if (!created) return created.error();
  out.secret = std::move(text.value);
  return out;
}

Result<std::vector<ApiToken>> Accounts::ListTokens(const std::string& user_id) {
  return rep_->store.ListApiTokens(user_id);
}

Result<void> Accounts::RevokeToken(const std::string& user_id, const std::string& token_id,
                                   const std::string& request_id) {
  auto token = rep_->store.FindApiToken(token_id);
  if (!token || token->user_id != user_id) {
    if (!token && token.error().code != ErrorCode::kNotFound) return token.error();
    return MakeError(ErrorCode::kNotFound, "tokens/" + token_id + ": no such token");
  }
  return rep_->store.RevokeApiToken(token_id, WriteContext{user_id, request_id});
}

// ---- user administration ---------------------------------------------------------------------

namespace {

Result<void> RequireUserAdmin(const access::Principal& admin) {
  access::Decision d = access::Permits(admin, access::Action::kUserAdmin);
  if (!d.allowed()) return d.ToError();
  if (admin.tenant_id.empty()) return MakeError(ErrorCode::kPermissionDenied, "administrator has no tenant");
  return Ok();
}

Error NoSuchUser(const std::string& user_id) {
  return MakeError(ErrorCode::kNotFound, "users/" + user_id + ": not found");
}

// A user name: 1–64 bytes of letters, digits and . _ @ - (what a person types at sign-in; no
// spaces, no control characters, nothing that needs quoting in a log line).
Result<void> CheckUsername(const std::string& name) {
  if (name.empty()) return MakeError(ErrorCode::kInvalidArgument, "username: required");
  if (name.size() > 64) return MakeError(ErrorCode::kInvalidArgument, "username: at most 64 characters");
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '@' && c != '-')
      return MakeError(ErrorCode::kInvalidArgument,
                       "username: \"" + name + "\": only letters, digits and . _ @ - are allowed");
  return Ok();
}

Result<void> CheckRoles(const std::vector<access::Role>& roles) {
  if (roles.empty()) return MakeError(ErrorCode::kInvalidArgument, "roles: at least one role");
  return Ok();
}

bool HasRole(const std::vector<access::Role>& roles, access::Role role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

Result<std::vector<User>> Accounts::ListUsers(const access::Principal& admin) {
  if (auto ok = RequireUserAdmin(admin); !ok) return ok.error();
  return rep_->store.ListUsers(admin.tenant_id);
}

Result<User> Accounts::GetUser(const access::Principal& admin, const std::string& user_id) {
  if (auto ok = RequireUserAdmin(admin); !ok) return ok.error();
  auto user = rep_->store.FindUserById(user_id);
  if (!user) {
    if (user.error().code == ErrorCode::kNotFound) return NoSuchUser(user_id);
    return user.error();
  }
  if (user->tenant_id != admin.tenant_id) return NoSuchUser(user_id);  // another tenant's: as if absent
  return user;
}

namespace {

// A person record may be the own record of one account only.
Result<void> CheckPersonFree(AccountStore& store, const std::string& tenant_id, const std::string& person_id,
                             const std::string& user_id) {
  if (person_id.empty()) return Ok();
  auto users = store.ListUsers(tenant_id);
  if (!users) return users.error();
  for (const User& u : *users)
    if (u.person_id == person_id && u.id != user_id)
      return MakeError(ErrorCode::kAlreadyExists,
                       "person_id: " + person_id + " is already linked to user " + u.username);
  return Ok();
}

}  // namespace

Result<User> Accounts::CreateUser(const access::Principal& admin, const NewUser& user, const std::string& request_id) {
  if (auto ok = RequireUserAdmin(admin); !ok) return ok.error();
  if (auto ok = CheckUsername(user.username); !ok) return ok.error();
  if (auto ok = CheckRoles(user.roles); !ok) return ok.error();
  if (auto ok = CheckPasswordPolicy(user.password, user.username, user.email, rep_->options.password_policy); !ok)
    return ok.error();
  if (auto ok = CheckPersonFree(rep_->store, admin.tenant_id, user.person_id, ""); !ok) return ok.error();
  auto hash = rep_->hasher.Hash(user.password);
  if (!hash) return hash.error();
  User u;
  u.username = user.username;
  u.display_name = user.display_name.empty() ? user.username : user.display_name;
  u.email = user.email;
  u.roles = user.roles;
  std::sort(u.roles.begin(), u.roles.end());
  u.roles.erase(std::unique(u.roles.begin(), u.roles.end()), u.roles.end());
  u.person_id = user.person_id;
  u.password_hash = std::move(*hash);
  u.tenant_id = admin.tenant_id;
  u.tenant_kind = admin.tenant_kind;
  u.member_tenants = admin.member_tenants;
  return rep_->store.AddUser(u, WriteContext{admin.user_id, request_id});
}

Result<User> Accounts::UpdateUser(const access::Principal& admin, const std::string& user_id, int64_t expected_version,
                                  const UserChange& change, const std::string& request_id) {
  auto current = GetUser(admin, user_id);
  if (!current) return current.error();
  if (current->version != expected_version)
    return MakeError(ErrorCode::kAborted, "users/" + user_id + ": version " + std::to_string(expected_version) +
                                              " is stale, current is " + std::to_string(current->version));
  User u = *current;
  if (change.display_name && change.display_name->empty())
    return MakeError(ErrorCode::kInvalidArgument, "display_name: must not be empty");
  if (change.display_name) u.display_name = *change.display_name;
  if (change.email) u.email = *change.email;
  if (change.roles) {
    if (auto ok = CheckRoles(*change.roles); !ok) return ok.error();
    u.roles = *change.roles;
    std::sort(u.roles.begin(), u.roles.end());
    u.roles.erase(std::unique(u.roles.begin(), u.roles.end()), u.roles.end());
  }
  if (change.person_id) u.person_id = *change.person_id;
  if (change.disabled) u.disabled = *change.disabled;
  if (user_id == admin.user_id) {
    if (u.disabled)
      return MakeError(ErrorCode::kFailedPrecondition,
                       "disabled: administrators cannot disable their own account (another administrator can)");
    if (!HasRole(u.roles, access::Role::kAdministrator))
      return MakeError(ErrorCode::kFailedPrecondition,
                       "roles: administrators cannot drop their own administrator role (another administrator can)");
  }
  if (change.person_id && u.person_id != current->person_id)
    if (auto ok = CheckPersonFree(rep_->store, admin.tenant_id, u.person_id, u.id); !ok) return ok.error();
  return rep_->store.UpdateUser(u, WriteContext{admin.user_id, request_id});
}

Result<void> Accounts::ResetPassword(const access::Principal& admin, const std::string& user_id,
                                     const std::string& password, const PasswordResetOptions& options,
                                     const std::string& request_id) {
  auto user = GetUser(admin, user_id);
  if (!user) return user.error();
  if (auto ok = CheckPasswordPolicy(password, user->username, user->email, rep_->options.password_policy); !ok)
    return ok.error();
  auto hash = rep_->hasher.Hash(password);
  if (!hash) return hash.error();
  return rep_->store.ResetPassword(user_id, *hash, options, WriteContext{admin.user_id, request_id});
}

}  // namespace highfence::auth
