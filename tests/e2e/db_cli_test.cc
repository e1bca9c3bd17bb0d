// SPDX-License-Identifier: Apache-2.0
// End-to-end: `highfence db migrate|status|backup|restore` and `highfence audit verify|export`
// as a black box on a SQLite store. The records are written through storage/ (the case verbs
// come later); tampering goes behind the application's back with the sqlite3 C API.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "storage/database.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
#include "tests/support/cli.h"
#include "tests/support/data.h"

namespace highfence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandRun;
using testing::Highfence;
using testing::Quote;

// Writes n people (insert + update each) through the store. Returns the number of audit records.
int WritePeople(const std::string& url, int n) {
  auto db = storage::Database::Open(url, {});
  EXPECT_TRUE(db) << db.error().ToString();
  if (!db) return 0;
  const storage::Actor actor{"user_officer_kato", "cli-e2e"};
  for (int i = 0; i < n; ++i) {
    auto done = (*db)->WithTransaction([&](storage::Transaction& tx) -> Result<void> {
      storage::Record r{
          .table = "people",
          .id = storage::NewId("person"),
          .tenant_id = "inst_nagoya",
          .body = json{{"name", "鈴木 花子 " + std::to_string(i)}, {"orcid", "0000-0002-1825-0097"}}.dump(),
          .keys = {{"orcid", "0000-0002-1825-0097"}}};
      auto inserted = storage::Insert(tx, r, actor);
      if (!inserted) return inserted.error();
      storage::Record next = *inserted;
      next.body = json{{"name", "Hanako Suzuki " + std::to_string(i)}}.dump();
      auto updated = storage::Update(tx, next, 1, actor);
      if (!updated) return updated.error();
      return Ok();
    });
    EXPECT_TRUE(done) << done.error().ToString();
  }
  return 2 * n;
}

class DbCliTest : public ::testing::Test {
 protected:
  std::string Db() const { return " --db " + Quote(url_); }
  testing::TempDir dir_;
  std::string url_ = "sqlite:" + (dir_.path() / "office.db").string();
};

TEST_F(DbCliTest, StatusThenMigrateThenStatusAgain) {
  CommandRun before_js = Highfence("db status --format json" + Db());
  ASSERT_EQ(before_js.status, 0) << before_js.out;
  const int n = json::parse(before_js.out)["binary_version"].get<int>();  // migrations in this binary
  ASSERT_GE(n, 1);
  CommandRun before = Highfence("db status" + Db());
  ASSERT_EQ(before.status, 0) << before.out;
  const std::string pending =
      "schema: version 0 of " + std::to_string(n) + " (" + std::to_string(n) + " pending: run `highfence db migrate`)";
  EXPECT_NE(before.out.find(pending), std::string::npos) << before.out;
  CommandRun migrate = Highfence("db migrate" + Db());
  ASSERT_EQ(migrate.status, 0) << migrate.out;
  EXPECT_NE(migrate.out.find("applied 0001_create_case_tables"), std::string::npos) << migrate.out;
  EXPECT_NE(migrate.out.find("applied 0003_create_accounts"), std::string::npos) << migrate.out;
  CommandRun again = Highfence("db" + Db() + " migrate");  // --db before the verb works too
  ASSERT_EQ(again.status, 0) << again.out;
  EXPECT_NE(again.out.find("schema is up to date (version " + std::to_string(n) + ")"), std::string::npos) << again.out;
  CommandRun js = Highfence("db status --format json" + Db());
  ASSERT_EQ(js.status, 0) << js.out;
  json j = json::parse(js.out);
  EXPECT_EQ(j["backend"], "sqlite");
  EXPECT_EQ(j["database_version"], n);
  EXPECT_EQ(j["pending"], 0);
  EXPECT_EQ(j["migrations"][0]["name"], "create_case_tables");
  EXPECT_TRUE(j["migrations"][0]["applied"].get<bool>());
}

TEST_F(DbCliTest, TheDatabaseComesFromHighfenceDbWhenNoFlagIsGiven) {
  ::setenv("HIGHFENCE_DB", url_.c_str(), 1);
  CommandRun migrate = Highfence("db migrate");
  ::unsetenv("HIGHFENCE_DB");
  ASSERT_EQ(migrate.status, 0) << migrate.out;
  EXPECT_NE(migrate.out.find(url_ + ": applied 0001_create_case_tables"), std::string::npos) << migrate.out;
  EXPECT_TRUE(fs::exists(dir_.path() / "office.db"));
}

