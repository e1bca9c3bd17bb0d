// SPDX-License-Identifier: Apache-2.0
#include "server/database_accounts.h"

#include <string>

namespace highfence::server {
namespace {

storage::Actor ActorFrom(const auth::WriteContext& c) {
  // storage refuses an empty actor; a write without one is the server's own (a re-hash at
  // sign-in always names the user, so this is a safety net, never the normal path).
  return storage::Actor{c.actor_id.empty() ? "system:server" : c.actor_id, c.request_id};
}

auth::Session SessionFrom(const storage::SessionRow& r) {
  auth::Session s;
  s.token_hash = r.token_hash;
  s.user_id = r.user_id;
  s.created_at = r.created_at;
  s.last_seen_at = r.last_seen_at;
  s.expires_at = r.expires_at;
  s.revoked = r.revoked;
  s.client_addr = r.client_addr;
  s.user_agent = r.user_agent;
  return s;
}

Result<auth::ApiToken> TokenFrom(const storage::ApiTokenRow& r) {
  auth::ApiToken t;
  t.id = r.id;
  t.token_hash = r.token_hash;
  t.user_id = r.user_id;
  t.name = r.name;
  for (const std::string& name : r.scopes) {
    auto a = access::ParseAction(name);
    if (!a) return MakeError(ErrorCode::kDataLoss, "api_tokens/" + r.id + ": scopes: " + a.error().message);
    t.scopes.push_back(*a);
  }
  t.created_at = r.created_at;
  t.expires_at = r.expires_at;
  t.last_used_at = r.last_used_at;
  t.revoked = r.revoked;
  return t;
}

}  // namespace

Result<auth::User> UserFromAccount(const storage::UserAccount& a) {
  auth::User u;
  u.id = a.id;
  u.username = a.login;
  u.email = a.email;
  u.display_name = a.display_name;
  u.password_hash = a.password_hash;
  for (const std::string& name : a.roles) {
    auto r = access::ParseRole(name);
    if (!r) return MakeError(ErrorCode::kDataLoss, "users/" + a.id + ": roles: " + r.error().message);
    u.roles.push_back(*r);
  }
  u.tenant_id = a.tenant_id;
  u.tenant_kind = a.tenant_kind == "agency" ? access::TenantKind::kAgency
                  : a.tenant_kind == "hub"  ? access::TenantKind::kHub
                                            : access::TenantKind::kInstitution;
  u.member_tenants = a.tenant_members;
  u.person_id = a.person_id;
  u.disabled = a.disabled;
  u.version = a.version;
  u.created_at = a.created_at;
  u.updated_at = a.updated_at;
  return u;
}

namespace {

std::vector<std::string> RoleNames(const std::vector<access::Role>& roles) {
  std::vector<std::string> out;
  for (access::Role r : roles) out.emplace_back(access::RoleName(r));
  return out;
}

}  // namespace

Result<auth::User> DatabaseAccountStore::FindUserByName(std::string_view username) {
  auto a = store_.FindUserByLogin(username);
  if (!a) return a.error();
  return UserFromAccount(*a);
}

Result<auth::User> DatabaseAccountStore::FindUserById(std::string_view user_id) {
  auto a = store_.FindUser(user_id);
  if (!a) return a.error();
  return UserFromAccount(*a);
}

Result<void> DatabaseAccountStore::SetPasswordHash(std::string_view user_id, const std::string& hash,
                                                   const auth::WriteContext& context) {
  // A re-hash at sign-in keeps the sessions and tokens; an explicit change goes through the CLI
  // or the administrator endpoint (ResetPassword), which revokes them.
  return store_.SetPasswordHash(user_id, hash, {}, ActorFrom(context));
}

Result<void> DatabaseAccountStore::CreateSession(const auth::Session& s, const auth::WriteContext& context) {
  storage::SessionRow r;
  r.token_hash = s.token_hash;
  r.user_id = s.user_id;
  r.created_at = s.created_at;
  r.last_seen_at = s.last_seen_at;
  r.expires_at = s.expires_at;
  r.client_addr = s.client_addr;
  r.user_agent = s.user_agent;
  return store_.CreateSession(r, ActorFrom(context));
}

Result<auth::Session> DatabaseAccountStore::FindSession(std::string_view token_hash) {
  auto r = store_.FindSession(token_hash);
  if (!r) return r.error();
  return SessionFrom(*r);
}

Result<std::pair<auth::Session, auth::User>> DatabaseAccountStore::FindSessionWithUser(std::string_view token_hash) {
  auto found = store_.FindSessionWithUser(token_hash);
  if (!found) return found.error();
  auto user = UserFromAccount(found->second);
  if (!user) return user.error();
  return std::make_pair(SessionFrom(found->first), std::move(*user));
}

Result<std::pair<auth::ApiToken, auth::User>> DatabaseAccountStore::FindApiTokenWithUser(std::string_view token_id) {
  auto found = store_.FindApiTokenWithUser(token_id);
  if (!found) return found.error();
  auto token = TokenFrom(found->first);
  if (!token) return token.error();
  auto user = UserFromAccount(found->second);
  if (!user) return user.error();
  return std::make_pair(std::move(*token), std::move(*user));
}

Result<void> DatabaseAccountStore::TouchSession(std::string_view token_hash, auth::TimePoint at) {
  return store_.TouchSession(token_hash, at);
}

Result<void> DatabaseAccountStore::RevokeSession(std::string_view token_hash, const auth::WriteContext& context) {
  return store_.RevokeSession(token_hash, ActorFrom(context));
}

Result<void> DatabaseAccountStore::RevokeSessionsOf(std::string_view user_id, const auth::WriteContext& context) {
  auto n = store_.RevokeSessionsOf(user_id, ActorFrom(context));
  if (!n) return n.error();
  return Ok();
}

Result<std::vector<auth::User>> DatabaseAccountStore::ListUsers(std::string_view tenant_id) {
  auto rows = store_.ListUsers(tenant_id);
  if (!rows) return rows.error();
  std::vector<auth::User> out;
  for (const storage::UserAccount& a : *rows) {
    auto u = UserFromAccount(a);
    if (!u) return u.error();
    out.push_back(std::move(*u));
  }
  return out;
}

Result<auth::User> DatabaseAccountStore::AddUser(const auth::User& user, const auth::WriteContext& context) {
  storage::UserAccount a;
  a.id = user.id;
  a.tenant_id = user.tenant_id;
  a.login = user.username;
  a.display_name = user.display_name;
  a.email = user.email;
  a.roles = RoleNames(user.roles);
  a.person_id = user.person_id;
  a.password_hash = user.password_hash;
  a.disabled = user.disabled;
  auto added = store_.AddUser(a, ActorFrom(context));
  if (!added) return added.error();
  return UserFromAccount(*added);
}

Result<auth::User> DatabaseAccountStore::UpdateUser(const auth::User& user, const auth::WriteContext& context) {
  // The password hash is written back as read: the version check in storage makes sure it is
  // the hash of the version the administrator saw.
  auto current = store_.FindUser(user.id);
  if (!current) return current.error();
  if (current->version != user.version)
    return MakeError(ErrorCode::kAborted, "users/" + user.id + ": version " + std::to_string(user.version) +
                                              " is stale, current is " + std::to_string(current->version));
  storage::UserAccount a = *current;
  a.display_name = user.display_name;
  a.email = user.email;
  a.roles = RoleNames(user.roles);
  a.person_id = user.person_id;
  a.disabled = user.disabled;
  auto updated = store_.UpdateUser(a, ActorFrom(context));
  if (!updated) return updated.error();
  return UserFromAccount(*updated);
}

Result<void> DatabaseAccountStore::ResetPassword(std::string_view user_id, const std::string& hash,
                                                 const auth::PasswordResetOptions& options,
                                                 const auth::WriteContext& context) {
  return store_.SetPasswordHash(
      user_id, hash, {.revoke_sessions = true, .revoke_api_tokens = options.revoke_api_tokens}, ActorFrom(context));
}

Result<void> DatabaseAccountStore::CreateApiToken(const auth::ApiToken& t, const auth::WriteContext& context) {
  storage::ApiTokenRow r;
  r.id = t.id;
  r.token_hash = t.token_hash;
  r.user_id = t.user_id;
  r.name = t.name;
  for (access::Action a : t.scopes) r.scopes.emplace_back(access::ActionName(a));
  r.created_at = t.created_at;
  r.expires_at = t.expires_at;
  return store_.CreateApiToken(r, ActorFrom(context));
}

Result<auth::ApiToken> DatabaseAccountStore::FindApiToken(std::string_view token_id) {
  auto r = store_.FindApiToken(token_id);
  if (!r) return r.error();
  return TokenFrom(*r);
}

Result<std::vector<auth::ApiToken>> DatabaseAccountStore::ListApiTokens(std::string_view user_id) {
  auto rows = store_.ListApiTokens(user_id);
  if (!rows) return rows.error();
  std::vector<auth::ApiToken> out;
  for (const storage::ApiTokenRow& r : *rows) {
    auto t = TokenFrom(r);
    if (!t) return t.error();
    out.push_back(std::move(*t));
  }
  return out;
}

Result<void> DatabaseAccountStore::RevokeApiToken(std::string_view token_id, const auth::WriteContext& context) {
  return store_.RevokeApiToken(token_id, ActorFrom(context));
}

Result<void> DatabaseAccountStore::TouchApiToken(std::string_view token_id, auth::TimePoint at) {
  return store_.TouchApiToken(token_id, at);
}

Result<auth::Attempts> DatabaseAccountStore::Get(const std::string& key) {
  auto a = store_.GetLoginAttempts(key);
  if (!a) return a.error();
  return auth::Attempts{a->failures, a->last_failure};
}

Result<auth::Attempts> DatabaseAccountStore::AddFailure(const std::string& key, auth::TimePoint now,
                                                        std::chrono::seconds forget_after) {
  auto a = store_.AddLoginFailure(key, now, forget_after);
  if (!a) return a.error();
  return auth::Attempts{a->failures, a->last_failure};
}

Result<void> DatabaseAccountStore::Clear(const std::string& key) {
  return store_.ClearLoginAttempts(key);
}

Result<void> DatabaseReady(storage::Database& db) {
  auto status = db.Status();
  if (!status) return MakeError(ErrorCode::kUnavailable, db.description() + ": " + status.error().message);
  if (status->pending() > 0)
    return MakeError(ErrorCode::kFailedPrecondition,
                     db.description() + ": schema at version " + std::to_string(status->database_version) +
                         ", this binary needs " + std::to_string(status->binary_version) +
                         ": run `highfence db migrate`");
  for (const storage::MigrationStatus& m : status->migrations)
    if (m.applied && !m.checksum_matches)
      return MakeError(ErrorCode::kFailedPrecondition, db.description() + ": migration " + std::to_string(m.version) +
                                                           " (" + m.name + ") differs from this binary's");
  return Ok();
}

void AttachDatabase(Server& server, storage::Database& db) {
  server.AddReadinessCheck("database", [&db] { return DatabaseReady(db); });
  Metrics& m = server.metrics();
  m.AddGauge("highfence_db_pool_size", "Database connections the pool may open",
             [&db] { return static_cast<double>(db.pool_stats().size); });
  m.AddGauge("highfence_db_pool_open", "Database connections open",
             [&db] { return static_cast<double>(db.pool_stats().open); });
  m.AddGauge("highfence_db_pool_in_use", "Database connections lent to a request",
             [&db] { return static_cast<double>(db.pool_stats().in_use); });
  m.AddGauge("highfence_db_pool_waiting", "Requests waiting for a database connection",
             [&db] { return static_cast<double>(db.pool_stats().waiting); });
}

}  // namespace highfence::server
