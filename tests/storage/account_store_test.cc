// SPDX-License-Identifier: Apache-2.0
// storage::AccountStore on SQLite (storage_test) and a real PostgreSQL (storage_pg_test): users,
// sessions, API tokens and login-throttling counts, each account write audited with its actor.
#include "storage/account_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <tuple>

#include "storage/audit.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
#include "tests/support/data.h"

namespace highfence::storage {
namespace {

using testing::PostgresBackend;
using testing::SqliteBackend;

const Actor kAdmin{"user_admin_kobayashi", "req-acc-0001"};
// A real libsodium argon2id string shape (the store checks the prefix, never the hash itself).
const std::string kHash1 = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g";
const std::string kHash2 = "$argon2id$v=19$m=65536,t=3,p=1$b3RoZXJzYWx0$b3RoZXJoYXNob3RoZXJoYXNo";

UserAccount Yamada() {
  UserAccount u;
  u.tenant_id = "inst_tokyo";
  u.login = "Yamada.Hanako";
  u.display_name = "山田 花子";
  u.email = "yamada@example.ac.jp";
  u.roles = {"security_officer", "reviewer"};
  u.password_hash = kHash1;
  return u;
}

std::string Hex64(char c) {
  return std::string(64, c);
}

template <typename Backend>
class AccountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = Backend::NewUrl(dir_);
    ASSERT_FALSE(url_.empty());
    auto db = Database::Open(url_, {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
    store_ = std::make_unique<AccountStore>(*db_);
  }
  std::string AuditJson() {
    std::ostringstream out;
    auto n = ExportAudit(*db_, out);
    EXPECT_TRUE(n) << n.error().ToString();
    return out.str();
  }
  void ExpectChainVerifies() {
    auto report = VerifyAudit(*db_);
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_TRUE(report->ok) << report->reason;
  }

  testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<AccountStore> store_;
};

#ifdef HF_STORAGE_TEST_POSTGRES
using Backends = ::testing::Types<PostgresBackend>;
#else
using Backends = ::testing::Types<SqliteBackend>;
#endif
TYPED_TEST_SUITE(AccountStoreTest, Backends);

TYPED_TEST(AccountStoreTest, AddedUserIsFoundByLoginInAnyCaseAndAudited) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_EQ(added->id.rfind("user_", 0), 0u);
  EXPECT_EQ(added->version, 1);
  auto found = this->store_->FindUserByLogin("YAMADA.hanako");
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->id, added->id);
  EXPECT_EQ(found->display_name, "山田 花子");
  EXPECT_EQ(found->roles, (std::vector<std::string>{"security_officer", "reviewer"}));
  EXPECT_EQ(found->password_hash, kHash1);
  auto history = AuditHistory(*this->db_, "users", added->id);
  ASSERT_TRUE(history && history->size() == 1);
  EXPECT_EQ((*history)[0].action, "insert");
  EXPECT_EQ((*history)[0].actor, "user_admin_kobayashi");
  EXPECT_EQ((*history)[0].request_id.value_or(""), "req-acc-0001");
  EXPECT_EQ((*history)[0].tenant_id.value_or(""), "inst_tokyo");
  // The body (what a generic reader of records sees) carries no password hash.
  auto record = Get(*this->db_, "users", added->id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->body.find("argon2"), std::string::npos);
  this->ExpectChainVerifies();
}

TYPED_TEST(AccountStoreTest, DuplicateLoginIsRefusedWhateverItsCase) {
  ASSERT_TRUE(this->store_->AddUser(Yamada(), kAdmin));
  UserAccount again = Yamada();
  again.login = "yamada.HANAKO";
  auto r = this->store_->AddUser(again, kAdmin);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(r.error().message.find("yamada.HANAKO: login taken"), std::string::npos) << r.error().message;
}

TYPED_TEST(AccountStoreTest, APlainPasswordIsNeverStored) {
  UserAccount u = Yamada();
  u.password_hash = "correct horse battery staple";
  auto r = this->store_->AddUser(u, kAdmin);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("password_hash"), std::string::npos) << r.error().message;
  UserAccount blank = Yamada();
  blank.login = "山田 花子";
  auto spaced = this->store_->AddUser(blank, kAdmin);
  ASSERT_FALSE(spaced);
  EXPECT_NE(spaced.error().message.find("login"), std::string::npos);
}

