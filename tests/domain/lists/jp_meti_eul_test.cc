// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/jp_meti_eul/jp_meti_eul.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasConcern;
using test::HasName;

const model::ListSnapshot& Meti() {
  static const model::ListSnapshot snapshot = [] {
    auto s = ImportJpMetiEul(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? *s : model::ListSnapshot{};
  }();
  return snapshot;
}

TEST(JpMetiEulTest, ImportsAll835EntriesWithProvenance) {
  const model::ListSnapshot& s = Meti();
  EXPECT_EQ(s.list_id, "jp_meti_eul");
  EXPECT_EQ(s.entries.size(), 835u);
  EXPECT_EQ(s.report.rows_read, 835);
  EXPECT_EQ(s.report.rejected, 0);
  EXPECT_EQ(s.version_date, "2025-09-29");
  EXPECT_EQ(s.source_file, "meti_eul_20250929.xlsx");
  EXPECT_EQ(s.content_hash.rfind("sha256:", 0), 0u);
  EXPECT_EQ(s.content_hash.size(), 7u + 64u);
  EXPECT_EQ(s.entries.front().entry_id, "1");
  EXPECT_EQ(s.entries.back().entry_id, "835");
}

TEST(JpMetiEulTest, CountsMatchSourcesMd) {
  std::map<std::string, int> concerns, countries;
  int aliases = 0;
  for (const model::ListEntry& e : Meti().entries) {
    for (const model::Concern& c : e.concerns) ++concerns[c.code];
    ++countries[e.countries.at(0).code];
    aliases += test::CountKind(e, NameKind::kAlias) + test::CountKind(e, NameKind::kAcronym);
  }
  // SOURCES.md: M 610, N 465, C 233, B 218; 240 CW, counted on the CSV conversion's codes.
  // Six cells print "ミサイルM" on one line, which the conversion left without codes; reading the
  // words and the codes gives M 616 (verified independently on the CSV's wmd_type_ja column).
  EXPECT_EQ(concerns["M"], 616);
  EXPECT_EQ(concerns["N"], 465);
  EXPECT_EQ(concerns["C"], 233);
  EXPECT_EQ(concerns["B"], 218);
  EXPECT_EQ(concerns["CW"], 240);
  EXPECT_EQ(countries["IR"], 257);
  EXPECT_EQ(countries["KP"], 154);
  EXPECT_EQ(countries["CN"], 127);
  EXPECT_EQ(countries["PK"], 103);
  EXPECT_EQ(countries["RU"], 100);
  EXPECT_EQ(countries["AE"], 29);
  EXPECT_EQ(countries["HK"], 22);
  EXPECT_EQ(countries[""], 0);
  EXPECT_GE(aliases, 1469);  // 1,469 bulleted aliases plus acronyms split from names
}

TEST(JpMetiEulTest, PinsAlQaidaWithItsEightAliasesAndAllConcerns) {
  const model::ListEntry* e = Meti().Find("1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].text, "Al Qa'ida/Islamic Army");
  EXPECT_EQ(e->names[0].language, "en");
  EXPECT_EQ(test::CountKind(*e, NameKind::kAlias), 8);
  EXPECT_TRUE(HasName(*e, "Usama Bin Laden Organisation", NameKind::kAlias));
  EXPECT_EQ(e->countries[0].code, "AF");
  EXPECT_NE(e->countries[0].name.find("アフガニスタン"), std::string::npos);
  EXPECT_NE(e->countries[0].name.find("Islamic Republic of Afghanistan"), std::string::npos);
  for (const char* code : {"B", "C", "M", "N", "CW"}) EXPECT_TRUE(HasConcern(*e, code)) << code;
  EXPECT_EQ(e->concerns[2].label, "ミサイル / missiles");
}

TEST(JpMetiEulTest, SecondLineOriginalBecomesChineseOrJapaneseTranslation) {
  const model::ListEntry* cn = Meti().Find("500");
  ASSERT_NE(cn, nullptr);
  EXPECT_EQ(cn->names[0].text, "Beijing UniStrong Science & Technology Co., Ltd.");
  const model::Name* zh = test::FindName(*cn, "北京合衆思壯科技股份有限公司");
  ASSERT_NE(zh, nullptr);
  EXPECT_EQ(zh->kind, NameKind::kTranslation);
  EXPECT_EQ(zh->language, "zh");
  EXPECT_EQ(zh->script, "Hani");
  EXPECT_EQ(cn->countries[0].code, "CN");

  const model::ListEntry* kp = Meti().Find("299");
  ASSERT_NE(kp, nullptr);
  EXPECT_EQ(kp->names[0].text, "Academy of National Defense Science");
  EXPECT_TRUE(HasName(*kp, "国防科学院", NameKind::kTranslation));
  EXPECT_EQ(kp->countries[0].code, "KP");
}

TEST(JpMetiEulTest, ToleratesPrintedConcernInconsistencies) {
  // No. 102 prints "ミサイルM" on one line; No. 658 prints "核" and a full-width "Ｎ".
  const model::ListEntry* e102 = Meti().Find("102");
  ASSERT_NE(e102, nullptr);
  EXPECT_TRUE(HasConcern(*e102, "M"));
  EXPECT_EQ(e102->concerns.size(), 1u);
  const model::ListEntry* e658 = Meti().Find("658");
  ASSERT_NE(e658, nullptr);
  EXPECT_TRUE(HasConcern(*e658, "N"));
  // No. 312 has only the conventional-weapons flag.
  const model::ListEntry* e312 = Meti().Find("312");
  ASSERT_NE(e312, nullptr);
  ASSERT_EQ(e312->concerns.size(), 1u);
  EXPECT_EQ(e312->concerns[0].code, "CW");
  EXPECT_TRUE(HasName(*e312, "BUREAU 53", NameKind::kAlias));
}

TEST(JpMetiEulTest, HandMadeWorkbookRejectsARowWithoutNumberNamingItsRow) {
  // The fuzz seed: METI's layout with its printed quirks and one bad row (No. "x", no name).
  auto s = ImportJpMetiEul(testing::RepoPath("tests/fuzz/corpus/jp_meti_eul/meti_small.xlsx"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 3u);
  ASSERT_EQ(s->report.rejected, 1);
  EXPECT_EQ(s->report.rejected_rows[0].Where(), "meti_small.xlsx:5");
  EXPECT_NE(s->report.rejected_rows[0].reason.find("not a number"), std::string::npos);
  const model::ListEntry* kp = s->Find("3");
  ASSERT_NE(kp, nullptr);
  EXPECT_TRUE(HasConcern(*kp, "N"));
  EXPECT_TRUE(HasConcern(*kp, "CW"));
  EXPECT_TRUE(HasName(*kp, "NDS", NameKind::kAcronym));
}

TEST(JpMetiEulTest, TruncatedWorkbookIsDataLossNamingTheFile) {
  std::string bytes = testing::ReadFileOrFail(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  auto s = ParseJpMetiEul(std::string_view(bytes).substr(0, 40000), "meti_eul_20250929.xlsx");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(s.error().message.find("meti_eul_20250929.xlsx"), std::string::npos);
}

TEST(JpMetiEulTest, WrongFileTypeIsInvalidArgumentNamingTheFile) {
  // The CSV conversion is not the published format.
  auto csv = ImportJpMetiEul(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.csv"));
  ASSERT_FALSE(csv);
  EXPECT_EQ(csv.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(csv.error().message.find("meti_eul_20250929.csv"), std::string::npos);
  // Another workbook (MOF's) is an xlsx but not this list.
  auto mof = ImportJpMetiEul(testing::SharedData("lists/jp_mof_asset_freeze/shisantouketsu20260305.xlsx"));
  ASSERT_FALSE(mof);
  EXPECT_EQ(mof.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(mof.error().message.find("not the METI End User List"), std::string::npos);
  auto missing = ImportJpMetiEul("/nonexistent/meti.xlsx");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace highfence::lists
