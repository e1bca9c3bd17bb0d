// SPDX-License-Identifier: Apache-2.0
// server/auth without HTTP: password hashing and policy, throttling, secrets, sessions, tokens.
#include "server/auth/accounts.h"

#include <gtest/gtest.h>

#include <atomic>

#include "server/auth/password.h"
#include "server/auth/secrets.h"
#include "server/auth/throttle.h"
#include "tests/server/in_memory_account_store.h"

namespace highfence::auth {
namespace {

using namespace std::chrono_literals;

// argon2id at libsodium's minimum cost: the same algorithm, fast enough for many tests.
PasswordOptions Cheap() {
  PasswordOptions o;
  o.opslimit = 1;
  o.memlimit = 8 << 10;
  return o;
}

TEST(PasswordHasherTest, StoresArgon2idAndVerifiesOnlyTheRightPassword) {
  PasswordHasher hasher(Cheap());
  auto hash = hasher.Hash("研究セキュリティ担当 2026 spring");
  ASSERT_TRUE(hash.has_value()) << hash.error().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.Verify(*hash, "研究セキュリティ担当 2026 spring"));
  EXPECT_FALSE(hasher.Verify(*hash, "研究セキュリティ担当 2026 Spring"));
  EXPECT_FALSE(hasher.Verify("not a hash", "x"));
  // The same password hashes differently (salted).
  EXPECT_NE(*hash, *hasher.Hash("研究セキュリティ担当 2026 spring"));
}

TEST(PasswordHasherTest, AHashMadeWithOtherCostNeedsRehash) {
  PasswordHasher cheap(Cheap());
  PasswordOptions stronger = Cheap();
  stronger.opslimit = 2;
  PasswordHasher strong(stronger);
  auto hash = cheap.Hash("long enough passphrase");
  ASSERT_TRUE(hash.has_value());
  EXPECT_FALSE(cheap.NeedsRehash(*hash));
  EXPECT_TRUE(strong.NeedsRehash(*hash));
  EXPECT_TRUE(strong.Verify(*hash, "long enough passphrase"));  // old hashes still verify
}

TEST(PasswordHasherTest, CostBelowTheMinimumIsRefused) {
  PasswordOptions o;
  o.opslimit = 0;
  auto hash = PasswordHasher(o).Hash("whatever whatever");
  ASSERT_FALSE(hash.has_value());
  EXPECT_EQ(hash.error().code, ErrorCode::kInvalidArgument);
}

TEST(PasswordPolicyTest, EachRuleIsNamedInTheRefusal) {
  struct Case {
    const char* password;
    const char* rule;  // "" = accepted
  } cases[] = {
      {"short1!", "at least 12 characters"},
      {"けんきゅうせきゅりてぃ", "at least 12 characters"},  // 11 kana: 33 bytes but 11 characters
      {"けんきゅうせきゅりてぃー", ""},                      // 12 kana
      {"Password1234", "commonly used"},
      {"qwertyuiop123", "commonly used"},
      {"zzzzzzzzzzzzzzzz", "one character repeated"},
      {"my-Yamada.Taro-2026", "user name"},
      {"taro.yamada+Security", "e-mail"},
      {"Hirosaki apple orchard 7", ""},
  };
  PasswordPolicy policy;
  for (const Case& c : cases) {
    auto r = CheckPasswordPolicy(c.password, "yamada.taro", "taro.yamada@tohoku.ac.jp", policy);
    if (std::string(c.rule).empty()) {
      EXPECT_TRUE(r.has_value()) << c.password << ": " << r.error().message;
      continue;
    }
    ASSERT_FALSE(r.has_value()) << c.password;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message.rfind("password: ", 0), 0u);
    EXPECT_NE(r.error().message.find(c.rule), std::string::npos) << c.password << ": " << r.error().message;
  }
}

TEST(LoginThrottleTest, DelaysDoubleAfterTheFreeFailuresAndAreForgotten) {
  InMemoryThrottleStore store;
  ThrottleOptions o;
  o.account_free_failures = 3;
  o.address_free_failures = 100;
  LoginThrottle t(store, o);
  TimePoint now = std::chrono::system_clock::now();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(t.RecordFailure("Yamada", "192.0.2.7", now).has_value());
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now), 0s);
  ASSERT_TRUE(t.RecordFailure("yamada", "192.0.2.7", now).has_value());
  EXPECT_EQ(*t.Delay("yamada", "198.51.100.1", now), 1s);  // per account, whatever the address
  ASSERT_TRUE(t.RecordFailure("yamada", "192.0.2.7", now).has_value());
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now), 2s);
  ASSERT_TRUE(t.RecordFailure("yamada", "192.0.2.7", now).has_value());
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now), 4s);
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now + 3s), 1s);
  EXPECT_EQ(*t.Delay("sato", "192.0.2.7", now), 0s);            // another account is not locked
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now + 16min), 0s);  // forgotten
  ASSERT_TRUE(t.RecordFailure("yamada", "192.0.2.7", now + 16min).has_value());
  EXPECT_EQ(*t.Delay("yamada", "192.0.2.7", now + 16min), 0s);  // counting from one again
}