TYPED_TEST(AccountStoreTest, StaleUserUpdateIsRefusedAndRoleChangeIsAudited) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  UserAccount first = *added;
  first.roles = {"export_control_officer"};
  auto updated = this->store_->UpdateUser(first, kAdmin);
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->version, 2);
  UserAccount stale = *added;  // still version 1
  stale.display_name = "Hanako Yamada";
  auto r = this->store_->UpdateUser(stale, Actor{"user_admin_ito", "req-acc-0002"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kAborted);
  EXPECT_NE(r.error().message.find("version 1 is stale, current is 2"), std::string::npos) << r.error().message;
  auto now = this->store_->FindUser(added->id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->roles, std::vector<std::string>{"export_control_officer"});
  EXPECT_EQ(now->display_name, "山田 花子");
  auto history = AuditHistory(*this->db_, "users", added->id);
  ASSERT_TRUE(history && history->size() == 2);
  EXPECT_EQ((*history)[1].action, "update");
}

TYPED_TEST(AccountStoreTest, DisablingAUserRevokesItsSessions) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  auto t0 = std::chrono::system_clock::now();
  SessionRow s{.token_hash = Hex64('a'),
               .user_id = added->id,
               .created_at = t0,
               .last_seen_at = t0,
               .expires_at = t0 + std::chrono::hours(12),
               .client_addr = "127.0.0.1",
               .user_agent = "Firefox"};
  ASSERT_TRUE(this->store_->CreateSession(s, Actor{added->id, "req-login"}));
  UserAccount off = *added;
  off.disabled = true;
  ASSERT_TRUE(this->store_->UpdateUser(off, kAdmin));
  auto session = this->store_->FindSession(Hex64('a'));
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->revoked);
  auto admin = this->store_->HasAdministrator();
  ASSERT_TRUE(admin);
  EXPECT_FALSE(*admin);
  this->ExpectChainVerifies();
}

TYPED_TEST(AccountStoreTest, SessionIsFoundByHashTouchedAndRevokedOnce) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  auto t0 = std::chrono::system_clock::now();
  SessionRow s{.token_hash = Hex64('b'),
               .user_id = added->id,
               .created_at = t0,
               .last_seen_at = t0,
               .expires_at = t0 + std::chrono::hours(12),
               .client_addr = "192.0.2.7",
               .user_agent = "curl/7.88"};
  ASSERT_TRUE(this->store_->CreateSession(s, Actor{added->id, "req-login"}));
  auto later = t0 + std::chrono::minutes(5);
  ASSERT_TRUE(this->store_->TouchSession(Hex64('b'), later));
  auto found = this->store_->FindSession(Hex64('b'));
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->user_id, added->id);
  EXPECT_EQ(found->client_addr, "192.0.2.7");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::microseconds>(found->last_seen_at - later).count(), 0);
  EXPECT_FALSE(found->revoked);
  auto with_user = this->store_->FindSessionWithUser(Hex64('b'));
  ASSERT_TRUE(with_user) << with_user.error().ToString();
  EXPECT_EQ(with_user->first.id, found->id);
  EXPECT_EQ(with_user->second.login, "Yamada.Hanako");
  EXPECT_EQ(with_user->second.roles, (std::vector<std::string>{"security_officer", "reviewer"}));
  EXPECT_EQ(this->store_->FindSessionWithUser(Hex64('c')).error().code, ErrorCode::kNotFound);
  auto missing = this->store_->FindSession(Hex64('c'));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(this->store_->RevokeSession(Hex64('b'), Actor{added->id, "req-logout"}));
  ASSERT_TRUE(this->store_->RevokeSession(Hex64('b'), Actor{added->id, "req-logout-again"}));
  EXPECT_TRUE(this->store_->FindSession(Hex64('b'))->revoked);
  auto history = AuditHistory(*this->db_, "sessions", found->id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);  // created, revoked; the second revoke changed nothing
  EXPECT_EQ((*history)[1].request_id.value_or(""), "req-logout");
  // Neither the audit trail nor its export holds the session's token hash.
  EXPECT_EQ(this->AuditJson().find(Hex64('b')), std::string::npos);
  this->ExpectChainVerifies();
}

