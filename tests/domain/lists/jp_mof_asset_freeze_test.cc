// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/jp_mof_asset_freeze/jp_mof_asset_freeze.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

const model::ListSnapshot& Mof() {
  static const model::ListSnapshot snapshot = [] {
    auto s = ImportJpMofAssetFreeze(testing::SharedData("lists/jp_mof_asset_freeze/shisantouketsu20260305.xlsx"));
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? *s : model::ListSnapshot{};
  }();
  return snapshot;
}

TEST(JpMofAssetFreezeTest, ReadsEveryProgrammeSheet) {
  const model::ListSnapshot& s = Mof();
  EXPECT_EQ(s.version_date, "2026-03-05");
  // 3,461 rows carry a 告示番号 (SOURCES.md estimated ≈3,120 from a coarser count); 598 of them
  // are 削除 (deleted) numbers, one prints no name, 2,862 are live designations.
  EXPECT_EQ(s.report.rows_read, 3461);
  EXPECT_EQ(s.entries.size(), 2862u);
  ASSERT_EQ(s.report.rejected, 1);
  EXPECT_EQ(s.report.rejected_rows[0].Where(), "shisantouketsu20260305.xlsx:276");
  std::map<std::string, int> by_programme;
  for (const model::ListEntry& e : s.entries) ++by_programme[e.programme];
  EXPECT_GT(by_programme["ロシア連邦(個人)"], 700);
  EXPECT_GT(by_programme["ロシア連邦(団体(特定銀行を除く))"], 350);
}

TEST(JpMofAssetFreezeTest, PinsKomidWithJapaneseAndEnglishNames) {
  const model::ListEntry* e = Mof().Find("14-*1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, model::EntityType::kOrganisation);
  EXPECT_EQ(e->programme, "北朝鮮(決議1718号等；団体)");
  EXPECT_TRUE(HasName(*e, "KOMID", NameKind::kAcronym));
  const model::Name* ja = test::FindName(*e, "コリア・マイニング・デベロップメント・トレーディング・コーポレーション");
  ASSERT_NE(ja, nullptr);
  EXPECT_EQ(ja->language, "ja");
  EXPECT_EQ(ja->kind, NameKind::kTranslation);
  EXPECT_TRUE(HasName(*e, "チャングァン・シンヨン・コーポレーション", NameKind::kAlias));
  // The English aliases are printed on one line joined with ", ", one per Japanese alias.
  EXPECT_TRUE(HasName(*e, "Changgwang Sinyong Corporation", NameKind::kAlias));
  EXPECT_TRUE(HasName(*e, "North Korean Mining Development Trading Corporation", NameKind::kAlias));
  EXPECT_EQ(e->listed_on, "2009-05-22");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].text, "北朝鮮平壌特別市中区域");
}

TEST(JpMofAssetFreezeTest, PinsAPersonWithAliasesInBothScripts) {
  const model::ListEntry* e = Mof().Find("9-2");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, model::EntityType::kPerson);
  EXPECT_EQ(e->names[0].text, "FRANK KAKOLELE BWAMBALE");
  EXPECT_TRUE(HasName(*e, "フランク・カコレレ・ブワンバレ", NameKind::kTranslation));
  EXPECT_TRUE(HasName(*e, "FRANK KAKORERE", NameKind::kAlias));
  EXPECT_TRUE(HasName(*e, "フランク・カコレレ", NameKind::kAlias));
  EXPECT_TRUE(test::HasCountry(*e, "CD"));
}

TEST(JpMofAssetFreezeTest, OtherWorkbookIsInvalidArgument) {
  auto s = ImportJpMofAssetFreeze(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("meti_eul_20250929.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
