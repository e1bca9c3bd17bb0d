// SPDX-License-Identifier: Apache-2.0
// Tests of the Canadian NRO list and the ASPI tracker (research-organisation lists).
#include <gtest/gtest.h>

#include <map>

#include "domain/lists/aspi_unitracker/aspi_unitracker.h"
#include "domain/lists/ca_nro/ca_nro.h"
#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

TEST(CaNroTest, Imports103OrganisationsWithCountries) {
  auto s = ImportCaNro(testing::SharedData("lists/ca_nro/named_research_organizations_20240418.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 103u);
  EXPECT_EQ(s->version_date, "2024-04-18");
  std::map<std::string, int> countries;
  int with_aliases = 0;
  for (const model::ListEntry& e : s->entries) {
    countries[e.countries.at(0).code]++;
    with_aliases += e.names.size() > 1;
  }
  EXPECT_EQ(countries["CN"], 85);  // "People’s Republic of China" with a curly apostrophe
  EXPECT_EQ(countries["IR"], 12);
  EXPECT_EQ(countries["RU"], 6);
  EXPECT_GE(with_aliases, 94);
  const model::ListEntry* amms = s->Find("academy-of-military-medical-sciences");
  ASSERT_NE(amms, nullptr);
  EXPECT_TRUE(HasName(*amms, "AMMS", NameKind::kAcronym));
}

TEST(CaNroTest, MissingColumnIsAnErrorNamingTheFile) {
  auto s = ParseCaNro("organisation,land\nX,Y\n", "nro.csv");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("nro.csv:1"), std::string::npos);
}

TEST(AspiUnitrackerTest, Imports159InstitutionsWithChineseNamesAndCategories) {
  auto s =
      ImportAspiUnitracker(testing::SharedData("lists/aspi_unitracker/misp_china_defence_universities_20200822.json"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 159u);
  EXPECT_EQ(s->version_date, "2020-08-22");
  std::map<std::string, int> categories;
  for (const model::ListEntry& e : s->entries) {
    for (const model::Concern& c : e.concerns) categories[c.code]++;
  }
  EXPECT_EQ(categories["Civilian"], 80);
  EXPECT_EQ(categories["Military"], 52);
  EXPECT_EQ(categories["Defence industry conglomerate"], 12);
  EXPECT_EQ(categories["Security"], 8);
  EXPECT_EQ(categories["Seven sons of national defence"], 7);

  const model::ListEntry* hit = s->Find("harbin-institute-of-technology");
  ASSERT_NE(hit, nullptr);
  const model::Name* zh = test::FindName(*hit, "哈尔滨工业大学");
  ASSERT_NE(zh, nullptr);
  EXPECT_EQ(zh->kind, NameKind::kTranslation);
  EXPECT_EQ(zh->language, "zh");
  EXPECT_TRUE(HasName(*hit, "HIT", NameKind::kAcronym));
  EXPECT_TRUE(test::HasConcern(*hit, "Seven sons of national defence"));

  const model::ListEntry* ams = s->Find("academy-of-military-science");
  ASSERT_NE(ams, nullptr);
  EXPECT_TRUE(HasName(*ams, "中国人民解放军军事科学院", NameKind::kTranslation));
  EXPECT_EQ(ams->addresses.at(0).text, "China, Beijing, Haidian, 香山路73号");
}

TEST(AspiUnitrackerTest, NotAGalaxyClusterIsAnError) {
  auto s = ParseAspiUnitracker(R"({"entries": []})", "cluster.json");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("cluster.json"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
