// SPDX-License-Identifier: Apache-2.0
#include "storage/account_store.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "storage/internal/audit_chain.h"
#include "storage/internal/crypto.h"
#include "storage/internal/rep.h"
#include "storage/records.h"

namespace highfence::storage {
namespace {

using internal::Row;
using internal::Value;
using nlohmann::json;

constexpr std::string_view kUserColumns =
    "u.id, u.tenant_id, u.version, u.body, u.created_at, u.updated_at, u.password_hash, u.disabled, i.kind, i.body";
constexpr std::string_view kUserFrom = " FROM users u LEFT JOIN institutions i ON i.id = u.tenant_id";
constexpr std::string_view kSessionColumns =
    "id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, client_addr, user_agent";
constexpr std::string_view kTokenColumns =
    "id, token_hash, user_id, name, scopes, created_at, expires_at, last_used_at, revoked_at";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A table of 0003 missing means the database was not migrated.
Error Rewrap(const Error& e, std::string_view where) {
  if (e.message.find("no such table") != std::string::npos ||
      (e.message.find("relation") != std::string::npos && e.message.find("does not exist") != std::string::npos))
    return MakeError(ErrorCode::kFailedPrecondition,
                     std::string(where) + ": the database has no account tables: run `highfence db migrate`");
  return e.WithContext(std::string(where));
}

// One statement on a pooled connection, outside any transaction.
Result<internal::Rows> Run(Database& db, std::string_view where, std::string_view sql,
                           std::initializer_list<Value> params) {
  auto lease = db.rep().pool->Acquire();
  if (!lease) return lease.error();
  auto rows = (*lease)->Query(sql, params);
  if (!rows) return Rewrap(rows.error(), where);
  return rows;
}

Result<internal::Rows> RunIn(Transaction& tx, std::string_view where, std::string_view sql,
                             std::initializer_list<Value> params) {
  auto rows = tx.rep().conn->Query(sql, params);
  if (!rows) return Rewrap(rows.error(), where);
  return rows;
}

std::string Words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<UserAccount> UserFromRow(const Row& r) {
  UserAccount u;
  u.id = r[0].value_or("");
  u.tenant_id = r[1].value_or("");
  u.version = internal::ParseInt64(r[2].value_or("")).value_or(0);
  u.created_at = r[4].value_or("");
  u.updated_at = r[5].value_or("");
  u.password_hash = r[6].value_or("");
  u.disabled = r[7].value_or("0") == "1";
  u.tenant_kind = r[8].value_or("");
  try {
    json body = json::parse(r[3].value_or("{}"));
    u.login = body.value("login", "");
    u.display_name = body.value("display_name", "");
    u.email = body.value("email", "");
    u.person_id = body.value("person_id", "");
    u.roles = body.value("roles", std::vector<std::string>{});
    if (r[9]) {
      json inst = json::parse(*r[9]);
      u.tenant_members = inst.value("member_ids", std::vector<std::string>{});
    }
  } catch (const json::exception& e) {
    return MakeError(ErrorCode::kDataLoss, "users/" + u.id + ": body is not a user: " + e.what());
  }
  return u;
}

Result<void> CheckUser(const UserAccount& u) {
  const std::string where = "users/" + (u.login.empty() ? u.id : u.login);
  if (u.login.empty()) return MakeError(ErrorCode::kInvalidArgument, "users: login: must not be empty");
  for (unsigned char c : u.login)
    if (c <= ' ' || c == 0x7f)
      return MakeError(ErrorCode::kInvalidArgument, where + ": login: no spaces or control characters");
  if (u.login.size() > 128) return MakeError(ErrorCode::kInvalidArgument, where + ": login: at most 128 bytes");
  if (u.tenant_id.empty()) return MakeError(ErrorCode::kInvalidArgument, where + ": tenant_id: must not be empty");
  if (u.password_hash.empty())
    return MakeError(ErrorCode::kInvalidArgument, where + ": password_hash: must not be empty");
  if (u.password_hash.rfind("$argon2", 0) != 0)
    return MakeError(ErrorCode::kInvalidArgument, where + ": password_hash: not an argon2 hash (never a password)");
  return Ok();
}

Record UserRecord(const UserAccount& u) {
  json body = {{"login", u.login},
               {"display_name", u.display_name},
               {"email", u.email},
               {"roles", u.roles},
               {"person_id", u.person_id}};
  bool admin = std::find(u.roles.begin(), u.roles.end(), "administrator") != u.roles.end();
  Record r;
  r.table = "users";
  r.id = u.id;
  r.tenant_id = u.tenant_id;
  r.body = body.dump();
  r.keys = {{"login", Lower(u.login)},
            {"email", u.email.empty() ? std::nullopt : std::optional<std::string>(u.email)},
            {"password_hash", u.password_hash},
            {"disabled", u.disabled ? "1" : "0"},
            {"administrator", admin ? "1" : "0"}};
  return r;
}

TimePoint TimeOr(const Value& v) {
  if (!v) return {};
  return ParseTime(*v).value_or(TimePoint{});
}

std::optional<TimePoint> OptionalTime(const Value& v) {
  if (!v) return std::nullopt;
  return ParseTime(*v);
}

SessionRow SessionFromRow(const Row& r) {
  SessionRow s;
  s.id = r[0].value_or("");
  s.token_hash = r[1].value_or("");
  s.user_id = r[2].value_or("");
  s.created_at = TimeOr(r[3]);
  s.last_seen_at = TimeOr(r[4]);
  s.expires_at = TimeOr(r[5]);
  s.revoked = r[6].has_value();
  s.client_addr = r[7].value_or("");
  s.user_agent = r[8].value_or("");
  return s;
}

ApiTokenRow TokenFromRow(const Row& r) {
  ApiTokenRow t;
  t.id = r[0].value_or("");
  t.token_hash = r[1].value_or("");
  t.user_id = r[2].value_or("");
  t.name = r[3].value_or("");
  t.scopes = SplitWords(r[4].value_or(""));
  t.created_at = TimeOr(r[5]);
  t.expires_at = OptionalTime(r[6]);
  t.last_used_at = OptionalTime(r[7]);
  t.revoked = r[8].has_value();
  return t;
}

// The digest an audit record keeps of a session or token row: its identifying, non-secret
// fields (never the token hash, so the exported chain says nothing about any credential).
std::string RowDigest(std::initializer_list<Value> fields) {
  std::string bytes = "hf-account-row-v1\n";
  for (const Value& f : fields) internal::AppendOptionalField(bytes, f);
  return internal::Sha256Hex(bytes);
}

Result<void> AuditAccountWrite(Transaction& tx, const Actor& actor, std::optional<std::string> tenant,
                               std::string action, std::string kind, std::string id, std::optional<std::string> before,
                               std::optional<std::string> after) {
  if (actor.id.empty()) return MakeError(ErrorCode::kInvalidArgument, kind + "/" + id + ": actor is empty");
  AuditRecord r;
  r.actor = actor.id;
  if (!actor.request_id.empty()) r.request_id = actor.request_id;
  r.tenant_id = std::move(tenant);
  r.action = std::move(action);
  r.object_kind = std::move(kind);
  r.object_id = std::move(id);
  r.before_digest = std::move(before);
  r.after_digest = std::move(after);
  auto appended = internal::AppendAudit(tx.rep(), std::move(r));
  if (!appended) return appended.error();
  return Ok();
}

Result<std::optional<std::string>> TenantOf(Transaction& tx, std::string_view user_id) {
  auto rows = RunIn(tx, "users", "SELECT tenant_id FROM users WHERE id = ?", {std::string(user_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<std::string>();
  return rows->rows[0][0];
}

// Revokes the live sessions of a user inside tx, one audit record each.
Result<int> RevokeSessionsIn(Transaction& tx, std::string_view user_id, const Actor& actor) {
  tx.rep().invalidate_credentials = true;
  auto tenant = TenantOf(tx, user_id);
  if (!tenant) return tenant.error();
  auto live =
      RunIn(tx, "sessions", "SELECT id, created_at, expires_at FROM sessions WHERE user_id = ? AND revoked_at IS NULL",
            {std::string(user_id)});
  if (!live) return live.error();
  const std::string now = internal::NowUtc();
  for (const Row& r : live->rows) {
    auto done = RunIn(tx, "sessions", "UPDATE sessions SET revoked_at = ? WHERE id = ?", {now, r[0]});
    if (!done) return done.error();
    auto audited = AuditAccountWrite(tx, actor, *tenant, "update", "sessions", r[0].value_or(""),
                                     RowDigest({r[0], std::string(user_id), r[1], r[2], std::nullopt}),
                                     RowDigest({r[0], std::string(user_id), r[1], r[2], now}));
    if (!audited) return audited.error();
  }
  return static_cast<int>(live->rows.size());
}

// The token columns an audit digest covers, with the owner's tenant (never the token hash).
constexpr std::string_view kTokenRevokeSelect =
    "SELECT t.id, t.user_id, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at, u.tenant_id "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id";

// Revokes one live token row read with kTokenRevokeSelect inside tx, with its audit record.
Result<void> RevokeTokenRowIn(Transaction& tx, const Row& r, const std::string& now, const Actor& actor) {
  tx.rep().invalidate_credentials = true;
  auto done = RunIn(tx, "tokens", "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", {now, r[0]});
  if (!done) return done.error();
  return AuditAccountWrite(tx, actor, r[7], "update", "api_tokens", r[0].value_or(""),
                           RowDigest({r[0], r[1], r[2], r[3], r[4], r[5], std::nullopt}),
                           RowDigest({r[0], r[1], r[2], r[3], r[4], r[5], now}));
}

// Revokes every token of a user not yet revoked (expired ones too) inside tx, one audit record
// each; returns how many.
Result<int> RevokeApiTokensIn(Transaction& tx, std::string_view user_id, const Actor& actor) {
  auto live = RunIn(tx, "tokens",
                    std::string(kTokenRevokeSelect) + " WHERE t.user_id = ? AND t.revoked_at IS NULL ORDER BY t.id",
                    {std::string(user_id)});
  if (!live) return live.error();
  const std::string now = internal::NowUtc();
  for (const Row& r : live->rows)
    if (auto done = RevokeTokenRowIn(tx, r, now, actor); !done) return done.error();
  return static_cast<int>(live->rows.size());
}

}  // namespace

std::string FormatTime(TimePoint t) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  long long frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --seconds;
  }
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::optional<TimePoint> ParseTime(std::string_view text) {
  std::tm tm{};
  int micros = 0;
  int consumed = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &micros, &consumed) != 7 ||
      consumed != static_cast<int>(s.size()))
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t seconds = timegm(&tm);
  return TimePoint(std::chrono::seconds(seconds)) + std::chrono::microseconds(micros);
}

// ---- users

Result<UserAccount> AccountStore::AddUser(const UserAccount& user, const Actor& actor) {
  if (auto c = CheckUser(user); !c) return c.error();
  UserAccount u = user;
  if (u.id.empty()) u.id = NewId("user");
  Record stored;
  auto done = db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto taken = RunIn(tx, "users", "SELECT id FROM users WHERE login = ?", {Lower(u.login)});
    if (!taken) return taken.error();
    if (!taken->rows.empty()) return MakeError(ErrorCode::kAlreadyExists, "users/" + u.login + ": login taken");
    auto r = Insert(tx, UserRecord(u), actor);
    if (!r) return Rewrap(r.error(), "users/" + u.login);
    return Ok();
  });
  if (!done) return done.error();
  return FindUser(u.id);
}

