// SPDX-License-Identifier: Apache-2.0
#include "server/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/data.h"

namespace highfence::server {
namespace {

using namespace std::chrono_literals;

TEST(ConfigTest, DefaultsWithoutFileOrEnvironment) {
  auto c = LoadConfig("", {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->server.host, "127.0.0.1");
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->server.threads, 64);
  EXPECT_EQ(c->accounts.session_idle, 30min);
  EXPECT_TRUE(c->database_url.empty());
}

TEST(ConfigTest, FileSetsKeysAndTheEnvironmentOverridesIt) {
  testing::TempDir dir;
  auto path = dir.Write("highfence.toml",
                        "# 東北大学 研究セキュリティ\n"
                        "[server]\nlisten = \"0.0.0.0:9443\"\nthreads = 32\ntrusted_proxies = [\"10.0.0.0/8\"]\n"
                        "[session]\nidle_minutes = 15\n[database]\nurl = \"sqlite:/var/lib/highfence/hf.db\"\n");
  auto c = LoadConfig(path.string(), {{"HIGHFENCE_SERVER_THREADS", "8"},
                                      {"HIGHFENCE_SERVER_TRUSTED_PROXIES", "127.0.0.1, ::1"},
                                      {"HIGHFENCE_UNRELATED", "x"}});
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->server.host, "0.0.0.0");
  EXPECT_EQ(c->server.port, 9443);
  EXPECT_EQ(c->server.threads, 8);
  EXPECT_EQ(c->server.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
  EXPECT_EQ(c->accounts.session_idle, 15min);
  EXPECT_EQ(c->database_url, "sqlite:/var/lib/highfence/hf.db");
}

TEST(ConfigTest, UnknownKeyWrongTypeAndOutOfRangeNameFileLineAndKey) {
  testing::TempDir dir;
  auto typo = dir.Write("a.toml", "[server]\nthreds = 4\n");
  auto r = LoadConfig(typo.string(), {});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("a.toml:2"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("server.threds"), std::string::npos);
  auto typed = dir.Write("b.toml", "[server]\nthreads = \"many\"\n");
  r = LoadConfig(typed.string(), {});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("expected an integer"), std::string::npos);
  r = LoadConfig("", {{"HIGHFENCE_SERVER_THREADS", "0"}});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("HIGHFENCE_SERVER_THREADS"), std::string::npos);
  r = LoadConfig("", {{"HIGHFENCE_SERVER_LISTEN", "localhost"}});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("HOST:PORT"), std::string::npos);
  auto broken = dir.Write("c.toml", "[server\n");
  r = LoadConfig(broken.string(), {});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("c.toml:1"), std::string::npos) << r.error().message;
}

TEST(ConfigTest, ListenAcceptsBracketedIpv6) {
  Options o;
  ASSERT_TRUE(ParseListen("[::1]:8443", "--listen", &o).has_value());
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 8443);
}

// docs/configuration.md prints the key table; regenerate with HF_UPDATE_DOCS=1.
TEST(ConfigTest, ConfigurationDocPrintsEveryKeyWithItsDefault) {
  const std::string kBegin = "<!-- config-keys:begin (generated from server/config.cc) -->\n";
  const std::string kEnd = "<!-- config-keys:end -->";
  auto path = testing::RepoPath("docs/configuration.md");
  std::string doc = testing::ReadFileOrFail(path);
  size_t b = doc.find(kBegin);
  size_t e = doc.find(kEnd);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  std::string printed = doc.substr(b + kBegin.size(), e - b - kBegin.size());
  std::string expected = RenderConfigurationTable();
  if (printed != expected && std::getenv("HF_UPDATE_DOCS")) {
    doc.replace(b + kBegin.size(), e - b - kBegin.size(), expected);
    std::ofstream(path) << doc;
    return;
  }
  EXPECT_EQ(printed, expected) << "docs/configuration.md is stale: run with HF_UPDATE_DOCS=1";
}

}  // namespace
}  // namespace highfence::server
