// SPDX-License-Identifier: Apache-2.0
// Opening a SQLite file that is not a whole highfence database: a clear kDataLoss naming the
// path, and the file left byte for byte as it was (opening never "repairs").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/database.h"
#include "storage/records.h"
#include "tests/support/data.h"

namespace highfence::storage {
namespace {

namespace fs = std::filesystem;

// A migrated database with enough rows to span many pages, closed.
fs::path MakeDatabase(const testing::TempDir& dir) {
  const fs::path path = dir.path() / "office.db";
  auto db = Database::Open("sqlite:" + path.string(), {});
  EXPECT_TRUE(db) << db.error().ToString();
  EXPECT_TRUE((*db)->Migrate());
  auto done = (*db)->WithTransaction([&](Transaction& tx) -> Result<void> {
    for (int i = 0; i < 400; ++i) {
      Record r{.table = "people",
               .id = NewId("person"),
               .tenant_id = "inst_tokyo",
               .body = R"({"name":"山田 太郎","name_latin":"Yamada Taro","affiliation":"東京大学 工学系研究科"})",
               .keys = {{"erad_id", std::to_string(10000000 + i)}}};
      auto inserted = Insert(tx, r, Actor{"system:test", ""});
      if (!inserted) return inserted.error();
    }
    return Ok();
  });
  EXPECT_TRUE(done) << done.error().ToString();
  return path;
}

void ExpectDataLossAndUntouched(const fs::path& path, const std::string& expected) {
  const std::string before = testing::ReadFileOrFail(path);
  auto db = Database::Open("sqlite:" + path.string(), {});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kDataLoss) << db.error().ToString();
  EXPECT_NE(db.error().message.find(path.string()), std::string::npos) << db.error().message;
  EXPECT_NE(db.error().message.find(expected), std::string::npos) << db.error().message;
  EXPECT_EQ(testing::ReadFileOrFail(path), before);
  EXPECT_FALSE(fs::exists(path.string() + "-wal"));
}

TEST(SqliteFileTest, ATextFileIsNotADatabase) {
  testing::TempDir dir;
  fs::path path = dir.Write("cases.db", "氏名,所属\n山田 太郎,東京大学\nJohn Smith,MIT\n" + std::string(200, 'x'));
  ExpectDataLossAndUntouched(path, "not a SQLite database");
}

TEST(SqliteFileTest, ATruncatedDatabaseIsDataLoss) {
  testing::TempDir dir;
  fs::path path = MakeDatabase(dir);
  const auto size = fs::file_size(path);
  ASSERT_GT(size, 8 * 4096u);
  fs::resize_file(path, size / 2);
  ExpectDataLossAndUntouched(path, "truncated");
}

TEST(SqliteFileTest, ACorruptPageIsDataLoss) {
  testing::TempDir dir;
  fs::path path = MakeDatabase(dir);
  const auto size = fs::file_size(path);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    // Overwrite the middle page (its b-tree header included) with noise.
    const auto page = (size / 4096 / 2) * 4096;
    f.seekp(static_cast<std::streamoff>(page));
    std::string noise(4096, '\0');
    for (size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 131 + 7) % 251);
    f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  ExpectDataLossAndUntouched(path, "corrupt");
}

TEST(SqliteFileTest, AnEmptyFileBecomesANewDatabase) {
  testing::TempDir dir;
  fs::path path = dir.Write("new.db", "");
  auto db = Database::Open("sqlite:" + path.string(), {});
  ASSERT_TRUE(db) << db.error().ToString();
  auto migrated = (*db)->Migrate();
  ASSERT_TRUE(migrated) << migrated.error().ToString();
  auto status = (*db)->Status();
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(migrated->size(), static_cast<size_t>(status->binary_version));  // every migration, from 0001
}

TEST(SqliteFileTest, UnsupportedUrlsAreInvalidArgument) {
  for (const char* url : {"mysql://localhost/hf", "highfence.db", "sqlite::memory:", "sqlite:"}) {
    auto db = Database::Open(url, {});
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument) << url << ": " << db.error().message;
  }
}

TEST(SqliteFileTest, BackupIsOneSelfContainedFileThatOpens) {
  testing::TempDir dir;
  fs::path path = MakeDatabase(dir);
  auto db = Database::Open("sqlite:" + path.string(), {});
  ASSERT_TRUE(db);
  const fs::path copy = dir.path() / "copy.db";
  ASSERT_TRUE((*db)->Backup(copy));
  EXPECT_FALSE(fs::exists(copy.string() + "-wal"));
  EXPECT_FALSE(fs::exists(copy.string() + ".partial"));
  auto restored = Database::Open("sqlite:" + copy.string(), {});
  ASSERT_TRUE(restored) << restored.error().ToString();
  auto people = List(**restored, "people", {.limit = 1});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, 400);
  // Restoring something that is not a backup changes nothing.
  fs::path junk = dir.Write("junk.db", "not a database at all, 全く違うファイル" + std::string(100, '-'));
  auto bad = (*db)->Restore(junk);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kDataLoss);
  people = List(**db, "people", {.limit = 1});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, 400);
}

}  // namespace
}  // namespace highfence::storage