Result<UserAccount> AccountStore::FindUser(std::string_view user_id) {
  auto rows = Run(db_, "users", std::string("SELECT ").append(kUserColumns).append(kUserFrom).append(" WHERE u.id = ?"),
                  {std::string(user_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "users/" + std::string(user_id) + ": not found");
  return UserFromRow(rows->rows[0]);
}

Result<UserAccount> AccountStore::FindUserByLogin(std::string_view login) {
  auto rows =
      Run(db_, "users", std::string("SELECT ").append(kUserColumns).append(kUserFrom).append(" WHERE u.login = ?"),
          {Lower(login)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "users/" + std::string(login) + ": not found");
  return UserFromRow(rows->rows[0]);
}

Result<std::vector<UserAccount>> AccountStore::ListUsers(std::optional<std::string_view> tenant_id) {
  std::string sql = std::string("SELECT ").append(kUserColumns).append(kUserFrom);
  Result<internal::Rows> rows =
      tenant_id ? Run(db_, "users", sql + " WHERE u.tenant_id = ? ORDER BY u.login", {std::string(*tenant_id)})
                : Run(db_, "users", sql + " ORDER BY u.login", {});
  if (!rows) return rows.error();
  std::vector<UserAccount> out;
  for (const Row& r : rows->rows) {
    auto u = UserFromRow(r);
    if (!u) return u.error();
    out.push_back(std::move(*u));
  }
  return out;
}

Result<bool> AccountStore::HasAdministrator() {
  auto rows = Run(db_, "users", "SELECT COUNT(*) FROM users WHERE administrator = 1 AND disabled = 0", {});
  if (!rows) return rows.error();
  return rows->rows[0][0].value_or("0") != "0";
}

Result<UserAccount> AccountStore::UpdateUser(const UserAccount& user, const Actor& actor) {
  if (auto c = CheckUser(user); !c) return c.error();
  auto done = db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto current = Get(tx, "users", user.id);
    if (!current) return current.error();
    if (current->keys["login"].value_or("") != Lower(user.login))
      return MakeError(ErrorCode::kInvalidArgument, "users/" + user.id + ": login: cannot be changed");
    auto r = Update(tx, UserRecord(user), user.version, actor);
    if (!r) return r.error();
    if (user.disabled && current->keys["disabled"].value_or("0") == "0") {
      auto revoked = RevokeSessionsIn(tx, user.id, actor);
      if (!revoked) return revoked.error();
    }
    return Ok();
  });
  if (!done) return done.error();
  return FindUser(user.id);
}

Result<void> AccountStore::SetPasswordHash(std::string_view user_id, const std::string& hash,
                                           const PasswordChangeOptions& options, const Actor& actor) {
  return db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rows =
        RunIn(tx, "users", std::string("SELECT ").append(kUserColumns).append(kUserFrom).append(" WHERE u.id = ?"),
              {std::string(user_id)});
    if (!rows) return rows.error();
    if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "users/" + std::string(user_id) + ": not found");
    auto user = UserFromRow(rows->rows[0]);
    if (!user) return user.error();
    user->password_hash = hash;
    if (auto c = CheckUser(*user); !c) return c.error();
    auto r = Update(tx, UserRecord(*user), user->version, actor);
    if (!r) return r.error();
    if (options.revoke_sessions) {
      auto revoked = RevokeSessionsIn(tx, user_id, actor);
      if (!revoked) return revoked.error();
    }
    if (options.revoke_api_tokens) {
      auto revoked = RevokeApiTokensIn(tx, user_id, actor);
      if (!revoked) return revoked.error();
    }
    return Ok();
  });
}