TYPED_TEST(AccountStoreTest, TokensListNewestFirstAndRevocationIsAudited) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  auto t0 = std::chrono::system_clock::now();
  ApiTokenRow nightly{.id = "3f9a2c1b7d4e",
                      .token_hash = Hex64('d'),
                      .user_id = added->id,
                      .name = "夜間の e-Rad 取込",
                      .scopes = {"case.read", "disclosure.import"},
                      .created_at = t0,
                      .expires_at = t0 + std::chrono::hours(24 * 90)};
  ApiTokenRow report{.id = "0a1b2c3d4e5f",
                     .token_hash = Hex64('e'),
                     .user_id = added->id,
                     .name = "monthly report",
                     .scopes = {"case.read"},
                     .created_at = t0 + std::chrono::seconds(1)};
  ASSERT_TRUE(this->store_->CreateApiToken(nightly, Actor{added->id, "req-t1"}));
  ASSERT_TRUE(this->store_->CreateApiToken(report, Actor{added->id, "req-t2"}));
  auto list = this->store_->ListApiTokens(added->id);
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "0a1b2c3d4e5f");
  EXPECT_FALSE((*list)[0].expires_at.has_value());
  EXPECT_EQ((*list)[1].scopes, (std::vector<std::string>{"case.read", "disclosure.import"}));
  EXPECT_EQ((*list)[1].name, "夜間の e-Rad 取込");
  auto with_owner = this->store_->FindApiTokenWithUser("3f9a2c1b7d4e");
  ASSERT_TRUE(with_owner) << with_owner.error().ToString();
  EXPECT_EQ(with_owner->first.name, "夜間の e-Rad 取込");
  EXPECT_EQ(with_owner->second.id, added->id);
  ASSERT_TRUE(this->store_->RevokeApiToken("3f9a2c1b7d4e", kAdmin));
  EXPECT_TRUE(this->store_->FindApiToken("3f9a2c1b7d4e")->revoked);
  auto unknown = this->store_->RevokeApiToken("ffffffffffff", kAdmin);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("tokens/ffffffffffff"), std::string::npos);
  auto history = AuditHistory(*this->db_, "api_tokens", "3f9a2c1b7d4e");
  ASSERT_TRUE(history && history->size() == 2);
  EXPECT_EQ((*history)[1].actor, "user_admin_kobayashi");
  EXPECT_EQ(this->AuditJson().find(Hex64('d')), std::string::npos);
  this->ExpectChainVerifies();
}

