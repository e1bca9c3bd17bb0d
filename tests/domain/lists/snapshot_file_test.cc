// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/snapshot_file.h"

#include <gtest/gtest.h>

#include "domain/lists/jp_meti_eul/jp_meti_eul.h"
#include "domain/lists/registry_file.h"
#include "domain/lists/ror/ror.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

namespace fs = std::filesystem;

model::ListSnapshot ImportMeti() {
  auto s = ImportJpMetiEul(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  EXPECT_TRUE(s) << s.error().message;
  s->imported_at = "2026-11-23T00:00:00Z";
  return std::move(*s);
}

void ExpectSameSnapshot(const model::ListSnapshot& a, const model::ListSnapshot& b) {
  EXPECT_EQ(a.list_id, b.list_id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.publisher, b.publisher);
  EXPECT_EQ(a.version_date, b.version_date);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.licence, b.licence);
  EXPECT_EQ(a.source_file, b.source_file);
  EXPECT_EQ(a.source_address, b.source_address);
  EXPECT_EQ(a.imported_at, b.imported_at);
  EXPECT_EQ(a.report.rows_read, b.report.rows_read);
  EXPECT_EQ(a.report.entries, b.report.entries);
  EXPECT_EQ(a.report.names, b.report.names);
  EXPECT_EQ(a.report.rejected_rows, b.report.rejected_rows);
  EXPECT_EQ(a.report.notes, b.report.notes);
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (size_t i = 0; i < a.entries.size(); ++i) EXPECT_EQ(a.entries[i], b.entries[i]) << a.entries[i].entry_id;
}

TEST(SnapshotFileTest, MetiEndUserListSurvivesWriteAndRead) {
  model::ListSnapshot meti = ImportMeti();
  ASSERT_EQ(meti.entries.size(), 835u);
  EXPECT_FALSE(meti.publisher.empty());  // from the catalog
  testing::TempDir dir;
  fs::path file = dir.path() / "lists" / "jp_meti_eul.jsonl";
  ASSERT_TRUE(WriteSnapshot(meti, file));
  EXPECT_FALSE(fs::exists(dir.path() / "lists" / "jp_meti_eul.jsonl.tmp"));
  auto back = ReadSnapshot(file);
  ASSERT_TRUE(back) << back.error().message;
  ExpectSameSnapshot(meti, *back);
  // Japanese stays readable in the file (no \u escapes), and the header line comes first.
  std::string bytes = testing::ReadFileOrFail(file);
  EXPECT_TRUE(bytes.starts_with("{\"format\":\"highfence-list-snapshot\",\"format_version\":1,"));
  EXPECT_NE(bytes.find("外国ユーザーリスト"), std::string::npos);
  auto header = ReadSnapshotHeader(file);
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->report.entries, 835);
  EXPECT_TRUE(header->entries.empty());
}

TEST(SnapshotFileTest, EveryFieldOfAnEntryRoundTrips) {
  model::ListSnapshot s;
  s.list_id = "watch_list";
  s.title = "自機関ウォッチリスト";
  s.report.rejected_rows = {{"own.csv", 7, "name is empty"}};
  s.report.rejected = 1;
  s.report.notes = {"one note"};
  model::ListEntry e;
  e.list_id = "watch_list";
  e.entry_id = "KPe.001";
  e.type = model::EntityType::kPerson;
  e.names = {{"RI Won Ho", "en", "Latn", model::NameKind::kPrimary},
             {"리원호", "ko", "Hang", model::NameKind::kTranslation},
             {"RWH", "", "Latn", model::NameKind::kAcronym},
             {"Old Name", "", "", model::NameKind::kFormer}};
  e.addresses = {{"Pyongyang", "Pyongyang", "KP"}, {"somewhere", "", ""}};
  e.countries = {{"KP", "Democratic People's Republic of Korea"}, {"", "Atlantis"}};
  e.concerns = {{"N", "核兵器 / nuclear weapons"}};
  e.reason = "資産凍結";
  e.programme = "DPRK3";
  e.listed_on = "2016-11-30";
  e.source_address = "https://example.org/list";
  e.remarks = "line one\nline two \"quoted\"";
  e.source_line = 42;
  s.entries.push_back(e);
  s.report.entries = 1;
  s.report.names = 4;
  auto text = FormatSnapshot(s);
  ASSERT_TRUE(text) << text.error().message;
  auto back = ParseSnapshot(*text, "watch_list.jsonl");
  ASSERT_TRUE(back) << back.error().message;
  ExpectSameSnapshot(s, *back);
}