TEST(LoginThrottleTest, AnAddressSprayingManyAccountsIsLockedAndSuccessDoesNotClearIt) {
  InMemoryThrottleStore store;
  ThrottleOptions o;
  o.account_free_failures = 5;
  o.address_free_failures = 4;
  LoginThrottle t(store, o);
  TimePoint now = std::chrono::system_clock::now();
  for (const char* user : {"a.sato", "b.suzuki", "c.takahashi", "d.tanaka"})
    ASSERT_TRUE(t.RecordFailure(user, "203.0.113.9", now).has_value());
  EXPECT_EQ(*t.Delay("e.watanabe", "203.0.113.9", now), 1s);
  ASSERT_TRUE(t.RecordSuccess("a.sato").has_value());
  EXPECT_EQ(*t.Delay("e.watanabe", "203.0.113.9", now), 1s);
}

TEST(SecretsTest, SecretsAre256BitBase64UrlStoredAsSha256) {
  Secret s = NewSecret();
  EXPECT_EQ(s.value.size(), 43u);
  EXPECT_EQ(s.hash.size(), 64u);
  EXPECT_EQ(HashSecret(s.value), s.hash);
  EXPECT_NE(NewSecret().value, s.value);
  EXPECT_TRUE(SecretsEqual(s.hash, HashSecret(s.value)));
  EXPECT_FALSE(SecretsEqual(s.hash, s.hash.substr(1)));
  EXPECT_FALSE(SecretsEqual("", ""));
}

TEST(SecretsTest, ApiTokensHaveAVisibleIdAndParseStrictly) {
  ApiTokenText t = NewApiToken();
  EXPECT_EQ(t.value.rfind("hfk_" + t.id + "_", 0), 0u);
  auto parsed = ParseApiToken(t.value);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->id, t.id);
  for (std::string bad : {std::string("hfk_"), t.value.substr(1), t.value + "x", "Bearer " + t.value,
                          "hfk_ZZZZZZZZZZZZ_" + t.value.substr(17)})
    EXPECT_FALSE(ParseApiToken(bad).has_value()) << bad;
}

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() : hasher_(Cheap()) {
    AccountsOptions o;
    o.password = Cheap();
    o.session_idle = 30min;
    o.session_absolute = 12h;
    o.clock = [this] { return start_ + std::chrono::seconds(offset_.load()); };
    accounts_ = std::make_unique<Accounts>(store_, throttle_, o);
    User u;
    u.username = "yamada";
    u.roles = {access::Role::kResearcher};
    u.tenant_id = "inst_tohoku";
    u.person_id = "person_yamada";
    yamada_ = store_.AddUser(u, "Hirosaki apple orchard 7", hasher_);
  }
  void Advance(std::chrono::seconds s) { offset_ += s.count(); }

  PasswordHasher hasher_;
  testing::InMemoryAccountStore store_;
  InMemoryThrottleStore throttle_;
  TimePoint start_ = std::chrono::system_clock::now();
  std::atomic<int64_t> offset_{0};
  std::unique_ptr<Accounts> accounts_;
  User yamada_;
};

TEST_F(AccountsTest, SessionLivesWhileUsedAndDiesIdleOrAtItsAbsoluteExpiry) {
  auto login = accounts_->Login("yamada", "Hirosaki apple orchard 7", "192.0.2.7", "test");
  ASSERT_TRUE(login.has_value()) << login.error().ToString();
  for (int i = 0; i < 24; ++i) {  // 24 × 29 min = 11.6 h: used regularly, so never idle
    Advance(29min);
    auto a = accounts_->AuthenticateSession(login->session_token);
    ASSERT_TRUE(a.has_value()) << i << ": " << a.error().message;
  }
  Advance(25min);  // 12.0 h since sign-in, only 25 min idle
  auto late = accounts_->AuthenticateSession(login->session_token);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);

  auto again = accounts_->Login("yamada", "Hirosaki apple orchard 7", "192.0.2.7", "test");
  ASSERT_TRUE(again.has_value());
  Advance(31min);
  auto idle = accounts_->AuthenticateSession(again->session_token);
  ASSERT_FALSE(idle.has_value());
  EXPECT_NE(idle.error().message.find("without use"), std::string::npos);
}

TEST_F(AccountsTest, DisabledAccountCannotSignInOrUseItsSession) {
  auto login = accounts_->Login("yamada", "Hirosaki apple orchard 7", "192.0.2.7", "test");
  ASSERT_TRUE(login.has_value());
  store_.Disable(yamada_.id);
  auto a = accounts_->AuthenticateSession(login->session_token);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("disabled"), std::string::npos);
  auto b = accounts_->Login("yamada", "Hirosaki apple orchard 7", "192.0.2.7", "test");
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().message, "invalid user name or password");
}

TEST_F(AccountsTest, TokenScopesCannotExceedTheOwnersRoles) {
  auto login = accounts_->Login("yamada", "Hirosaki apple orchard 7", "192.0.2.7", "test");
  ASSERT_TRUE(login.has_value());
  auto owner = accounts_->AuthenticateSession(login->session_token);
  ASSERT_TRUE(owner.has_value());
  auto bad = accounts_->CreateToken(*owner, "nightly", {access::Action::kAuditRead}, std::nullopt);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(bad.error().message.find("audit.read"), std::string::npos);
  auto good = accounts_->CreateToken(*owner, "nightly", {access::Action::kDisclosureReadOwn}, 24h);
  ASSERT_TRUE(good.has_value());
  auto stored = store_.FindApiToken(good->token.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->token_hash, HashSecret(good->secret));
  EXPECT_EQ(stored->token_hash.find(good->secret), std::string::npos);
  ASSERT_TRUE(accounts_->AuthenticateToken(good->secret).has_value());
  Advance(25h);
  auto expired = accounts_->AuthenticateToken(good->secret);
  ASSERT_FALSE(expired.has_value());
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
}

}  // namespace
}  // namespace highfence::auth
