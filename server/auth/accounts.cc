// SPDX-License-Identifier: Apache-2.0
#include "server/auth/accounts.h"

#include <algorithm>

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

}  // namespace highfence::auth
