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

TEST(AffiliationTest, JapaneseAddressWithFullWidthPostcodeGivesJapan) {
  // MEXT's own address form for 東北大学: full-width hyphen, 〒, prefecture; no country written.
  const Affiliation a = SplitAffiliation("東北大学大学院経済学研究科, 〒980－8576 宮城県仙台市青葉区川内27－1");
  EXPECT_EQ(a.organisation, "東北大学");
  EXPECT_EQ(a.postcode, "980-8576");
  EXPECT_EQ(a.country, "");
  EXPECT_EQ(a.country_code, "JP");
  // A Chinese address has no such cue: 县, not 県.
  EXPECT_EQ(SplitAffiliation("北京航空航天大学物理学院, 北京 100191").country_code, "");
  EXPECT_EQ(SplitAffiliation("河北工业大学, 河北省沧州市献县").country_code, "");
}

TEST(AffiliationTest, CollegeEndsTheOrganisationButNotInsideAGakuinUniversity) {
  const Affiliation pla = SplitAffiliation("中国人民解放军海军指挥学院计算机科学与技术学院，中国");
  EXPECT_EQ(pla.organisation, "中国人民解放军海军指挥学院");
  EXPECT_EQ(pla.country_code, "CN");
  const Affiliation gakuin =
      SplitAffiliation("東北学院大学大学院工学研究科, 〒980－8511 宮城県仙台市青葉区土樋1－3－1");
  EXPECT_EQ(gakuin.organisation, "東北学院大学");
  ASSERT_EQ(gakuin.departments.size(), 1u);
  EXPECT_EQ(gakuin.departments[0], "大学院工学研究科");
}

TEST(AffiliationTest, InstituteOfTheAcademyStaysWithItButSchoolsAreCutOff) {
  // Registries hold the institute as its own record (ROR: 中国科学院计算技术研究所).
  EXPECT_EQ(SplitAffiliation("中国科学院计算技术研究所，北京 100190").organisation, "中国科学院计算技术研究所");
  EXPECT_EQ(SplitAffiliation("東北大学金属材料研究所, 仙台市").organisation, "東北大学金属材料研究所");
  EXPECT_EQ(SplitAffiliation("无线通信接入技术国家重点实验室电子信息工程学院，中国").organisation,
            "无线通信接入技术国家重点实验室");
  const Affiliation school = SplitAffiliation("哈尔滨工业大学材料科学与工程学院先进焊接研究所，哈尔滨");
  EXPECT_EQ(school.organisation, "哈尔滨工业大学");
}

TEST(AffiliationTest, OrganisationWithoutAnOrganisationWordIsTheFirstPartAfterTheDepartment) {
  const Affiliation a = SplitAffiliation("School of Materials Science and Engineering, Esade, Barcelona, Spain");
  EXPECT_EQ(a.organisation, "Esade");
  EXPECT_EQ(a.city, "Barcelona");
  EXPECT_EQ(a.country_code, "ES");
  EXPECT_EQ(SplitAffiliation("Faculty of Chemistry, Thailand Science Research and Innovation, Bangkok").organisation,
            "Thailand Science Research and Innovation");
}

TEST(AffiliationTest, BareNameIsTheOrganisation) {
  EXPECT_EQ(SplitAffiliation("  Tsinghua University ").organisation, "Tsinghua University");
  EXPECT_EQ(SplitAffiliation("").organisation, "");
}

}  // namespace
}  // namespace highfence::names