TEST_F(DbCliTest, VerifyPassesThenNamesTheFirstBrokenSeqAfterTampering) {
  ASSERT_EQ(Highfence("db migrate" + Db()).status, 0);
  const int records = WritePeople(url_, 5);
  CommandRun ok = Highfence("audit verify" + Db());
  ASSERT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("audit chain intact: " + std::to_string(records) + " records, 5 rows checked"),
            std::string::npos)
      << ok.out;

  ASSERT_TRUE(testing::RawExec(url_, "UPDATE audit_log SET actor = 'user_mallory' WHERE seq = 4"));
  CommandRun broken = Highfence("audit verify" + Db());
  EXPECT_EQ(broken.status, 1) << broken.out;
  EXPECT_NE(broken.out.find("audit chain BROKEN at seq 4: seq 4: hash does not match its fields"), std::string::npos)
      << broken.out;
  CommandRun js = Highfence("audit verify --format json" + Db());
  EXPECT_EQ(js.status, 1) << js.out;
  json j = json::parse(js.out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["first_broken_seq"], 4);
  EXPECT_EQ(j["records_checked"], 4);
}

TEST_F(DbCliTest, ExportWritesOneJsonLinePerAuditRecord) {
  ASSERT_EQ(Highfence("db migrate" + Db()).status, 0);
  const int records = WritePeople(url_, 3);
  const fs::path out = dir_.path() / "audit.jsonl";
  CommandRun run = Highfence("audit export --out " + Quote(out.string()) + Db(), /*merge_stderr=*/true);
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find(std::to_string(records) + " audit records written to " + out.string()), std::string::npos)
      << run.out;
  std::istringstream lines(testing::ReadFileOrFail(out));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line);
    EXPECT_EQ(j["seq"], ++n);
    EXPECT_EQ(j["actor"], "user_officer_kato");
    EXPECT_EQ(j["object_kind"], "people");
  }
  EXPECT_EQ(n, records);
  CommandRun stdout_run = Highfence("audit export" + Db());
  ASSERT_EQ(stdout_run.status, 0);
  EXPECT_EQ(stdout_run.out, testing::ReadFileOrFail(out));
}

TEST_F(DbCliTest, BackupThenRestoreBringsBackTheBackedUpState) {
  ASSERT_EQ(Highfence("db migrate" + Db()).status, 0);
  WritePeople(url_, 4);
  const fs::path backup = dir_.path() / "office-2026-11-30.db";
  CommandRun b = Highfence("db backup " + Quote(backup.string()) + Db());
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("backup written to " + backup.string()), std::string::npos) << b.out;
  CommandRun twice = Highfence("db backup " + Quote(backup.string()) + Db(), true);
  EXPECT_EQ(twice.status, 2) << twice.out;
  EXPECT_NE(twice.out.find("already exists"), std::string::npos) << twice.out;

  WritePeople(url_, 2);
  CommandRun r = Highfence("db restore " + Quote(backup.string()) + Db());
  ASSERT_EQ(r.status, 0) << r.out;
  CommandRun verify = Highfence("audit verify" + Db());
  ASSERT_EQ(verify.status, 0) << verify.out;
  EXPECT_NE(verify.out.find("8 records, 4 rows checked"), std::string::npos) << verify.out;
}

TEST_F(DbCliTest, ACorruptFileIsReportedAndLeftAlone) {
  const fs::path file =
      dir_.Write("office.db", "これはデータベースではありません — not a database" + std::string(120, '.'));
  const std::string before = testing::ReadFileOrFail(file);
  CommandRun run = Highfence("audit verify" + Db(), true);
  EXPECT_EQ(run.status, 2) << run.out;
  EXPECT_NE(run.out.find("highfence: " + url_ + ": not a SQLite database"), std::string::npos) << run.out;
  EXPECT_EQ(testing::ReadFileOrFail(file), before);
}

}  // namespace
}  // namespace highfence
