// SPDX-License-Identifier: Apache-2.0
// Items ⑫ 非居住者・特定類型 and ⑬ 国籍: their own type and codec, and the proof that nothing an
// evaluation can take (EvaluationInputs) carries them.
#include "domain/cases/restricted_disclosure.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "domain/cases/codec.h"
#include "domain/cases/evaluation_inputs.h"
#include "domain/cases/restricted_disclosure_codec.h"
#include "tests/domain/cases/fixtures.h"

namespace highfence::cases {
namespace {

// A restricted record for 李 伟 with values that occur nowhere else in the fixtures.
RestrictedDisclosure LiWeiRestricted() {
  RestrictedDisclosure r;
  r.id = "rdisc_0102030405060708";
  r.tenant_id = testing::Tohoku().id;
  r.person_id = testing::LiWei().id;
  r.seq = 1;
  r.as_of = "2026-10-01";
  r.certification = {"user_li_wei", "2026-10-01T11:00:00+09:00", "記載内容は事実に相違ありません。"};
  r.non_resident_status = {.non_resident = true,
                           .specified_category = false,
                           .category = "類型該当性確認済み-RESTRICTED-MARKER-12",
                           .note = "受入れ時に安全保障輸出管理担当者が確認 RESTRICTED-MARKER-NOTE"};
  r.nationalities = {"SG", "MY"};
  return r;
}

Disclosure LiWeiDisclosure() {
  Disclosure d;
  d.id = "disc_9988776655443322";
  d.tenant_id = testing::Tohoku().id;
  d.person_id = testing::LiWei().id;
  d.seq = 1;
  d.as_of = "2026-10-01";
  d.certification = {"user_li_wei", "2026-10-01T11:00:00+09:00", "記載内容は事実に相違ありません。"};
  d.career = {{.organisation = {"北京航空航天大学", testing::Beihang().id, "CN"},
               .position = "教授",
               .start = "2015-09",
               .main_post = true,
               .effort_percent = 80}};
  return d;
}

TEST(RestrictedDisclosureTest, RoundTripsThroughItsOwnCodec) {
  RestrictedDisclosure r = LiWeiRestricted();
  std::string json = ToJson(r);
  EXPECT_NE(json.find("\"nationalities\":[\"SG\",\"MY\"]"), std::string::npos) << json;
  auto back = FromJson<RestrictedDisclosure>(json);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, r);
  r.non_resident_status = {};  // unanswered stays unanswered (null), not "no"
  back = FromJson<RestrictedDisclosure>(ToJson(r));
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->non_resident_status.non_resident.has_value());
}

TEST(RestrictedDisclosureTest, CodecErrorsNameTheirPath) {
  auto r = FromJson<RestrictedDisclosure>(
      R"({"id":"r","person_id":"p","seq":1,"as_of":"2026-10-01","non_resident_status":{"non_resident":"はい"}})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "non_resident_status.non_resident: a string, expected true or false");
}

TEST(RestrictedDisclosureTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateRestrictedDisclosure(LiWeiRestricted()).has_value());
  RestrictedDisclosure r = LiWeiRestricted();
  r.nationalities = {"SG", "シンガポール"};
  auto bad = ValidateRestrictedDisclosure(r);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "nationalities[1]: \"シンガポール\" is not an ISO 3166-1 alpha-2 code");
  r.nationalities = {"SG", "SG"};
  EXPECT_FALSE(ValidateRestrictedDisclosure(r).has_value());
}

// The types themselves keep the items apart: no conversion leads from the restricted record to
// what an evaluation takes.
static_assert(!std::is_convertible_v<RestrictedDisclosure, Disclosure>);
static_assert(!std::is_convertible_v<RestrictedDisclosure, std::optional<Disclosure>>);
static_assert(!std::is_constructible_v<Disclosure, RestrictedDisclosure>);
static_assert(!std::is_constructible_v<Person, RestrictedDisclosure>);

