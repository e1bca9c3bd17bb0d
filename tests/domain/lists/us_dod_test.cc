// SPDX-License-Identifier: Apache-2.0
// Tests of the three OpenSanctions transcriptions: DoD 1286, DoD 1260H and BIS MIEU.
#include <gtest/gtest.h>

#include <map>

#include "domain/lists/us_bis_mieu/us_bis_mieu.h"
#include "domain/lists/us_dod_1260h/us_dod_1260h.h"
#include "domain/lists/us_dod_1286/us_dod_1286.h"
#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

TEST(UsDod1286Test, ImportsTheNewestEdition) {
  auto s = ImportUsDod1286(testing::SharedData("lists/us_dod_1286/section_1286_all_editions_opensanctions.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->report.rows_read, 443);
  EXPECT_EQ(s->entries.size(), 156u);  // report-date 2025 (FY25)
  EXPECT_EQ(s->version_date, "2025");
  EXPECT_NE(s->licence.find("CC BY-NC 4.0"), std::string::npos);
  std::map<std::string, int> countries;
  int talent = 0;
  for (const model::ListEntry& e : s->entries) {
    countries[e.countries.empty() ? "" : e.countries[0].code]++;
    talent += e.type == model::EntityType::kOther;
  }
  EXPECT_EQ(countries["CN"], 108);
  EXPECT_EQ(countries["RU"], 33);
  EXPECT_EQ(countries["IR"], 9);
  EXPECT_EQ(talent, 6);
  const model::ListEntry* amms = s->Find("academy-of-military-medical-sciences");
  ASSERT_NE(amms, nullptr);
  EXPECT_EQ(amms->source_address, "https://www.cto.mil/wp-content/uploads/2026/07/FY25-Section-1286-List.pdf");
  const model::ListEntry* ttp = s->Find("thousand-talents-plan");
  ASSERT_NE(ttp, nullptr);
  EXPECT_EQ(ttp->type, model::EntityType::kOther);
}

TEST(UsDod1260hTest, ImportsOpenListingsOnePerCompany) {
  auto s = ImportUsDod1260h(testing::SharedData("lists/us_dod_1260h/section_1260h_opensanctions.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->report.rows_read, 397);
  EXPECT_EQ(s->report.rejected, 0);
  // 376 open rows (SOURCES.md) re-list companies edition by edition: 211 distinct companies.
  EXPECT_EQ(s->entries.size(), 211u);
  EXPECT_EQ(s->version_date, "2026-06-08");
  EXPECT_NE(s->licence.find("CC BY-NC 4.0"), std::string::npos);
  const model::ListEntry* huawei = s->Find("huawei-technologies-co-ltd");
  ASSERT_NE(huawei, nullptr);
  EXPECT_EQ(huawei->names[0].text, "Huawei Technologies Co., Ltd.");
  EXPECT_TRUE(HasName(*huawei, "Huawei", NameKind::kAlias));
  EXPECT_EQ(huawei->listed_on, "2021-06-03");
  EXPECT_EQ(huawei->remarks, "parent: Huawei Investment & Holding Co., Ltd.");
  EXPECT_NE(huawei->programme.find("2026-06-08"), std::string::npos);
}

TEST(UsDod1260hTest, BadDateIsRejectedWithItsLine) {
  std::string csv =
      "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n"
      "A Co.,A Co.,,,,,2025-01-07,,\n"
      "B Co.,B Co.,,,,,07/01/2025,,\n";
  auto s = ParseUsDod1260h(csv, "1260h.csv");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->entries.size(), 1u);
  ASSERT_EQ(s->report.rejected, 1);
  EXPECT_EQ(s->report.rejected_rows[0].Where(), "1260h.csv:3");
}

TEST(UsBisMieuTest, Imports13EntriesWithAcronymsAndCountries) {
  auto s = ImportUsBisMieu(testing::SharedData("lists/us_bis_mieu/mieu_opensanctions.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 13u);
  EXPECT_NE(s->licence.find("CC BY-NC 4.0"), std::string::npos);
  const model::ListEntry* dim = s->Find("directorate-of-military-intelligence");
  ASSERT_NE(dim, nullptr);
  EXPECT_TRUE(HasName(*dim, "DIM", NameKind::kAcronym));
  EXPECT_EQ(dim->countries[0].code, "CU");
  EXPECT_EQ(dim->listed_on, "2021-03-16");
  EXPECT_TRUE(test::HasConcern(*dim, "MIEU"));
}

}  // namespace
}  // namespace highfence::lists
