// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_csl/us_csl.h"

#include <gtest/gtest.h>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

TEST(UsCslTest, ReadsTheCurrentFormatSample) {
  auto s = ImportUsCsl(testing::SharedData("lists/us_csl/csl_format_sample_2025.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 13u);
  EXPECT_EQ(s->report.rejected, 0);
  const model::ListEntry* el = s->Find("99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be");
  ASSERT_NE(el, nullptr);
  EXPECT_EQ(el->names[0].text, "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)");
  EXPECT_TRUE(HasName(*el, "HSRI", NameKind::kAcronym));
  EXPECT_TRUE(HasName(*el, "CETC Research Institute 13", NameKind::kAlias));  // "and " dropped
  EXPECT_EQ(el->addresses.size(), 3u);
  EXPECT_EQ(el->addresses[0].country_code, "CN");
  EXPECT_EQ(el->programme, "EL");
  EXPECT_EQ(el->listed_on, "2018-08-01");
  int people = 0;
  for (const model::ListEntry& e : s->entries) people += e.type == model::EntityType::kPerson;
  EXPECT_EQ(people, 4);  // PLC ×2, SDN, FSE
}

TEST(UsCslTest, ReadsTheOldFormatSampleWithDerivedIds) {
  auto s = ImportUsCsl(testing::SharedData("lists/us_csl/csl_sample_20191203.csv"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->report.rows_read, 115);
  EXPECT_EQ(s->entries.size(), 115u);
  EXPECT_EQ(s->version_date, "2019-12-03");
  const model::ListEntry& first = s->entries.front();
  EXPECT_EQ(first.entry_id, "DPL-adrian-manuel-hernandez");
  EXPECT_EQ(first.names[0].text, "ADRIAN MANUEL HERNANDEZ");
  EXPECT_EQ(first.addresses[0].text, "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043");
}

TEST(UsCslTest, RowWithoutNameIsRejectedWithItsLine) {
  std::string csv =
      "source,entity_number,type,programs,name,title,addresses,alt_names\n"
      "Entity List (EL) - Bureau of Industry and Security,,,,Beihang University,,\"37 Xueyuan Road, Beijing, "
      "CN\",BUAA\n"
      "Entity List (EL) - Bureau of Industry and Security,,,,,,,\n";
  auto s = ParseUsCsl(csv, "csl.csv");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 1u);
  ASSERT_EQ(s->report.rejected, 1);
  EXPECT_EQ(s->report.rejected_rows[0].Where(), "csl.csv:3");
  EXPECT_TRUE(HasName(s->entries[0], "BUAA", NameKind::kAcronym));
}

TEST(UsCslTest, TabSeparatedDplIsNotACslFile) {
  auto s = ImportUsCsl(testing::SharedData("lists/us_csl/us_bis_dpl.txt"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("us_bis_dpl.txt:1: header has no column \"source\""), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
