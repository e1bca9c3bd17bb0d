// SPDX-License-Identifier: Apache-2.0
// Connecting to PostgreSQL: an unreachable server is kUnavailable naming host:port (and never
// the password); the URL forms libpq accepts.
#include <gtest/gtest.h>

#include "storage/database.h"
#include "tests/support/postgres.h"

namespace highfence::storage {
namespace {

TEST(PostgresConnectTest, AClosedPortIsUnavailableNamingHostAndPort) {
  const int port = testing::ClosedLoopbackPort();
  const std::string url = "postgresql://officer:s3cret-パス@127.0.0.1:" + std::to_string(port) + "/highfence";
  auto db = Database::Open(url, {.connect_timeout_seconds = 2});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(db.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << db.error().message;
  EXPECT_EQ(db.error().message.find("s3cret"), std::string::npos) << db.error().message;
}

TEST(PostgresConnectTest, DescriptionLeavesOutTheUser) {
  auto& server = testing::PostgresServer::Get();
  ASSERT_TRUE(server.ok());
  const std::string url = server.NewDatabase();
  auto db = Database::Open(url, {});
  ASSERT_TRUE(db) << db.error().ToString();
  EXPECT_EQ((*db)->backend(), Backend::kPostgres);
  EXPECT_EQ((*db)->description().find("postgres@"), std::string::npos);
  EXPECT_NE((*db)->description().find("127.0.0.1:" + std::to_string(server.port())), std::string::npos);
}

}  // namespace
}  // namespace highfence::storage
