// SPDX-License-Identifier: Apache-2.0
// Connecting to PostgreSQL: an unreachable server is kUnavailable naming host:port (and never
// the password); the URL forms libpq accepts. Transactions over one connection whose BEGIN is
// pipelined with the first statement and whose read-only COMMIT is not waited for
// (storage/internal/postgres_connection.cc): a snapshot is still a snapshot, no connection is
// left idle in a transaction, and an error in the first statement leaves the connection usable.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/audit.h"
#include "storage/database.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
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

const Actor kOfficer{"user_officer_sato", "req-0001"};

Record NewCase(const std::string& tenant, const std::string& title) {
  Record r;
  r.table = "cases";
  r.id = NewId("case");
  r.tenant_id = tenant;
  r.body = nlohmann::json{{"title", title}, {"state", "opened"}}.dump();
  r.keys = {{"state", "opened"}, {"proposal_id", "prop_1"}};
  return r;
}

Result<void> InsertCase(Database& db, const std::string& tenant, const std::string& title) {
  return db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto r = Insert(tx, NewCase(tenant, title), kOfficer);
    if (!r) return r.error();
    return Ok();
  });
}

// The sessions of this database that are inside a transaction but not running a statement,
// waited for (bounded) to become none: a COMMIT sent without waiting arrives a moment later.
std::vector<std::string> IdleInTransaction(const std::string& url) {
  const std::string sql =
      "SELECT pid::text FROM pg_stat_activity WHERE datname = current_database() AND "
      "application_name = 'highfence' AND state LIKE 'idle in transaction%'";
  std::vector<std::string> pids = testing::RawColumn(url, sql);
  for (int i = 0; i < 100 && !pids.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    pids = testing::RawColumn(url, sql);
  }
  return pids;
}

class PipelinedTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::PostgresServer::Get().ok());
    url_ = testing::PostgresServer::Get().NewDatabase();
    auto db = Database::Open(url_, {.pool_size = 1});  // every transaction on the same connection
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
  }
  // The total of a page read as the first statement of a snapshot transaction (its BEGIN is
  // pipelined with it), or the error.
  Result<int64_t> CountInSnapshot() {
    int64_t total = -1;
    auto read = db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
      auto page = List(tx, "cases", {.tenant_ids = {"inst_tokyo"}, .limit = 10});
      if (!page) return page.error();
      total = page->total;
      return Ok();
    });
    if (!read) return read.error();
    return total;
  }
  int64_t CountCases() {
    auto total = CountInSnapshot();
    EXPECT_TRUE(total) << total.error().ToString();
    return total ? *total : -1;
  }
  std::string url_;
  std::unique_ptr<Database> db_;
};

TEST_F(PipelinedTransactionTest, ASnapshotDoesNotSeeAWriteCommittedDuringIt) {
  ASSERT_TRUE(InsertCase(*db_, "inst_tokyo", "量子センシング"));
  auto other = Database::Open(url_, {.pool_size = 1});
  ASSERT_TRUE(other) << other.error().ToString();
  std::vector<int64_t> seen;
  auto read = db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
    for (int i = 0; i < 2; ++i) {
      auto page = List(tx, "cases", {.tenant_ids = {"inst_tokyo"}, .limit = 10});
      if (!page) return page.error();
      seen.push_back(page->total);
      if (i == 0) {
        if (auto w = InsertCase(**other, "inst_tokyo", "Quantum sensing"); !w) return w.error();
      }
    }
    return Ok();
  });
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 1}));  // REPEATABLE READ from the first statement on
  EXPECT_EQ(CountCases(), 2);                     // and the next transaction sees the write
  EXPECT_TRUE(IdleInTransaction(url_).empty());
}

TEST_F(PipelinedTransactionTest, NoConnectionIsLeftIdleInATransaction) {
  ASSERT_TRUE(InsertCase(*db_, "inst_tokyo", "一件目"));
  EXPECT_EQ(CountCases(), 1);  // a read whose COMMIT was not waited for
  EXPECT_TRUE(IdleInTransaction(url_).empty());
  auto empty = db_->WithSnapshot([](Transaction&) -> Result<void> { return Ok(); });  // sends nothing
  ASSERT_TRUE(empty) << empty.error().ToString();
  ASSERT_TRUE(InsertCase(*db_, "inst_tokyo", "二件目"));  // a write right after on the same connection
  EXPECT_EQ(CountCases(), 2);
  EXPECT_TRUE(IdleInTransaction(url_).empty());
  auto verified = VerifyAudit(*db_);
  ASSERT_TRUE(verified) << verified.error().ToString();
  EXPECT_TRUE(verified->ok);
}

TEST_F(PipelinedTransactionTest, AFailedFirstStatementLeavesTheConnectionUsable) {
  ASSERT_TRUE(InsertCase(*db_, "inst_tokyo", "一件目"));
  EXPECT_EQ(CountCases(), 1);  // the page statement is now prepared on the connection
  // Behind the application's back the table goes away, then comes back with another row type:
  // a transaction whose first statement fails is rolled back, and one whose prepared statement
  // went stale is run again with the statement prepared anew.
  ASSERT_TRUE(testing::RawExec(url_, "ALTER TABLE cases RENAME TO cases_away"));
  auto gone = CountInSnapshot();
  ASSERT_FALSE(gone);
  EXPECT_NE(gone.error().message.find("cases"), std::string::npos) << gone.error().message;
  ASSERT_TRUE(testing::RawExec(url_,
                               "ALTER TABLE cases_away RENAME TO cases; "
                               "ALTER TABLE cases ALTER COLUMN state TYPE varchar(200)"));
  EXPECT_EQ(CountCases(), 1);
  auto second = InsertCase(*db_, "inst_tokyo", "二件目");
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_EQ(CountCases(), 2);
  EXPECT_TRUE(IdleInTransaction(url_).empty());
}

}  // namespace
}  // namespace highfence::storage