TEST(EvaluationInputsTest, HoldNoRestrictedKeyOrValueOfAPersonWhoHasThem) {
  RestrictedDisclosure restricted = LiWeiRestricted();
  std::vector<ScreeningRef> screenings = {testing::KeywordScreeningOfProposal(), testing::ListCheckOfBeihang()};
  auto in = InputsForPerson(testing::HydrogenCase().id, testing::LiWei(), LiWeiDisclosure(), screenings);
  ASSERT_TRUE(in.has_value()) << in.error().message;
  std::string json = ToJson(*in);

  // Every key of the restricted record that is not shared bookkeeping (id, person, seq, date,
  // certification) is absent from the inputs, wherever it would be nested.
  const std::set<std::string> bookkeeping = {
      "id", "tenant_id", "person_id", "seq", "as_of", "certification", "certified_by", "certified_at", "statement"};
  const nlohmann::json flat = nlohmann::json::parse(ToJson(restricted)).flatten();
  std::vector<std::string> restricted_keys;
  for (const auto& item : flat.items()) {
    std::string pointer = item.key();  // "/non_resident_status/category", "/nationalities/0"
    size_t start = 1;
    while (start < pointer.size()) {
      size_t end = pointer.find('/', start);
      std::string key = pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!bookkeeping.contains(key) && !std::isdigit(static_cast<unsigned char>(key[0]))) {
        restricted_keys.push_back(key);
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  ASSERT_FALSE(restricted_keys.empty());
  for (const std::string& key : restricted_keys) {
    EXPECT_EQ(json.find("\"" + key + "\""), std::string::npos) << "restricted key " << key << " in " << json;
  }
  // And none of its values.
  for (const std::string& value : {std::string("RESTRICTED-MARKER-12"), std::string("RESTRICTED-MARKER-NOTE"),
                                   std::string("\"SG\""), std::string("\"MY\"")}) {
    EXPECT_EQ(json.find(value), std::string::npos) << value << " in " << json;
  }
  // What is there: the person, their disclosure, the organisation's country (a fact about
  // Beihang, not about him), and the evidence.
  EXPECT_NE(json.find("\"country\":\"CN\""), std::string::npos);
  EXPECT_NE(json.find("\"disclosure\":{"), std::string::npos);
  auto back = FromJson<EvaluationInputs>(json);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, *in);
}

TEST(EvaluationInputsTest, KeepOnlyTheEvidenceAboutTheirSubject) {
  std::vector<ScreeningRef> screenings = {testing::KeywordScreeningOfProposal(), testing::ListCheckOfBeihang()};
  auto person = InputsForPerson(testing::HydrogenCase().id, testing::Aoba(), testing::AobaDisclosure(), screenings);
  ASSERT_TRUE(person.has_value());
  ASSERT_EQ(person->screenings.size(), 1u);  // the proposal's keywords; Beihang's list check is not about her
  EXPECT_EQ(person->screenings[0].kind, ScreeningKind::kKeywords);
  EXPECT_EQ(person->subject, (Subject{SubjectKind::kPerson, testing::Aoba().id}));

  auto org = InputsForOrganisation(testing::HydrogenCase().id, testing::Beihang(), screenings);
  ASSERT_TRUE(org.has_value());
  ASSERT_EQ(org->screenings.size(), 2u);
  EXPECT_EQ(org->screenings[1].lists->hits[0].entry_id, "beijing-university-of-aeronautics-and-astronautics-buaa");
  EXPECT_FALSE(org->person.has_value());
  EXPECT_FALSE(org->disclosure.has_value());
}

TEST(EvaluationInputsTest, RefuseAnotherPersonsDisclosureOrAnotherCasesScreening) {
  auto wrong = InputsForPerson(testing::HydrogenCase().id, testing::LiWei(), testing::AobaDisclosure(), {});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().message.find("disclosure.person_id"), std::string::npos);
  ScreeningRef other = testing::ListCheckOfBeihang();
  other.case_id = "case_ffffffffffffffff";
  auto mixed = InputsForOrganisation(testing::HydrogenCase().id, testing::Beihang(), {other});
  ASSERT_FALSE(mixed.has_value());
  EXPECT_EQ(mixed.error().message,
            "screenings[0]: scr_5555666677778888 belongs to case \"case_ffffffffffffffff\", not case_0f1e2d3c4b5a6978");
}

}  // namespace
}  // namespace highfence::cases
