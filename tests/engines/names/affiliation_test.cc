// SPDX-License-Identifier: Apache-2.0
#include "engines/names/affiliation.h"

#include <gtest/gtest.h>

namespace highfence::names {
namespace {

TEST(AffiliationTest, EnglishLineSplitsIntoOrganisationAndAddress) {
  const Affiliation a = SplitAffiliation("Dept. of Physics, Beihang Univ., Beijing 100191, China");
  EXPECT_EQ(a.organisation, "Beihang Univ.");
  ASSERT_EQ(a.departments.size(), 1u);
  EXPECT_EQ(a.departments[0], "Dept. of Physics");
  EXPECT_EQ(a.city, "Beijing");
  EXPECT_EQ(a.postcode, "100191");
  EXPECT_EQ(a.country, "China");
  EXPECT_EQ(a.country_code, "CN");
}

TEST(AffiliationTest, ChineseLineCutsTheSchoolOffTheUniversity) {
  const Affiliation a = SplitAffiliation("北京航空航天大学物理学院, 北京 100191");
  EXPECT_EQ(a.organisation, "北京航空航天大学");
  ASSERT_EQ(a.departments.size(), 1u);
  EXPECT_EQ(a.departments[0], "物理学院");
  EXPECT_EQ(a.city, "北京");
  EXPECT_EQ(a.postcode, "100191");
}

TEST(AffiliationTest, JapaneseLineWithFullWidthComma) {
  const Affiliation a = SplitAffiliation("東北大学大学院工学研究科，仙台市 980-8579，日本");
  EXPECT_EQ(a.organisation, "東北大学");
  ASSERT_EQ(a.departments.size(), 1u);
  EXPECT_EQ(a.departments[0], "大学院工学研究科");
  EXPECT_EQ(a.postcode, "980-8579");
  EXPECT_EQ(a.city, "仙台市");
  EXPECT_EQ(a.country_code, "JP");
}

TEST(AffiliationTest, SchoolAndKeyLaboratoryBeforeTheUniversity) {
  const Affiliation a = SplitAffiliation(
      "State Key Laboratory of Robotics and System, Harbin Institute of Technology, Harbin 150001, "
      "P.R. China");
  EXPECT_EQ(a.organisation, "Harbin Institute of Technology");
  ASSERT_EQ(a.departments.size(), 1u);
  EXPECT_EQ(a.city, "Harbin");
  EXPECT_EQ(a.postcode, "150001");
  EXPECT_EQ(a.country_code, "CN");
}

TEST(AffiliationTest, BareNameIsTheOrganisation) {
  EXPECT_EQ(SplitAffiliation("  Tsinghua University ").organisation, "Tsinghua University");
  EXPECT_EQ(SplitAffiliation("").organisation, "");
}

}  // namespace
}  // namespace highfence::names
