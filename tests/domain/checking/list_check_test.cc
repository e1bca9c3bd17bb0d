// SPDX-License-Identifier: Apache-2.0
// checking::CheckNames on two small hand-made list snapshots: every written name of a subject is
// checked, an entry found under several names is one hit with its best score, hits are best
// first (equal scores by list, then entry), pinned to every snapshot the checker holds.
#include "domain/checking/list_check.h"

#include <gtest/gtest.h>

namespace highfence::checking {
namespace {

model::ListEntry Entry(std::string list, std::string id, model::EntityType type, std::vector<model::Name> names) {
  model::ListEntry e;
  e.list_id = std::move(list);
  e.entry_id = std::move(id);
  e.type = type;
  e.names = std::move(names);
  return e;
}

model::ListSnapshot Snapshot(std::string list, std::string version, char hash, std::vector<model::ListEntry> entries) {
  model::ListSnapshot s;
  s.list_id = std::move(list);
  s.version_date = std::move(version);
  s.content_hash = "sha256:" + std::string(64, hash);
  s.entries = std::move(entries);
  return s;
}

// us_entity_list lists Beihang under its English name and its Chinese one; jp_meti_eul lists it
// under the English name only, and a person on the US list.
const EntityChecker& Checker() {
  static const EntityChecker* checker = [] {
    using model::EntityType;
    using model::NameKind;
    std::vector<model::ListSnapshot> snapshots = {
        Snapshot("us_entity_list", "2025-09-29", 'a',
                 {Entry("us_entity_list", "el-beihang", EntityType::kOrganisation,
                        {{"Beihang University", "en", "Latn", NameKind::kPrimary},
                         {"北京航空航天大学", "zh", "Hani", NameKind::kAlias}}),
                  Entry("us_entity_list", "el-person-1", EntityType::kPerson,
                        {{"RADULAN SAHIRON", "en", "Latn", NameKind::kPrimary}})}),
        Snapshot("jp_meti_eul", "2025-01-31", 'b',
                 {Entry("jp_meti_eul", "eul-12", EntityType::kOrganisation,
                        {{"Beihang University", "en", "Latn", NameKind::kPrimary}})})};
    auto built = EntityChecker::Build(std::move(snapshots), std::nullopt, {});
    EXPECT_TRUE(built) << built.error().message;
    return new EntityChecker(std::move(*built));
  }();
  return *checker;
}

TEST(CheckNamesTest, AnOrganisationUnderTwoScriptsIsOneHitPerEntryPinnedToEverySnapshot) {
  const cases::Subject subject{cases::SubjectKind::kOrganisation, "org_beihang"};
  const std::vector<cases::Name> names = {{"北京航空航天大学", cases::NameScript::kKanji},
                                          {"Beihang University", cases::NameScript::kLatin}};
  cases::ListCheck lc = CheckNames(Checker(), subject, names, "CN");
  EXPECT_EQ(lc.subject, subject);
  EXPECT_EQ(lc.query, "北京航空航天大学");
  ASSERT_EQ(lc.snapshots.size(), 2u);
  EXPECT_EQ(lc.snapshots[0].list_id, "us_entity_list");
  EXPECT_EQ(lc.snapshots[0].version_date, "2025-09-29");
  EXPECT_EQ(lc.snapshots[1].content_hash, "sha256:" + std::string(64, 'b'));
  // el-beihang matched under both names: once. Both entries exact: equal scores, by list id.
  ASSERT_EQ(lc.hits.size(), 2u);
  EXPECT_EQ(lc.hits[0].snapshot.list_id, "jp_meti_eul");
  EXPECT_EQ(lc.hits[0].entry_id, "eul-12");
  EXPECT_EQ(lc.hits[1].snapshot.list_id, "us_entity_list");
  EXPECT_EQ(lc.hits[1].entry_id, "el-beihang");
  EXPECT_EQ(lc.hits[1].snapshot.version_date, "2025-09-29");
  EXPECT_EQ(lc.hits[1].primary_name, "Beihang University");
  EXPECT_DOUBLE_EQ(lc.hits[0].score, lc.hits[1].score);
  for (const cases::ListHitRef& h : lc.hits) EXPECT_FALSE(h.explanation.empty()) << h.entry_id;
}

TEST(CheckNamesTest, TheBestScoreOfAnEntryIsKeptAndHitsAreBestFirst) {
  const cases::Subject subject{cases::SubjectKind::kOrganisation, "org_beihang"};
  // A misspelt English name alone scores below the exact Chinese one for el-beihang.
  const std::vector<cases::Name> misspelt = {{"Beihang Universty", cases::NameScript::kLatin}};
  cases::ListCheck weak = CheckNames(Checker(), subject, misspelt, "");
  const std::vector<cases::Name> both = {{"Beihang Universty", cases::NameScript::kLatin},
                                         {"北京航空航天大学", cases::NameScript::kKanji}};
  cases::ListCheck lc = CheckNames(Checker(), subject, both, "");
  EXPECT_EQ(lc.query, "Beihang Universty");
  ASSERT_FALSE(lc.hits.empty());
  EXPECT_EQ(lc.hits[0].entry_id, "el-beihang");
  EXPECT_EQ(lc.hits[0].matched_name, "北京航空航天大学");
  for (const cases::ListHitRef& h : weak.hits) {
    if (h.entry_id == "el-beihang") {
      EXPECT_LT(h.score, lc.hits[0].score);
    }
  }
  for (size_t i = 1; i < lc.hits.size(); ++i) EXPECT_GE(lc.hits[i - 1].score, lc.hits[i].score);
  size_t beihang = 0;
  for (const cases::ListHitRef& h : lc.hits) beihang += h.entry_id == "el-beihang";
  EXPECT_EQ(beihang, 1u);
}

TEST(CheckNamesTest, APersonIsCheckedAsAPersonAndNoNamesGiveNoHits) {
  const cases::Subject person{cases::SubjectKind::kPerson, "person_1"};
  cases::ListCheck lc =
      CheckNames(Checker(), person, std::vector<cases::Name>{{"Radulan Sahiron", cases::NameScript::kLatin}}, "");
  ASSERT_EQ(lc.hits.size(), 1u);
  EXPECT_EQ(lc.hits[0].entry_id, "el-person-1");
  cases::ListCheck none = CheckNames(Checker(), person, {}, "");
  EXPECT_TRUE(none.hits.empty());
  EXPECT_EQ(none.query, "");
  EXPECT_EQ(none.snapshots.size(), 2u);  // what was checked against, even with nothing to check
}

}  // namespace
}  // namespace highfence::checking
