// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure_diff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "domain/cases/codec.h"
#include "tests/domain/cases/fixtures.h"

namespace highfence::cases {
namespace {

// Version 2 of 青葉 花子's disclosure, a year later: the JSPS grant increased, the side job
// ended, a new JST project and a new co-authored paper with a Harbin Institute of Technology
// author, and the rows given in another order.
Disclosure Version2() {
  Disclosure d = testing::AobaDisclosure();
  d.id = "disc_ee55ff66aa77bb88";
  d.seq = 2;
  d.as_of = "2027-10-01";
  d.certification.certified_at = "2027-10-01T10:00:00+09:00";
  d.funding[0].amount->amount = 15'600'000;
  d.funding[0].effort_percent = 25;
  std::swap(d.funding[0], d.funding[1]);
  d.funding.push_back({.funder = {"JST", testing::Jst().id, "JP"},
                       .programme = "ACT-X",
                       .title = "機械学習による合金設計",
                       .role = "研究代表者",
                       .start = "2027-04",
                       .end = "2029-03",
                       .effort_percent = 5});
  d.side_jobs.clear();
  d.publications.push_back({.title = "Weld-zone hydrogen diffusion in austenitic steels",
                            .venue = "Corrosion Science",
                            .published = "2027-03",
                            .doi = "10.1016/J.CORSCI.2027.110002",
                            .co_authors = {{"Zhang Min", {"哈尔滨工业大学", "", "CN"}}}});
  // Same DOI written in another case: the same paper, its venue corrected.
  d.publications[0].doi = "10.1016/J.ACTAMAT.2025.120001";
  return d;
}

const ItemDiff* Find(const DisclosureDiff& diff, DisclosureItem item) {
  auto it = std::find_if(diff.items.begin(), diff.items.end(), [&](const ItemDiff& i) { return i.item == item; });
  return it == diff.items.end() ? nullptr : &*it;
}

TEST(DisclosureDiffTest, SameVersionHasNoChange) {
  auto diff = Diff(testing::AobaDisclosure(), testing::AobaDisclosure());
  ASSERT_TRUE(diff.has_value());
  EXPECT_TRUE(diff->empty());
}

TEST(DisclosureDiffTest, ReorderingRowsIsNotAChange) {
  Disclosure a = testing::AobaDisclosure();
  Disclosure b = a;
  std::swap(b.funding[0], b.funding[1]);
  std::swap(b.career[0], b.career[1]);
  auto diff = Diff(a, b);
  ASSERT_TRUE(diff.has_value());
  EXPECT_TRUE(diff->empty()) << ToJson(*diff);
}

TEST(DisclosureDiffTest, ChangedFundingShowsEachFieldOldAndNew) {
  auto diff = Diff(testing::AobaDisclosure(), Version2());
  ASSERT_TRUE(diff.has_value());
  EXPECT_EQ(diff->before_seq, 1);
  EXPECT_EQ(diff->after_seq, 2);
  const ItemDiff* funding = Find(*diff, DisclosureItem::kFunding);
  ASSERT_NE(funding, nullptr);
  ASSERT_EQ(funding->rows.size(), 2u);
  const RowChange& jsps = funding->rows[0];
  EXPECT_EQ(jsps.kind, RowChangeKind::kChanged);
  EXPECT_EQ(jsps.key, "日本学術振興会 / 高エントロピー合金の水素脆化機構の解明");
  EXPECT_EQ(jsps.before_index, 0);
  EXPECT_EQ(jsps.after_index, 1);
  EXPECT_EQ(jsps.fields,
            (std::vector<FieldChange>{{"amount.amount", "13000000", "15600000"}, {"effort_percent", "20", "25"}}));
  const RowChange& actx = funding->rows[1];
  EXPECT_EQ(actx.kind, RowChangeKind::kAdded);
  EXPECT_EQ(actx.key, "JST / 機械学習による合金設計");
  EXPECT_EQ(actx.before_index, -1);
  EXPECT_NE(std::find(actx.fields.begin(), actx.fields.end(), FieldChange{"programme", "", "ACT-X"}),
            actx.fields.end());
}

TEST(DisclosureDiffTest, EndedSideJobIsRemovedAndNewPaperAdded) {
  auto diff = Diff(testing::AobaDisclosure(), Version2());
  ASSERT_TRUE(diff.has_value());
  const ItemDiff* side = Find(*diff, DisclosureItem::kSideJobs);
  ASSERT_NE(side, nullptr);
  ASSERT_EQ(side->rows.size(), 1u);
  EXPECT_EQ(side->rows[0].kind, RowChangeKind::kRemoved);
  EXPECT_EQ(side->rows[0].key, "株式会社仙台アロイ / 技術顧問");
  EXPECT_NE(std::find(side->rows[0].fields.begin(), side->rows[0].fields.end(),
                      FieldChange{"remuneration.amount", "1200000", ""}),
            side->rows[0].fields.end());

  const ItemDiff* papers = Find(*diff, DisclosureItem::kPublications);
  ASSERT_NE(papers, nullptr);
  // The DOI's case changed only: same paper (DOIs are case-insensitive), DOI field changed.
  ASSERT_EQ(papers->rows.size(), 2u);
  EXPECT_EQ(papers->rows[0].kind, RowChangeKind::kChanged);
  EXPECT_EQ(papers->rows[0].fields,
            (std::vector<FieldChange>{{"doi", "10.1016/j.actamat.2025.120001", "10.1016/J.ACTAMAT.2025.120001"}}));
  EXPECT_EQ(papers->rows[1].kind, RowChangeKind::kAdded);
  EXPECT_NE(std::find(papers->rows[1].fields.begin(), papers->rows[1].fields.end(),
                      FieldChange{"co_authors[0].organisation.country", "", "CN"}),
            papers->rows[1].fields.end());
  // Items without a change are left out.
  EXPECT_EQ(Find(*diff, DisclosureItem::kEducation), nullptr);
  EXPECT_EQ(Find(*diff, DisclosureItem::kPatents), nullptr);
}

TEST(DisclosureDiffTest, CoAuthorAffiliationChangeIsAFieldChangeOfTheSamePaper) {
  Disclosure a = testing::AobaDisclosure();
  Disclosure b = a;
  b.publications[0].co_authors[0].organisation = {"Harbin Institute of Technology", "", "CN"};
  auto diff = Diff(a, b);
  ASSERT_TRUE(diff.has_value());
  ASSERT_EQ(diff->items.size(), 1u);
  EXPECT_EQ(diff->items[0].rows[0].fields,
            (std::vector<FieldChange>{
                {"co_authors[0].organisation.name", "北京航空航天大学", "Harbin Institute of Technology"},
                {"co_authors[0].organisation.organisation_id", testing::Beihang().id, ""}}));
}

TEST(DisclosureDiffTest, RepeatedKeysAreMatchedInOrder) {
  Disclosure a = testing::AobaDisclosure();
  a.unpaid_posts.push_back(a.unpaid_posts[0]);
  a.unpaid_posts[1].start = "2024-04";
  Disclosure b = a;
  b.unpaid_posts[1].end = "2026-03";
  auto diff = Diff(a, b);
  ASSERT_TRUE(diff.has_value());
  ASSERT_EQ(diff->items.size(), 1u);
  ASSERT_EQ(diff->items[0].rows.size(), 1u);
  EXPECT_EQ(diff->items[0].rows[0].before_index, 1);
  EXPECT_EQ(diff->items[0].rows[0].fields, (std::vector<FieldChange>{{"end", "", "2026-03"}}));
}

TEST(DisclosureDiffTest, DisclosuresOfTwoPeopleAreNotCompared) {
  Disclosure other = testing::AobaDisclosure();
  other.person_id = testing::LiWei().id;
  auto diff = Diff(testing::AobaDisclosure(), other);
  ASSERT_FALSE(diff.has_value());
  EXPECT_EQ(diff.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(diff.error().message.find("person_id: the versions are of two people"), std::string::npos);
}

TEST(DisclosureDiffTest, DiffRoundTripsThroughJson) {
  auto diff = Diff(testing::AobaDisclosure(), Version2());
  ASSERT_TRUE(diff.has_value());
  std::string json = ToJson(*diff);
  EXPECT_NE(json.find("\"item\":\"side_jobs\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"kind\":\"removed\""), std::string::npos);
  auto back = FromJson<DisclosureDiff>(json);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, *diff);
  auto bad = FromJson<DisclosureDiff>(R"({"person_id":"p","items":[{"item":"nationality","rows":[]}]})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("items[0].item: unknown value \"nationality\""), std::string::npos);
}

}  // namespace
}  // namespace highfence::cases
