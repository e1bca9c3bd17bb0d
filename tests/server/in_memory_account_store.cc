// SPDX-License-Identifier: Apache-2.0
#include "tests/server/in_memory_account_store.h"

#include <algorithm>

#include "base/check.h"

namespace highfence::testing {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error NotFound(std::string_view what) {
  return MakeError(ErrorCode::kNotFound, std::string(what) + ": not found");
}

}  // namespace

auth::User InMemoryAccountStore::AddUser(auth::User user, const std::string& password,
                                         const auth::PasswordHasher& hasher) {
  auto hash = hasher.Hash(password);
  HF_CHECK(hash.has_value());
  user.password_hash = *hash;
  if (user.id.empty()) user.id = "user_" + user.username;
  user.version = 1;
  std::lock_guard lock(mu_);
  users_[user.id] = user;
  return user;
}

void InMemoryAccountStore::Disable(const std::string& user_id) {
  std::lock_guard lock(mu_);
  users_.at(user_id).disabled = true;
}

Result<auth::User> InMemoryAccountStore::FindUserByName(std::string_view username) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_)
    if (Lower(u.username) == Lower(username)) return u;
  return NotFound("users/" + std::string(username));
}

Result<auth::User> InMemoryAccountStore::FindUserById(std::string_view user_id) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return NotFound(user_id);
  return it->second;
}

Result<void> InMemoryAccountStore::SetPasswordHash(std::string_view user_id, const std::string& hash,
                                                   const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return NotFound(user_id);
  it->second.password_hash = hash;
  return Ok();
}

Result<void> InMemoryAccountStore::CreateSession(const auth::Session& session, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  sessions_[session.token_hash] = session;
  return Ok();
}

Result<auth::Session> InMemoryAccountStore::FindSession(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return NotFound("session");
  return it->second;
}

Result<void> InMemoryAccountStore::TouchSession(std::string_view token_hash, auth::TimePoint at) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return NotFound("session");
  it->second.last_seen_at = at;
  return Ok();
}

Result<void> InMemoryAccountStore::RevokeSession(std::string_view token_hash, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return NotFound("session");
  it->second.revoked = true;
  return Ok();
}

Result<void> InMemoryAccountStore::RevokeSessionsOf(std::string_view user_id, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  for (auto& [h, s] : sessions_)
    if (s.user_id == user_id) s.revoked = true;
  return Ok();
}

Result<std::vector<auth::User>> InMemoryAccountStore::ListUsers(std::string_view tenant_id) {
  std::lock_guard lock(mu_);
  std::vector<auth::User> out;
  for (const auto& [id, u] : users_)
    if (u.tenant_id == tenant_id) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return Lower(a.username) < Lower(b.username); });
  return out;
}

Result<auth::User> InMemoryAccountStore::AddUser(const auth::User& user, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_)
    if (Lower(u.username) == Lower(user.username))
      return MakeError(ErrorCode::kAlreadyExists, "users/" + user.username + ": login taken");
  auth::User u = user;
  if (u.id.empty()) u.id = "user_" + Lower(user.username);
  u.version = 1;
  users_[u.id] = u;
  return u;
}

Result<auth::User> InMemoryAccountStore::UpdateUser(const auth::User& user, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user.id);
  if (it == users_.end()) return NotFound("users/" + user.id);
  auth::User& u = it->second;
  if (u.version != user.version)
    return MakeError(ErrorCode::kAborted, "users/" + user.id + ": version " + std::to_string(user.version) +
                                              " is stale, current is " + std::to_string(u.version));
  if (user.disabled && !u.disabled) RevokeSessionsLocked(user.id);
  u.display_name = user.display_name;
  u.email = user.email;
  u.roles = user.roles;
  u.person_id = user.person_id;
  u.disabled = user.disabled;
  ++u.version;
  return u;
}

Result<void> InMemoryAccountStore::ResetPassword(std::string_view user_id, const std::string& hash,
                                                 const auth::PasswordResetOptions& options, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return NotFound(user_id);
  it->second.password_hash = hash;
  ++it->second.version;
  RevokeSessionsLocked(user_id);
  if (options.revoke_api_tokens)
    for (auto& [id, t] : tokens_)
      if (t.user_id == user_id) t.revoked = true;
  return Ok();
}

void InMemoryAccountStore::RevokeSessionsLocked(std::string_view user_id) {
  for (auto& [h, s] : sessions_)
    if (s.user_id == user_id) s.revoked = true;
}

Result<void> InMemoryAccountStore::CreateApiToken(const auth::ApiToken& token, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  if (tokens_.count(token.id)) return MakeError(ErrorCode::kAlreadyExists, "tokens/" + token.id);
  tokens_[token.id] = token;
  return Ok();
}

Result<auth::ApiToken> InMemoryAccountStore::FindApiToken(std::string_view token_id) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token_id);
  if (it == tokens_.end()) return NotFound("tokens/" + std::string(token_id));
  return it->second;
}

Result<std::vector<auth::ApiToken>> InMemoryAccountStore::ListApiTokens(std::string_view user_id) {
  std::lock_guard lock(mu_);
  std::vector<auth::ApiToken> out;
  for (const auto& [id, t] : tokens_)
    if (t.user_id == user_id) out.push_back(t);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  return out;
}

Result<void> InMemoryAccountStore::RevokeApiToken(std::string_view token_id, const auth::WriteContext&) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token_id);
  if (it == tokens_.end()) return NotFound("tokens/" + std::string(token_id));
  it->second.revoked = true;
  return Ok();
}

Result<void> InMemoryAccountStore::TouchApiToken(std::string_view token_id, auth::TimePoint at) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token_id);
  if (it == tokens_.end()) return NotFound("tokens/" + std::string(token_id));
  it->second.last_used_at = at;
  return Ok();
}

size_t InMemoryAccountStore::session_count() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace highfence::testing