// ---- sessions

Result<void> AccountStore::CreateSession(const SessionRow& s, const Actor& actor) {
  if (s.token_hash.size() != 64)
    return MakeError(ErrorCode::kInvalidArgument, "sessions: token_hash: must be a SHA-256 hex digest");
  const std::string id = s.id.empty() ? NewId("sess") : s.id;
  return db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto tenant = TenantOf(tx, s.user_id);
    if (!tenant) return tenant.error();
    if (!*tenant) return MakeError(ErrorCode::kNotFound, "users/" + s.user_id + ": not found");
    const std::string created = FormatTime(s.created_at);
    const std::string expires = FormatTime(s.expires_at);
    auto purge = RunIn(tx, "sessions", "DELETE FROM sessions WHERE expires_at < ?",
                       {FormatTime(s.created_at - std::chrono::hours(24))});
    if (!purge) return purge.error();
    auto inserted =
        RunIn(tx, "sessions",
              "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, "
              "client_addr, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {id, s.token_hash, s.user_id, created, FormatTime(s.last_seen_at), expires, s.client_addr, s.user_agent});
    if (!inserted) return inserted.error();
    return AuditAccountWrite(tx, actor, *tenant, "insert", "sessions", id, std::nullopt,
                             RowDigest({id, s.user_id, created, expires, std::nullopt}));
  });
}