// An administrator's reset after a suspected compromise: the new hash, the sessions and every
// token not yet revoked go in one transaction, one audit record per revocation; another user's
// token and an already revoked token are untouched; the credential cache sees it at once.
TYPED_TEST(AccountStoreTest, PasswordResetRevokesEveryTokenOfTheUserInTheSameTransaction) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  UserAccount other = Yamada();
  other.login = "tanaka.jiro";
  other.email = "tanaka@example.ac.jp";
  auto tanaka = this->store_->AddUser(other, kAdmin);
  ASSERT_TRUE(tanaka);
  auto t0 = std::chrono::system_clock::now();
  const Actor owner{added->id, "req-own"};
  ASSERT_TRUE(this->store_->CreateSession({.token_hash = Hex64('a'),
                                           .user_id = added->id,
                                           .created_at = t0,
                                           .last_seen_at = t0,
                                           .expires_at = t0 + std::chrono::hours(8)},
                                          owner));
  for (auto [id, hash, user] :
       {std::tuple{"3f9a2c1b7d4e", 'd', added->id}, std::tuple{"0a1b2c3d4e5f", 'e', added->id},
        std::tuple{"77aa88bb99cc", 'f', added->id}, std::tuple{"5e5e5e5e5e5e", '9', tanaka->id}})
    ASSERT_TRUE(this->store_->CreateApiToken({.id = id,
                                              .token_hash = Hex64(hash),
                                              .user_id = user,
                                              .name = "夜間の e-Rad 取込",
                                              .scopes = {"case.read"},
                                              .created_at = t0},
                                             owner));
  ASSERT_TRUE(this->store_->RevokeApiToken("77aa88bb99cc", owner));
  ASSERT_FALSE(this->store_->FindApiTokenWithUser("3f9a2c1b7d4e")->first.revoked);  // now cached

  const Actor reset{"user_admin_kobayashi", "req-reset-42"};
  ASSERT_TRUE(
      this->store_->SetPasswordHash(added->id, kHash2, {.revoke_sessions = true, .revoke_api_tokens = true}, reset));
  EXPECT_EQ(this->store_->FindUser(added->id)->password_hash, kHash2);
  EXPECT_TRUE(this->store_->FindSession(Hex64('a'))->revoked);
  EXPECT_TRUE(this->store_->FindApiTokenWithUser("3f9a2c1b7d4e")->first.revoked) << "the cache must not answer";
  EXPECT_TRUE(this->store_->FindApiToken("0a1b2c3d4e5f")->revoked);
  EXPECT_FALSE(this->store_->FindApiToken("5e5e5e5e5e5e")->revoked) << "another user's token";
  auto rows = this->store_->ListApiTokens(added->id);  // read from the rows' revoked_at
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  for (const ApiTokenRow& t : *rows) EXPECT_TRUE(t.revoked) << t.id;
  for (const char* id : {"3f9a2c1b7d4e", "0a1b2c3d4e5f"}) {
    auto history = AuditHistory(*this->db_, "api_tokens", id);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u) << id;  // created, revoked by the reset
    EXPECT_EQ((*history)[1].action, "update");
    EXPECT_EQ((*history)[1].actor, "user_admin_kobayashi");
    EXPECT_EQ((*history)[1].request_id.value_or(""), "req-reset-42");
    EXPECT_NE((*history)[0].after_digest, (*history)[1].after_digest);
    EXPECT_EQ((*history)[0].after_digest, (*history)[1].before_digest);
  }
  auto already = AuditHistory(*this->db_, "api_tokens", "77aa88bb99cc");
  ASSERT_TRUE(already);
  EXPECT_EQ(already->size(), 2u) << "a token revoked before is not revoked again";
  EXPECT_EQ(AuditHistory(*this->db_, "api_tokens", "5e5e5e5e5e5e")->size(), 1u);
  this->ExpectChainVerifies();

  // The user only forgot the password: sessions go, tokens stay.
  ASSERT_TRUE(this->store_->SetPasswordHash(tanaka->id, kHash2, {.revoke_sessions = true}, reset));
  EXPECT_FALSE(this->store_->FindApiTokenWithUser("5e5e5e5e5e5e")->first.revoked);
  EXPECT_EQ(AuditHistory(*this->db_, "api_tokens", "5e5e5e5e5e5e")->size(), 1u);
}

// A reset that fails (a hash that is not argon2) revokes nothing: one transaction.
TYPED_TEST(AccountStoreTest, RefusedPasswordResetRevokesNoToken) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  ASSERT_TRUE(this->store_->CreateApiToken({.id = "3f9a2c1b7d4e",
                                            .token_hash = Hex64('d'),
                                            .user_id = added->id,
                                            .name = "nightly",
                                            .scopes = {"case.read"},
                                            .created_at = std::chrono::system_clock::now()},
                                           kAdmin));
  auto bad = this->store_->SetPasswordHash(added->id, "plain text password",
                                           {.revoke_sessions = true, .revoke_api_tokens = true}, kAdmin);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("password_hash"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(this->store_->FindApiToken("3f9a2c1b7d4e")->revoked);
  EXPECT_EQ(AuditHistory(*this->db_, "api_tokens", "3f9a2c1b7d4e")->size(), 1u);
}

TYPED_TEST(AccountStoreTest, PasswordHashEditedBehindTheStoreIsCaughtByVerify) {
  auto added = this->store_->AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added);
  ASSERT_TRUE(
      this->store_->SetPasswordHash(added->id, kHash2, {.revoke_sessions = true}, Actor{added->id, "req-passwd"}));
  EXPECT_EQ(this->store_->FindUser(added->id)->password_hash, kHash2);
  this->ExpectChainVerifies();
  ASSERT_TRUE(
      testing::RawExec(this->url_, "UPDATE users SET password_hash = '" + kHash1 + "' WHERE id = '" + added->id + "'"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("users/" + added->id), std::string::npos) << report->reason;
}

