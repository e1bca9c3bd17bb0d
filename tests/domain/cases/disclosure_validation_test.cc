// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure_validation.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/domain/cases/fixtures.h"

namespace highfence::cases {
namespace {

const DisclosureValidationOptions kToday{.today = "2026-11-30"};

void ExpectInvalid(const Disclosure& d, const std::string& fragment,
                   const DisclosureValidationOptions& options = kToday) {
  auto r = ValidateDisclosure(d, options);
  ASSERT_FALSE(r.has_value()) << "expected an error containing " << fragment;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

TEST(DisclosureValidationTest, RealisticDisclosureIsValid) {
  auto r = ValidateDisclosure(testing::AobaDisclosure(), kToday);
  EXPECT_TRUE(r.has_value()) << r.error().message;
}

TEST(DisclosureValidationTest, CurrentEffortCountsOnlyRowsOngoingOnTheAsOfDate) {
  std::vector<EffortShare> shares = CurrentEffort(testing::AobaDisclosure());
  std::vector<std::string> rows;
  int total = 0;
  for (const EffortShare& s : shares) rows.push_back(s.row), total += s.percent;
  // external_funding[0] (Harbin Institute of Technology, 10 %) ended 2025-12.
  EXPECT_EQ(rows,
            (std::vector<std::string>{"career[0]", "funding[0]", "funding[1]", "side_jobs[0]", "unpaid_posts[0]"}));
  EXPECT_EQ(total, 92);
  EXPECT_EQ(shares[2].label, "JST CREST");
  EXPECT_EQ(shares[0].label, "東北大学 准教授");
}

TEST(DisclosureValidationTest, EffortOverOneHundredPercentNamesEveryRowCounted) {
  Disclosure d = testing::AobaDisclosure();
  d.funding[1].effort_percent = 40;  // CREST 15 → 40
  d.side_jobs[0].effort_percent = 16;
  auto r = ValidateDisclosure(d, kToday);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "effort totals 128 % on 2026-10-01 (at most 100 %): career[0] '東北大学 准教授' 50 %, funding[0] "
            "'日本学術振興会 科研費 基盤研究(B)' 20 %, funding[1] 'JST CREST' 40 %, side_jobs[0] '株式会社仙台アロイ "
            "技術顧問' "
            "16 %, unpaid_posts[0] '公益社団法人日本金属学会 編集委員' 2 %");
}

TEST(DisclosureValidationTest, EndedRowDoesNotCountButOngoingOneDoes) {
  Disclosure d = testing::AobaDisclosure();
  d.external_funding[0].effort_percent = 30;  // ended 2025-12: still valid at 92 %
  EXPECT_TRUE(ValidateDisclosure(d, kToday).has_value());
  d.external_funding[0].end = "2026-12";  // ongoing now: 122 %
  ExpectInvalid(d, "effort totals 122 %");
  ExpectInvalid(
      d, "external_funding[0] 'Harbin Institute of Technology Joint study on hydrogen embrittlement of welds' 30 %");
  d.external_funding[0].start = "2026-10-02";  // starts the day after as_of
  EXPECT_TRUE(ValidateDisclosure(d, kToday).has_value());
}

TEST(DisclosureValidationTest, AsOfInTheFutureOrMalformedIsRejected) {
  Disclosure d = testing::AobaDisclosure();
  d.as_of = "2026-12-01";
  ExpectInvalid(d, "as_of: 2026-12-01 is in the future (today is 2026-11-30)");
  d.as_of = "2026-02-30";
  ExpectInvalid(d, "as_of: \"2026-02-30\" is not a date (YYYY-MM-DD)");
  d.as_of = "2026-10";
  ExpectInvalid(d, "as_of: \"2026-10\" is not a date");
}

TEST(DisclosureValidationTest, CertificationIsRequiredUnlessADraft) {
  Disclosure d = testing::AobaDisclosure();
  d.certification = {};
  ExpectInvalid(d, "certification.certified_by: empty");
  EXPECT_TRUE(ValidateDisclosure(d, {.today = "2026-11-30", .require_certification = false}).has_value());
  d.certification = {"user_h_aoba", "2026年10月1日", "記載内容は事実に相違ありません。"};
  ExpectInvalid(d, "certification.certified_at: \"2026年10月1日\" is not an RFC 3339 time");
}

TEST(DisclosureValidationTest, RowProblemsNameTheirPath) {
  struct Case {
    void (*edit)(Disclosure&);
    const char* message;
  };
  const Case cases[] = {
      {[](Disclosure& d) { d.funding[0].funder.name = "　"; }, "funding[0].funder.name: empty"},
      {[](Disclosure& d) { d.funding[0].title = d.funding[0].programme = ""; },
       "funding[0].title: empty, and so is programme"},
      {[](Disclosure& d) { d.funding[1].end = "2022-03"; },
       "funding[1].end: \"2022-03\" is before the start \"2023-10\""},
      {[](Disclosure& d) { d.funding[0].amount->currency = "円"; },
       "funding[0].amount.currency: \"円\" is not an ISO 4217 code"},
      {[](Disclosure& d) { d.career[1].organisation.country = "中国"; },
       "career[1].organisation.country: \"中国\" is not an ISO 3166-1 alpha-2 code (the organisation's)"},
      {[](Disclosure& d) { d.side_jobs[0].effort_percent = 120; },
       "side_jobs[0].effort_percent: 120 is not between 0 and 100"},
      {[](Disclosure& d) { d.side_jobs[0].position = ""; }, "side_jobs[0].position: empty"},
      {[](Disclosure& d) { d.publications[0].co_authors.push_back({}); },
       "publications[0].co_authors[2]: neither a name nor an organisation"},
      {[](Disclosure& d) { d.patents[0].filed = "R5.2.14"; }, "patents[0].filed: \"R5.2.14\" is not a date"},
      {[](Disclosure& d) {
         d.unpaid_posts[0].remuneration = Money{100'000, "JPY"};
       },
       "unpaid_posts[0].remuneration: an unpaid post has none: list it under side_jobs"},
      {[](Disclosure& d) { d.list_appearances.push_back({}); }, "list_appearances[0].list: empty"},
      {[](Disclosure& d) { d.seq = 0; }, "seq: 0 is not a version number"},
  };
  for (const Case& c : cases) {
    Disclosure d = testing::AobaDisclosure();
    c.edit(d);
    ExpectInvalid(d, c.message);
  }
}

}  // namespace
}  // namespace highfence::cases
