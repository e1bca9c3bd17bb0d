// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/ofac/ofac.h"

#include <gtest/gtest.h>

#include "tests/domain/lists/list_test_util.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

using model::NameKind;
using test::HasName;

const model::ListSnapshot& Sdn() {
  static const model::ListSnapshot snapshot = [] {
    auto s = ImportOfac(testing::SharedData("lists/ofac/sdn.csv"));
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? *s : model::ListSnapshot{};
  }();
  return snapshot;
}

TEST(OfacTest, ImportsAllSdnEntriesAltNamesAndAddresses) {
  const model::ListSnapshot& s = Sdn();
  EXPECT_EQ(s.entries.size(), 8976u);
  EXPECT_EQ(s.report.rejected, 0);
  int alt = 0;
  size_t addresses = 0;
  for (const model::ListEntry& e : s.entries) {
    alt += static_cast<int>(e.names.size()) - 1;
    addresses += e.addresses.size();
  }
  EXPECT_GE(alt, 11800);  // 11,910 rows in alt.csv; a few repeat the primary name
  EXPECT_LE(alt, 11910);
  EXPECT_EQ(addresses, 11440u);  // 13,837 rows minus 2,397 whose street, city and country are all -0-
}

TEST(OfacTest, PinsBancoNacionalDeCubaWithAltNameAndAddresses) {
  const model::ListEntry* e = Sdn().Find("306");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].text, "BANCO NACIONAL DE CUBA");
  EXPECT_TRUE(HasName(*e, "NATIONAL BANK OF CUBA", NameKind::kAlias));
  EXPECT_EQ(e->programme, "CUBA");
  EXPECT_EQ(e->remarks, "a.k.a. 'BNC'.");
  ASSERT_EQ(e->addresses.size(), 4u);
  EXPECT_EQ(e->addresses[0].text, "Zweierstrasse 35, Zurich CH-8022, Switzerland");
  EXPECT_EQ(e->addresses[0].country_code, "CH");
  EXPECT_TRUE(test::HasCountry(*e, "JP"));
}

TEST(OfacTest, SdnTypesMapToEntityTypes) {
  int people = 0, vessels = 0;
  for (const model::ListEntry& e : Sdn().entries) {
    people += e.type == model::EntityType::kPerson;
    vessels += e.type == model::EntityType::kVessel;
  }
  EXPECT_GT(people, 3000);
  EXPECT_GT(vessels, 100);
}

TEST(OfacTest, BadRowsAreRejectedWithFileAndLine) {
  std::string sdn =
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "37,\"SHORT ROW\",-0-\r\n";
  std::string alt = "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n99,13,\"aka\",\"ORPHAN\",-0- \r\n";
  auto s = ParseOfac({sdn, alt, "", ""}, "ofac/");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->entries.size(), 1u);
  ASSERT_EQ(s->report.rejected, 2);
  EXPECT_EQ(s->report.rejected_rows[0].Where(), "ofac/sdn.csv:2");
  EXPECT_EQ(s->report.rejected_rows[1].Where(), "ofac/alt.csv:2");
  EXPECT_TRUE(HasName(s->entries[0], "AERO-CARIBBEAN", NameKind::kAlias));
}

TEST(OfacTest, WrongFilesAreErrorsNamingThem) {
  auto headed = ParseOfac({"name,program\nX,Y\n", "", "", ""}, "");
  ASSERT_FALSE(headed);
  EXPECT_EQ(headed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(headed.error().message.find("sdn.csv: not an OFAC 12-column"), std::string::npos);
  auto missing = ImportOfac(testing::SharedData("lists/un/un_consolidated_20260227.xml"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("alt.csv"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