TEST(SnapshotFileTest, CorruptEntryLineIsNamedByFileLineAndField) {
  testing::TempDir dir;
  fs::path file = dir.path() / "jp_meti_eul.jsonl";
  ASSERT_TRUE(WriteSnapshot(ImportMeti(), file));
  std::string bytes = testing::ReadFileOrFail(file);
  // Line 4 (the third entry): its kind becomes a number; line 6 loses its closing brace.
  size_t line4 = 0;
  for (int i = 0; i < 3; ++i) line4 = bytes.find('\n', line4) + 1;
  size_t kind = bytes.find("\"kind\":\"primary\"", line4);
  std::string bad_kind = bytes;
  bad_kind.replace(kind, 16, "\"kind\":7");
  auto r = ParseSnapshot(bad_kind, "jp_meti_eul.jsonl");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("jp_meti_eul.jsonl:4: names[0].kind: expected a string"), std::string::npos)
      << r.error().message;

  std::string broken = bytes;
  size_t end4 = broken.find('\n', line4);
  broken.erase(end4 - 1, 1);
  auto file2 = dir.Write("broken.jsonl", broken);
  auto r2 = ReadSnapshot(file2);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("broken.jsonl:4: line: not valid JSON"), std::string::npos) << r2.error().message;
}

TEST(SnapshotFileTest, TruncatedFileIsDataLossAndOtherFilesAreRefused) {
  testing::TempDir dir;
  fs::path file = dir.path() / "jp_meti_eul.jsonl";
  ASSERT_TRUE(WriteSnapshot(ImportMeti(), file));
  std::string bytes = testing::ReadFileOrFail(file);
  std::string truncated = bytes.substr(0, bytes.rfind('\n', bytes.size() - 2) + 1);
  auto r = ParseSnapshot(truncated, "cut.jsonl");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(r.error().message.find("835"), std::string::npos) << r.error().message;

  auto xlsx = ReadSnapshot(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  ASSERT_FALSE(xlsx);
  EXPECT_NE(xlsx.error().message.find("meti_eul_20250929.xlsx:1"), std::string::npos) << xlsx.error().message;

  auto newer = ParseSnapshot("{\"format\":\"highfence-list-snapshot\",\"format_version\":2}\n", "v2.jsonl");
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kUnimplemented);
  auto missing = ReadSnapshot(dir.path() / "none.jsonl");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(SnapshotFileTest, FailedWriteLeavesTheInstalledFileIntact) {
  testing::TempDir dir;
  fs::path file = dir.path() / "jp_meti_eul.jsonl";
  model::ListSnapshot meti = ImportMeti();
  ASSERT_TRUE(WriteSnapshot(meti, file));
  const std::string installed = testing::ReadFileOrFail(file);

  // Text that is not UTF-8 is refused before anything is written.
  model::ListSnapshot bad = meti;
  bad.entries[10].names[0].text = "\xff\xfe broken";
  auto r = WriteSnapshot(bad, file);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("entry " + bad.entries[10].entry_id), std::string::npos) << r.error().message;
  EXPECT_EQ(testing::ReadFileOrFail(file), installed);

  // The temporary file cannot be created (a directory is in the way): the write fails.
  meti.entries.pop_back();
  fs::create_directory(dir.path() / "jp_meti_eul.jsonl.tmp");
  auto r2 = WriteSnapshot(meti, file);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r2.error().message.find("jp_meti_eul.jsonl.tmp"), std::string::npos) << r2.error().message;
  EXPECT_EQ(testing::ReadFileOrFail(file), installed);
  auto back = ReadSnapshot(file);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->entries.size(), 835u);
}

TEST(RegistryFileTest, RorRegistryKeepsNamesCountryAndParentChildRelations) {
  auto ror = ImportRor(testing::SharedData("registry/ror_records_v2.jsonl.gz"));
  ASSERT_TRUE(ror) << ror.error().message;
  testing::TempDir dir;
  fs::path file = dir.path() / "ror.jsonl.gz";
  ASSERT_TRUE(WriteRegistry(*ror, file));
  EXPECT_LT(fs::file_size(file), 10u << 20);
  auto back = ReadRegistry(file);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->registry_id, "ror");
  EXPECT_EQ(back->version_date, ror->version_date);
  EXPECT_EQ(back->content_hash, ror->content_hash);
  ASSERT_EQ(back->records.size(), ror->records.size());
  for (size_t i = 0; i < ror->records.size(); i += 97) {
    const model::OrgRecord& a = ror->records[i];
    const model::OrgRecord& b = back->records[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.names, b.names) << a.id;
    EXPECT_EQ(a.country_code, b.country_code);
    EXPECT_EQ(a.city, b.city);
    size_t family = 0;
    for (const auto& rel : a.relationships) family += rel.type == "parent" || rel.type == "child";
    EXPECT_EQ(b.relationships.size(), family) << a.id;
  }
  const model::OrgRecord* tohoku = nullptr;
  for (const auto& o : back->records) {
    if (o.id == "https://ror.org/01dq60k83") tohoku = &o;
  }
  ASSERT_NE(tohoku, nullptr);
  EXPECT_EQ(tohoku->names[1].text, "東北大学");
  EXPECT_EQ(tohoku->names[1].language, "ja");
  EXPECT_EQ(tohoku->relationships[0].type, "child");
}

}  // namespace
}  // namespace highfence::lists
