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

TEST(JpMofAssetFreezeTest, AliasLabelsAreNeverNames) {
  // The import of 2026-11-23 kept the labels of alias cells as names: 251 × "別称", 8 × "旧称",
  // 7 × "a.k.a." (each matched every other at 1.0), and "(a.k.a. A, a.k.a. B, …)" lines as
  // one long alias. Labels now set the kind of the names after them.
  for (const model::ListEntry& e : Mof().entries) {
    for (const model::Name& n : e.names) {
      for (std::string_view label : {"別称", "旧称", "a.k.a", "f.k.a"}) {
        EXPECT_EQ(n.text.find(label), std::string::npos) << e.entry_id << ": " << n.text;
      }
    }
  }
  // 27-17: "（別称、X、Y…）" then "（a.k.a. A, a.k.a. B, …）".
  const model::ListEntry* crimea = Mof().Find("27-17");
  ASSERT_NE(crimea, nullptr);
  EXPECT_TRUE(HasName(*crimea, "クリムパトリオットセンター", NameKind::kAlias));
  EXPECT_TRUE(HasName(*crimea, "KrymPatriotTsentr", NameKind::kAlias));
  EXPECT_TRUE(HasName(*crimea, "Crimea Patriot Centre", NameKind::kAlias));
  // 28-17: "（旧称、X、別称、Y…）" and "(f.k.a. A; a.k.a. B; …)": former names stay former.
  const model::ListEntry* temp = Mof().Find("28-17");
  ASSERT_NE(temp, nullptr);
  EXPECT_TRUE(HasName(*temp, "公開株式会社アルザマス試験設計局テンプ", NameKind::kFormer));
  EXPECT_TRUE(HasName(*temp, "公共株式会社テンプ・アヴィア", NameKind::kAlias));
  EXPECT_TRUE(HasName(*temp, "OJSC Arzamasskoye Opytno Konstruktorskoye Byuro Temp", NameKind::kFormer));
  EXPECT_TRUE(HasName(*temp, "Temp-Avia PAO", NameKind::kAlias));
  // 2-182: "(a.k.a. (a) A (b) B …)"; its Arabic name ended in a stray "）".
  const model::ListEntry* tariq = Mof().Find("2-182");
  ASSERT_NE(tariq, nullptr);
  EXPECT_TRUE(HasName(*tariq, "Hamdi Ahmad Farag", NameKind::kAlias));
  EXPECT_TRUE(HasName(*tariq, "طاريق أنور السيد احمد", NameKind::kTranslation));
  // 28-293: "PJSC Alrosa a.k.a. Alrosa Group" is two names.
  const model::ListEntry* alrosa = Mof().Find("28-293");
  ASSERT_NE(alrosa, nullptr);
  EXPECT_TRUE(HasName(*alrosa, "PJSC Alrosa", NameKind::kAlias));
  EXPECT_TRUE(HasName(*alrosa, "Alrosa Group", NameKind::kAlias));
  // 29-705: a former name in a bracketed note of the name columns.
  const model::ListEntry* moskalkova = Mof().Find("29-705");
  ASSERT_NE(moskalkova, nullptr);
  EXPECT_EQ(moskalkova->names[0].text, "Tatyana (Tatiana) Moskalkova");
  EXPECT_TRUE(HasName(*moskalkova, "Nosenko", NameKind::kFormer));
  EXPECT_TRUE(HasName(*moskalkova, "ノセンコ", NameKind::kFormer));
}

TEST(JpMofAssetFreezeTest, OtherWorkbookIsInvalidArgument) {
  auto s = ImportJpMofAssetFreeze(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("meti_eul_20250929.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