TYPED_TEST(AccountStoreTest, TenantKindAndHubMembersComeFromTheInstitutionsRow) {
  auto done = this->db_->WithTransaction([&](Transaction& tx) -> Result<void> {
    Record hub{
        .table = "institutions",
        .id = "inst_hub_kanto",
        .tenant_id = "inst_hub_kanto",
        .body = R"({"name_ja":"関東研究セキュリティ支援拠点","kind":"hub","member_ids":["inst_tokyo","inst_tsukuba"]})",
        .keys = {{"kind", "hub"}}};
    return Insert(tx, hub, kAdmin).map([](auto&&) {});
  });
  ASSERT_TRUE(done) << done.error().ToString();
  UserAccount u = Yamada();
  u.tenant_id = "inst_hub_kanto";
  auto added = this->store_->AddUser(u, kAdmin);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->tenant_kind, "hub");
  EXPECT_EQ(added->tenant_members, (std::vector<std::string>{"inst_tokyo", "inst_tsukuba"}));
  UserAccount lone = Yamada();
  lone.login = "smith";
  lone.tenant_id = "inst_not_yet_created";
  auto other = this->store_->AddUser(lone, kAdmin);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->tenant_kind, "");
  auto list = this->store_->ListUsers(std::string_view("inst_hub_kanto"));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].login, "Yamada.Hanako");
}

// The credential cache (Options::credential_cache): a write behind this process's back (another
// replica, the CLI: here raw SQL) is not seen while an entry is fresh, but a revocation, a
// disabled user or a password change made through this Database is seen at once, by every
// AccountStore over it.
TYPED_TEST(AccountStoreTest, CachedCredentialsAreForgottenAtOnceWhenRevokedOrDisabledHere) {
  Options options;
  options.credential_cache = std::chrono::hours(1);  // never stale during the test
  auto db = Database::Open(this->url_, options);
  ASSERT_TRUE(db) << db.error().ToString();
  AccountStore store(**db);
  AccountStore admin_side(**db);  // another user of the same Database (an administrator's route)
  auto added = store.AddUser(Yamada(), kAdmin);
  ASSERT_TRUE(added) << added.error().ToString();
  auto t0 = std::chrono::system_clock::now();
  for (char c : {'d', 'e'}) {
    SessionRow s{.token_hash = Hex64(c),
                 .user_id = added->id,
                 .created_at = t0,
                 .last_seen_at = t0,
                 .expires_at = t0 + std::chrono::hours(12),
                 .client_addr = "127.0.0.1",
                 .user_agent = "Firefox"};
    ASSERT_TRUE(store.CreateSession(s, Actor{added->id, "req-login"}));
  }
  ApiTokenRow token{.id = "0123456789ab",
                    .token_hash = Hex64('f'),
                    .user_id = added->id,
                    .name = "nightly export",
                    .scopes = {"case.read"},
                    .created_at = t0};
  ASSERT_TRUE(store.CreateApiToken(token, Actor{added->id, "req-token"}));
  ASSERT_TRUE(store.FindSessionWithUser(Hex64('d')));
  ASSERT_TRUE(store.FindSessionWithUser(Hex64('e')));
  ASSERT_TRUE(store.FindApiTokenWithUser(token.id));

  // Revoked behind the store's back: the cached entry still answers (the documented delay).
  ASSERT_TRUE(testing::RawExec(this->url_,
                               "UPDATE sessions SET revoked_at = '2026-11-30T09:00:00.000000Z' "
                               "WHERE token_hash = '" +
                                   Hex64('e') + "'"));
  auto stale = store.FindSessionWithUser(Hex64('e'));
  ASSERT_TRUE(stale);
  EXPECT_FALSE(stale->first.revoked);
  // A touch updates the cached entry, so the next authentication does not touch again.
  auto later = t0 + std::chrono::minutes(3);
  ASSERT_TRUE(store.TouchSession(Hex64('d'), later));
  auto touched = store.FindSessionWithUser(Hex64('d'));
  ASSERT_TRUE(touched);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::microseconds>(touched->first.last_seen_at - later).count(), 0);

  // Revoked through this Database: seen at once (and the raw revocation with it).
  ASSERT_TRUE(admin_side.RevokeSession(Hex64('d'), kAdmin));
  auto revoked = store.FindSessionWithUser(Hex64('d'));
  ASSERT_TRUE(revoked);
  EXPECT_TRUE(revoked->first.revoked);
  EXPECT_TRUE(store.FindSessionWithUser(Hex64('e'))->first.revoked);
  // A token revoked, then the user disabled, through the other store: seen at once.
  ASSERT_TRUE(store.FindApiTokenWithUser(token.id));
  ASSERT_TRUE(admin_side.RevokeApiToken(token.id, kAdmin));
  auto token_now = store.FindApiTokenWithUser(token.id);
  ASSERT_TRUE(token_now);
  EXPECT_TRUE(token_now->first.revoked);
  EXPECT_FALSE(token_now->second.disabled);
  UserAccount off = *admin_side.FindUser(added->id);
  off.disabled = true;
  ASSERT_TRUE(admin_side.UpdateUser(off, kAdmin));
  auto disabled = store.FindApiTokenWithUser(token.id);
  ASSERT_TRUE(disabled);
  EXPECT_TRUE(disabled->second.disabled);

  // With the cache off, the raw change is seen on the next read.
  Options no_cache;
  no_cache.credential_cache = std::chrono::milliseconds(0);
  auto plain_db = Database::Open(this->url_, no_cache);
  ASSERT_TRUE(plain_db) << plain_db.error().ToString();
  AccountStore plain(**plain_db);
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE users SET disabled = 0 WHERE id = '" + added->id + "'"));
  ASSERT_TRUE(plain.FindApiTokenWithUser(token.id));
  EXPECT_FALSE(plain.FindApiTokenWithUser(token.id)->second.disabled);
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE users SET disabled = 1 WHERE id = '" + added->id + "'"));
  EXPECT_TRUE(plain.FindApiTokenWithUser(token.id)->second.disabled);
}

