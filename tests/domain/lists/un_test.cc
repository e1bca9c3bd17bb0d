// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/un/un.h"

#include <gtest/gtest.h>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

const model::ListSnapshot& Un() {
  static const model::ListSnapshot snapshot = [] {
    auto s = ImportUn(testing::SharedData("lists/un/un_consolidated_20260227.xml"));
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? *s : model::ListSnapshot{};
  }();
  return snapshot;
}

TEST(UnTest, Imports730IndividualsAnd273Entities) {
  const model::ListSnapshot& s = Un();
  EXPECT_EQ(s.version_date, "2026-02-27");
  EXPECT_EQ(s.entries.size(), 1003u);
  int people = 0, aliases = 0;
  for (const model::ListEntry& e : s.entries) {
    people += e.type == model::EntityType::kPerson;
    for (const model::Name& n : e.names) aliases += n.kind != NameKind::kPrimary && n.kind != NameKind::kTranslation;
  }
  EXPECT_EQ(people, 730);
  EXPECT_GE(aliases, 2700);  // 2,752 non-empty ALIAS_NAME elements, a few repeating a name
}

TEST(UnTest, PinsKomidWithAliasesAndAddress) {
  const model::ListEntry* e = Un().Find("KPe.001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, model::EntityType::kOrganisation);
  EXPECT_EQ(e->names[0].text, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
  EXPECT_TRUE(HasName(*e, "CHANGGWANG SINYONG CORPORATION", NameKind::kAlias));
  EXPECT_TRUE(HasName(*e, "KOMID", NameKind::kAcronym));  // printed with quotes
  EXPECT_EQ(e->programme, "DPRK");
  EXPECT_EQ(e->listed_on, "2009-04-24");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].city, "Pyongyang");
  EXPECT_EQ(e->addresses[0].country_code, "KP");
  EXPECT_GT(e->source_line, 40000);
}

TEST(UnTest, PinsAnIndividualWithOriginalScriptName) {
  const model::ListEntry* e = Un().Find("QDi.001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, model::EntityType::kPerson);
  const model::Name* arabic = test::FindName(*e, "محمد صلاح الدين عبدالحليم زيدان");
  ASSERT_NE(arabic, nullptr);
  EXPECT_EQ(arabic->script, "Arab");
  EXPECT_EQ(arabic->kind, NameKind::kTranslation);
  EXPECT_TRUE(HasName(*e, "Saif Al-'Adil", NameKind::kAlias));
  EXPECT_TRUE(test::HasCountry(*e, "EG"));
}

TEST(UnTest, TruncatedXmlIsDataLossAndOtherXmlIsInvalid) {
  std::string bytes = testing::ReadFileOrFail(testing::SharedData("lists/un/un_consolidated_20260227.xml"));
  auto cut = ParseUn(std::string_view(bytes).substr(0, 5000), "un.xml");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(cut.error().message.find("un.xml: malformed XML"), std::string::npos);
  auto other = ParseUn("<?xml version=\"1.0\"?><sdnList/>", "sdn.xml");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  auto zip = ImportUn(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  ASSERT_FALSE(zip);
  EXPECT_EQ(zip.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(zip.error().message.find("meti_eul_20250929.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
