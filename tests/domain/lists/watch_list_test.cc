// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/watch_list/watch_list.h"

#include <gtest/gtest.h>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;

TEST(WatchListTest, ReadsTheDocumentedExample) {
  auto s = ImportWatchList(testing::RepoPath("docs/formats/watch_list_example.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->list_id, "watch_list");
  EXPECT_EQ(s->entries.size(), 3u);
  EXPECT_EQ(s->report.rejected, 0);
  const model::ListEntry* e = s->Find("WL-0001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].text, "Harbin Engineering University");
  const model::Name* ja = test::FindName(*e, "哈爾浜工程大学");
  ASSERT_NE(ja, nullptr);
  EXPECT_EQ(ja->language, "ja");
  EXPECT_EQ(ja->kind, NameKind::kTranslation);
  EXPECT_TRUE(test::HasName(*e, "哈尔滨工程大学", NameKind::kTranslation));
  EXPECT_TRUE(test::HasName(*e, "HEU", NameKind::kAcronym));
  EXPECT_EQ(e->countries.at(0).code, "CN");
  EXPECT_EQ(e->listed_on, "2025-04-01");
  const model::ListEntry* p = s->Find("WL-0003");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type, model::EntityType::kPerson);
}

TEST(WatchListTest, BadRowsAreRejectedWithTheirLines) {
  std::string csv =
      "id,type,name,country,listed_on\n"
      "A1,organisation,Good Institute,CN,2025-01-01\n"
      ",organisation,No Id,CN,\n"
      "A3,company,Bad Type,CN,\n"
      "A4,organisation,Bad Date,CN,01/02/2025\n"
      "A5,organisation,Bad Country,Atlantis,\n"
      "A1,organisation,Duplicate,CN,\n"
      "\"A7,organisation,unterminated\n";
  auto s = ParseWatchList(csv, "watch.csv");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 1u);
  ASSERT_EQ(s->report.rejected, 6);
  std::vector<std::string> where;
  for (const model::RejectedRow& r : s->report.rejected_rows) where.push_back(r.Where());
  EXPECT_EQ(where, (std::vector<std::string>{"watch.csv:8", "watch.csv:3", "watch.csv:4", "watch.csv:5", "watch.csv:6",
                                             "watch.csv:7"}));
}

TEST(WatchListTest, SpreadsheetInsteadOfCsvIsAnErrorNamingTheFile) {
  auto s = ImportWatchList(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("meti_eul_20250929.xlsx: not a CSV file"), std::string::npos);
  auto dir = ImportWatchList(testing::RepoPath("docs/formats"));
  ASSERT_FALSE(dir);
  EXPECT_NE(dir.error().message.find("is a directory"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