TYPED_TEST(AccountStoreTest, LoginFailuresCountAtomicallyAcrossConnectionsAndAreForgotten) {
  // Two Database objects: two processes' pools on the same database.
  auto second = Database::Open(this->url_, {});
  ASSERT_TRUE(second);
  AccountStore other(**second);
  auto t0 = std::chrono::system_clock::now();
  const std::chrono::seconds forget(900);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      AccountStore& s = i % 2 ? other : *this->store_;
      for (int k = 0; k < 10; ++k) {
        auto a = s.AddLoginFailure("account:yamada.hanako", t0 + std::chrono::milliseconds(k), forget);
        EXPECT_TRUE(a) << a.error().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  auto now = this->store_->GetLoginAttempts("account:yamada.hanako");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->failures, 40);
  auto quiet = this->store_->AddLoginFailure("account:yamada.hanako", t0 + std::chrono::seconds(1000), forget);
  ASSERT_TRUE(quiet);
  EXPECT_EQ(quiet->failures, 1);
  ASSERT_TRUE(other.ClearLoginAttempts("account:yamada.hanako"));
  EXPECT_EQ(this->store_->GetLoginAttempts("account:yamada.hanako")->failures, 0);
}

TYPED_TEST(AccountStoreTest, UnmigratedDatabaseAsksForAMigration) {
  testing::TempDir dir;
  auto fresh = Database::Open(TypeParam::NewUrl(dir), {});
  ASSERT_TRUE(fresh);
  AccountStore store(**fresh);
  auto r = store.FindUserByLogin("yamada");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message.find("highfence db migrate"), std::string::npos) << r.error().message;
}

TEST(AccountTimeTest, FormatAndParseRoundTripMicroseconds) {
  auto t = TimePoint(std::chrono::microseconds(1795946102123456LL));
  EXPECT_EQ(FormatTime(t), "2026-11-29T09:55:02.123456Z");
  EXPECT_EQ(ParseTime(FormatTime(t)), t);
  EXPECT_FALSE(ParseTime("2026-11-29 06:35:02").has_value());
  EXPECT_FALSE(ParseTime("2026-11-29T06:35:02.123456Zjunk").has_value());
}

}  // namespace
}  // namespace highfence::storage
