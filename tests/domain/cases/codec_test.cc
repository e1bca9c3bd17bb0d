// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/codec.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/domain/cases/fixtures.h"

namespace highfence::cases {
namespace {

template <typename T>
void ExpectRoundTrip(const T& value) {
  std::string json = ToJson(value);
  auto back = FromJson<T>(json);
  ASSERT_TRUE(back.has_value()) << back.error().message << "\n" << json;
  EXPECT_EQ(*back, value) << json;
  EXPECT_EQ(ToJson(*back), json);  // deterministic bytes
  auto pretty = FromJson<T>(ToJson(value, {.indent = 2}));
  ASSERT_TRUE(pretty.has_value());
  EXPECT_EQ(*pretty, value);
}

template <typename T>
void ExpectError(std::string_view json, const std::string& message) {
  auto r = FromJson<T>(json);
  ASSERT_FALSE(r.has_value()) << "accepted: " << json;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, message);
}

TEST(CodecTest, EveryRecordRoundTrips) {
  ExpectRoundTrip(testing::Tohoku());
  ExpectRoundTrip(testing::Jst());
  ExpectRoundTrip(testing::Aoba());
  ExpectRoundTrip(testing::LiWei());
  ExpectRoundTrip(testing::Beihang());
  ExpectRoundTrip(testing::Crest());
  ExpectRoundTrip(testing::HydrogenProposal());
  ExpectRoundTrip(testing::HydrogenCase());
  ExpectRoundTrip(testing::KeywordScreeningOfProposal());
  ExpectRoundTrip(testing::ListCheckOfBeihang());
  ExpectRoundTrip(testing::AobaDisclosure());
}

TEST(CodecTest, DefaultsRoundTripToo) {
  ExpectRoundTrip(Case{.id = "case_x", .tenant_id = "t", .agency_id = "a", .proposal_id = "p", .state = "opened"});
  ExpectRoundTrip(Disclosure{.id = "disc_x", .person_id = "person_x", .seq = 1, .as_of = "2026-01-05"});
}

TEST(CodecTest, FieldsAreSnakeCaseAndEnumsTheirIds) {
  std::string proposal = ToJson(testing::HydrogenProposal());
  EXPECT_NE(proposal.find("\"lead_institution_id\":\"inst_7c1f0a9e3b2d4c11\""), std::string::npos) << proposal;
  EXPECT_NE(proposal.find("\"role\":\"co_pi\""), std::string::npos);
  EXPECT_NE(proposal.find("\"state\":\"shortlisted\""), std::string::npos);
  EXPECT_NE(proposal.find("水素社会に向けた"), std::string::npos);  // UTF-8 kept, not \u-escaped
  std::string c = ToJson(testing::HydrogenCase());
  EXPECT_NE(c.find("\"risk_level\":\"red\""), std::string::npos) << c;
  EXPECT_EQ(c.find("\"id\""), 1u);  // id first: fields in struct order
  std::string d = ToJson(testing::AobaDisclosure());
  EXPECT_NE(d.find("\"effort_percent\":20"), std::string::npos);
  EXPECT_NE(d.find("\"amount\":{\"amount\":13000000,\"currency\":\"JPY\"}"), std::string::npos);
  EXPECT_NE(d.find("\"nda\":true"), std::string::npos);
  EXPECT_NE(d.find("\"value\":null"), std::string::npos);  // absent optional written as null
}

TEST(CodecTest, UnknownEnumValueNamesItsPathAndTheExpectedValues) {
  std::string json = ToJson(testing::HydrogenProposal());
  std::string bad = json;
  size_t third = 0;
  for (int i = 0; i < 3; ++i) third = bad.find("\"role\":", third + 1);
  bad.replace(bad.find("\"student\"", third), 9, "\"PI?\"");
  ExpectError<Proposal>(bad, "team[2].role: unknown value \"PI?\" (expected pi, co_pi, participant, student)");
}

TEST(CodecTest, MissingRequiredFieldAndWrongTypesNameTheirPath) {
  ExpectError<Person>(R"({"tenant_id":"t","names":[]})", "id: missing");
  ExpectError<Person>(
      R"({"id":"p","tenant_id":"t","names":[{"text":"青葉 花子","script":"kanji"},{"text":7,"script":"latin"}]})",
      "names[1].text: a number, expected a string");
  ExpectError<Disclosure>(
      R"({"id":"d","person_id":"p","seq":1,"as_of":"2026-10-01","funding":[{"title":"CREST","amount":{"amount":1.5,"currency":"JPY"}}]})",
      "funding[0].amount.amount: 1.5 is not a whole number");
  ExpectError<Disclosure>(R"({"id":"d","person_id":"p","seq":"1","as_of":"2026-10-01"})",
                          "seq: a string, expected a whole number");
  ExpectError<Case>(R"([1,2])", "(root): an array, expected an object");
  ExpectError<Case>(
      R"({"id":"c","tenant_id":"t","agency_id":"a","proposal_id":"p","state":"opened","risk_level":"amber"})",
      "risk_level: unknown value \"amber\" (expected red, yellow, green)");
}

TEST(CodecTest, UnknownFieldIsRefusedNotDropped) {
  ExpectError<Disclosure>(R"({"id":"d","person_id":"p","seq":1,"as_of":"2026-10-01","side_jobs":[{"positon":"顧問"}]})",
                          "side_jobs[0].positon: unknown field");
  // Found by api_routes_fuzzer (POST /v1/people with a member named ""): the path names it "".
  ExpectError<Person>(R"({"":"空の名前",)" + ToJson(testing::Aoba()).substr(1), "\"\": unknown field");
  ExpectError<Disclosure>(R"({"id":"d","person_id":"p","seq":1,"as_of":"2026-10-01","side_jobs":[{"":"顧問"}]})",
                          "side_jobs[0].\"\": unknown field");
}

TEST(CodecTest, RestrictedItemsCannotRideAlongInADisclosureOrAPerson) {
  auto r = FromJson<Disclosure>(R"({"id":"d","person_id":"p","seq":1,"as_of":"2026-10-01","nationality":["CN"]})");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(
      r.error().message.find("nationality: unknown field (items ⑫ 非居住者・特定類型 and ⑬ 国籍 are recorded only in a "
                             "RestrictedDisclosure)"),
      std::string::npos)
      << r.error().message;
  auto p = FromJson<Person>(
      R"({"id":"p","tenant_id":"t","names":[{"text":"Li Wei","script":"latin"}],"non_resident":true})");
  ASSERT_FALSE(p.has_value());
  EXPECT_NE(p.error().message.find("non_resident: unknown field"), std::string::npos);
  // Nothing in a person's or a disclosure's JSON is named like a restricted item.
  for (const std::string& json : {ToJson(testing::Aoba()), ToJson(testing::AobaDisclosure())}) {
    EXPECT_EQ(json.find("national"), std::string::npos);
    EXPECT_EQ(json.find("resident"), std::string::npos);
  }
}

TEST(CodecTest, NotJsonIsRefusedWithTheParserPosition) {
  auto r = FromJson<Institution>("{\"id\": \"inst_x\", ");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message.rfind("JSON: ", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("line 1, column 18"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("json.exception"), std::string::npos) << r.error().message;
}

TEST(CodecTest, NumberTooLargeForADoubleIsAnErrorNotAnException) {
  // Found by cases_codec_fuzzer: nlohmann threw out_of_range 406 despite allow_exceptions=false.
  auto r = FromJson<ScreeningRef>(R"({"id":"s","case_id":"c","kind":"lists","lists":{"hits":[{"score":22333e393}]}})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "JSON: number overflow parsing '22333e393'");
}

}  // namespace
}  // namespace highfence::cases