Result<SessionRow> AccountStore::FindSession(std::string_view token_hash) {
  auto rows =
      Run(db_, "sessions", std::string("SELECT ").append(kSessionColumns).append(" FROM sessions WHERE token_hash = ?"),
          {std::string(token_hash)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "sessions: not found");
  return SessionFromRow(rows->rows[0]);
}

Result<std::pair<SessionRow, UserAccount>> AccountStore::FindSessionWithUser(std::string_view token_hash) {
  internal::CredentialCache& cache = *db_.rep().credentials;
  if (auto cached = cache.FindSession(token_hash)) return std::move(*cached);
  const uint64_t generation = cache.generation();
  auto rows = Run(db_, "sessions",
                  "SELECT s.id, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, "
                  "s.client_addr, s.user_agent, " +
                      std::string(kUserColumns) + " FROM sessions s JOIN users u ON u.id = s.user_id" +
                      " LEFT JOIN institutions i ON i.id = u.tenant_id WHERE s.token_hash = ?",
                  {std::string(token_hash)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "sessions: not found");
  const Row& r = rows->rows[0];
  auto user = UserFromRow(Row(r.begin() + 9, r.end()));
  if (!user) return user.error();
  auto found = std::make_pair(SessionFromRow(Row(r.begin(), r.begin() + 9)), std::move(*user));
  cache.PutSession(generation, found);
  return found;
}

Result<void> AccountStore::TouchSession(std::string_view token_hash, TimePoint at) {
  auto rows = Run(db_, "sessions", "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
                  {FormatTime(at), std::string(token_hash), FormatTime(at)});
  if (!rows) return rows.error();
  db_.rep().credentials->TouchSession(token_hash, at);
  return Ok();
}

Result<void> AccountStore::RevokeSession(std::string_view token_hash, const Actor& actor) {
  return db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rows = RunIn(tx, "sessions",
                      "SELECT s.id, s.user_id, s.created_at, s.expires_at, s.revoked_at, u.tenant_id FROM sessions s "
                      "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
                      {std::string(token_hash)});
    if (!rows) return rows.error();
    if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "sessions: not found");
    const Row& r = rows->rows[0];
    if (r[4]) return Ok();  // already revoked: nothing changes, nothing to audit
    const std::string now = internal::NowUtc();
    tx.rep().invalidate_credentials = true;
    auto done = RunIn(tx, "sessions", "UPDATE sessions SET revoked_at = ? WHERE id = ?", {now, r[0]});
    if (!done) return done.error();
    return AuditAccountWrite(tx, actor, r[5], "update", "sessions", r[0].value_or(""),
                             RowDigest({r[0], r[1], r[2], r[3], std::nullopt}),
                             RowDigest({r[0], r[1], r[2], r[3], now}));
  });
}

