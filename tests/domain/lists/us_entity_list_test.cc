// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_entity_list/us_entity_list.h"

#include <gtest/gtest.h>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

const model::ListSnapshot& El() {
  static const model::ListSnapshot snapshot = [] {
    auto s = ImportUsEntityList(
        testing::SharedData("lists/us_entity_list_cn_research/entity_list_cn_research_bis_text.json"));
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? *s : model::ListSnapshot{};
  }();
  return snapshot;
}

TEST(UsEntityListTest, Imports60EntriesAndNotesPrintedAliasCountMismatches) {
  const model::ListSnapshot& s = El();
  EXPECT_EQ(s.entries.size(), 60u);
  EXPECT_EQ(s.report.rejected, 0);
  EXPECT_EQ(s.version_date, "2026-03-30");
  // CAEP prints "seventeen" but lists 16; Tianjin prints "thirteen" but lists 14; CASIC Second
  // Academy's subordinate institutions carry aliases of their own.
  EXPECT_EQ(s.report.notes.size(), 3u);
}

TEST(UsEntityListTest, PinsAmmsWithItsOneAliasAndAddress) {
  const model::ListEntry* e = El().Find("academy-of-military-medical-sciences");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names.size(), 2u);
  EXPECT_TRUE(HasName(*e, "AMMS", NameKind::kAcronym));
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].text, "27 Taiping Road, Haidian District, Beijing, 100850, China");
  EXPECT_EQ(e->addresses[0].country_code, "CN");
  EXPECT_TRUE(test::HasCountry(*e, "CN"));
}

TEST(UsEntityListTest, PinsBeijingInstituteOfTechnologyWithNineAliasesAndTenAddresses) {
  const model::ListEntry* e = El().Find("beijing-institute-of-technology");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(test::CountKind(*e, NameKind::kAlias), 9);
  EXPECT_TRUE(HasName(*e, "Beijing Institute of Technology, Tangshan Research Institute", NameKind::kAlias));
  ASSERT_EQ(e->addresses.size(), 10u);
  EXPECT_EQ(e->addresses[0].text, "No. 5 South Zhongguancun Street, Haidian District, Beijing, China");
  EXPECT_EQ(e->addresses[9].text, "No. 3266 Furong Road, Lige Square, Changqing District, Jinan City, China");
}

TEST(UsEntityListTest, ParsesAliasTextAsPrinted) {
  EntityListText t = ParseEntityListText(
      "Beijing Academy of Quantum Information Sciences",
      "Beijing Academy of Quantum Information Sciences, a.k.a., the following three aliases: —BAQIS; —Beijing "
      "Institute of Quantum Information Science; and —Beijing Quantum Institute. Building 3, West District, No. 10 "
      "Northwest Wangdong Road, Haidian District, Beijing, China; and Building A, International and Regional "
      "Collaborative Innovation Center, Zhongguancun Software Park Phase II, Haidian District, Beijing, China.");
  EXPECT_EQ(t.declared_aliases, 3);
  EXPECT_EQ(t.aliases, (std::vector<std::string>{"BAQIS", "Beijing Institute of Quantum Information Science",
                                                 "Beijing Quantum Institute"}));
  ASSERT_EQ(t.addresses.size(), 2u);
  EXPECT_EQ(t.addresses[0],
            "Building 3, West District, No. 10 Northwest Wangdong Road, Haidian District, Beijing, China");
  // No period between the last alias and the address: the address starts at the house number.
  EntityListText u = ParseEntityListText("X",
                                         "X, a.k.a., the following one alias: —1st General Design Department 1 "
                                         "South Dahongmen Road, Fengtai District, Beijing 100076");
  EXPECT_EQ(u.aliases, std::vector<std::string>{"1st General Design Department"});
  EXPECT_EQ(u.addresses, std::vector<std::string>{"1 South Dahongmen Road, Fengtai District, Beijing 100076"});
  // No aliases at all.
  EntityListText v = ParseEntityListText("Y Institute", "Y Institute, 20 East Street, Fengtai District, Beijing.");
  EXPECT_TRUE(v.aliases.empty());
  EXPECT_EQ(v.addresses, std::vector<std::string>{"20 East Street, Fengtai District, Beijing"});
}

TEST(UsEntityListTest, BadEntryIsRejectedAndWrongFileIsAnError) {
  auto s = ParseUsEntityList(R"({"entries":[{"name":"A Univ","raw":"A Univ, Beijing, China."},{"raw":"no name"}]})",
                             "el.json");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 1u);
  ASSERT_EQ(s->report.rejected, 1);
  EXPECT_NE(s->report.rejected_rows[0].reason.find("entries[1]"), std::string::npos);
  auto wrong = ImportUsEntityList(testing::SharedData("lists/un/un_consolidated_20260227.xml"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().message.find("un_consolidated_20260227.xml: not valid JSON"), std::string::npos);
}

}  // namespace
// Two entries introduce their aliases without "a.k.a." and the source's name field runs on into
// the first alias: the primary name stops before the introduction, every alias is kept, and the
// id stays the slug of the source's name field.
TEST(UsEntityListTest, AliasesIntroducedWithoutAkaAreAliasesNotPartOfTheName) {
  const model::ListEntry* e = El().Find(
      "china-aerospace-science-and-technology-corporation-casc-8th-academy-811-research-institute-and-the-following-"
      "two-aliases-811th-institute");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(HasName(*e,
                      "China Aerospace Science and Technology Corporation (CASC) 8th Academy 811 Research Institute",
                      NameKind::kPrimary));
  EXPECT_TRUE(HasName(*e, "811th Institute", NameKind::kAlias));
  EXPECT_TRUE(HasName(*e, "Shanghai Institute of Space Power Sources", NameKind::kAlias));
  for (const auto& n : e->names) EXPECT_EQ(n.text.find("following"), std::string::npos) << n.text;
  ASSERT_FALSE(e->addresses.empty());
  EXPECT_EQ(e->addresses[0].text, "388 Cang Wu Road, Shanghai");

  EXPECT_EQ(EntityListPrimaryName("China Aerospace Science and Technology Corporation (CASC) 8th Academy, and the "
                                  "following three aliases: —Shanghai Academy of Spaceflight Technology (SAST)"),
            "China Aerospace Science and Technology Corporation (CASC) 8th Academy");
  EXPECT_EQ(EntityListPrimaryName("Beijing Institute of Technology"), "Beijing Institute of Technology");
}

}  // namespace highfence::lists