Result<int> AccountStore::RevokeSessionsOf(std::string_view user_id, const Actor& actor) {
  int count = 0;
  auto done = db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto n = RevokeSessionsIn(tx, user_id, actor);
    if (!n) return n.error();
    count = *n;
    return Ok();
  });
  if (!done) return done.error();
  return count;
}

// ---- API tokens

Result<void> AccountStore::CreateApiToken(const ApiTokenRow& t, const Actor& actor) {
  if (t.id.empty()) return MakeError(ErrorCode::kInvalidArgument, "tokens: id: must not be empty");
  if (t.token_hash.size() != 64)
    return MakeError(ErrorCode::kInvalidArgument, "tokens/" + t.id + ": token_hash: must be a SHA-256 hex digest");
  if (t.scopes.empty()) return MakeError(ErrorCode::kInvalidArgument, "tokens/" + t.id + ": scopes: at least one");
  return db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto tenant = TenantOf(tx, t.user_id);
    if (!tenant) return tenant.error();
    if (!*tenant) return MakeError(ErrorCode::kNotFound, "users/" + t.user_id + ": not found");
    const std::string created = FormatTime(t.created_at);
    Value expires = t.expires_at ? Value(FormatTime(*t.expires_at)) : std::nullopt;
    auto inserted = RunIn(tx, "tokens/" + t.id,
                          "INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, created_at, expires_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          {t.id, t.token_hash, t.user_id, t.name, Words(t.scopes), created, expires});
    if (!inserted) return inserted.error();
    return AuditAccountWrite(tx, actor, *tenant, "insert", "api_tokens", t.id, std::nullopt,
                             RowDigest({t.id, t.user_id, t.name, Words(t.scopes), created, expires, std::nullopt}));
  });
}

Result<ApiTokenRow> AccountStore::FindApiToken(std::string_view token_id) {
  auto rows = Run(db_, "tokens", std::string("SELECT ").append(kTokenColumns).append(" FROM api_tokens WHERE id = ?"),
                  {std::string(token_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "tokens/" + std::string(token_id) + ": not found");
  return TokenFromRow(rows->rows[0]);
}

Result<std::pair<ApiTokenRow, UserAccount>> AccountStore::FindApiTokenWithUser(std::string_view token_id) {
  internal::CredentialCache& cache = *db_.rep().credentials;
  if (auto cached = cache.FindToken(token_id)) return std::move(*cached);
  const uint64_t generation = cache.generation();
  auto rows = Run(db_, "tokens",
                  "SELECT t.id, t.token_hash, t.user_id, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at, "
                  "t.revoked_at, " +
                      std::string(kUserColumns) + " FROM api_tokens t JOIN users u ON u.id = t.user_id" +
                      " LEFT JOIN institutions i ON i.id = u.tenant_id WHERE t.id = ?",
                  {std::string(token_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "tokens/" + std::string(token_id) + ": not found");
  const Row& r = rows->rows[0];
  auto user = UserFromRow(Row(r.begin() + 9, r.end()));
  if (!user) return user.error();
  auto found = std::make_pair(TokenFromRow(Row(r.begin(), r.begin() + 9)), std::move(*user));
  cache.PutToken(generation, found);
  return found;
}

Result<std::vector<ApiTokenRow>> AccountStore::ListApiTokens(std::string_view user_id) {
  auto rows = Run(db_, "tokens",
                  std::string("SELECT ")
                      .append(kTokenColumns)
                      .append(" FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id"),
                  {std::string(user_id)});
  if (!rows) return rows.error();
  std::vector<ApiTokenRow> out;
  for (const Row& r : rows->rows) out.push_back(TokenFromRow(r));
  return out;
}

Result<void> AccountStore::RevokeApiToken(std::string_view token_id, const Actor& actor) {
  return db_.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rows = RunIn(tx, "tokens", std::string(kTokenRevokeSelect) + " WHERE t.id = ?", {std::string(token_id)});
    if (!rows) return rows.error();
    if (rows->rows.empty()) return MakeError(ErrorCode::kNotFound, "tokens/" + std::string(token_id) + ": not found");
    const Row& r = rows->rows[0];
    if (r[6]) return Ok();  // already revoked: nothing changes, nothing to audit
    return RevokeTokenRowIn(tx, r, internal::NowUtc(), actor);
  });
}

Result<void> AccountStore::TouchApiToken(std::string_view token_id, TimePoint at) {
  auto rows = Run(db_, "tokens", "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                  {FormatTime(at), std::string(token_id)});
  if (!rows) return rows.error();
  db_.rep().credentials->TouchToken(token_id, at);
  return Ok();
}

// ---- login throttling

Result<LoginAttempts> AccountStore::GetLoginAttempts(std::string_view key) {
  auto rows =
      Run(db_, "login_attempts", "SELECT failures, last_failure FROM login_attempts WHERE key = ?", {std::string(key)});
  if (!rows) return rows.error();
  LoginAttempts a;
  if (rows->rows.empty()) return a;
  a.failures = static_cast<int>(internal::ParseInt64(rows->rows[0][0].value_or("0")).value_or(0));
  a.last_failure = TimeOr(rows->rows[0][1]);
  return a;
}

Result<LoginAttempts> AccountStore::AddLoginFailure(std::string_view key, TimePoint now,
                                                    std::chrono::seconds forget_after) {
  // One statement, atomic on both backends (SQLite serialises writers; PostgreSQL's ON CONFLICT
  // DO UPDATE locks the row), so replicas counting the same key concurrently lose nothing.
  auto rows = Run(db_, "login_attempts",
                  "INSERT INTO login_attempts (key, failures, last_failure) VALUES (?, 1, ?) "
                  "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN login_attempts.last_failure < ? THEN 1 "
                  "ELSE login_attempts.failures + 1 END, last_failure = excluded.last_failure "
                  "RETURNING failures, last_failure",
                  {std::string(key), FormatTime(now), FormatTime(now - forget_after)});
  if (!rows) return rows.error();
  LoginAttempts a;
  if (rows->rows.empty()) return MakeError(ErrorCode::kInternal, "login_attempts: upsert returned no row");
  a.failures = static_cast<int>(internal::ParseInt64(rows->rows[0][0].value_or("0")).value_or(0));
  a.last_failure = TimeOr(rows->rows[0][1]);
  return a;
}

Result<void> AccountStore::ClearLoginAttempts(std::string_view key) {
  auto rows = Run(db_, "login_attempts", "DELETE FROM login_attempts WHERE key = ?", {std::string(key)});
  if (!rows) return rows.error();
  return Ok();
}

}  // namespace highfence::storage
