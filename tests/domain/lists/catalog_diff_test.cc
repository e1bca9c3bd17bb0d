// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "domain/lists/catalog.h"
#include "domain/lists/diff.h"
#include "domain/lists/us_bis_mieu/us_bis_mieu.h"
#include "tests/support/data.h"

namespace highfence::lists {
namespace {

TEST(CatalogTest, EveryListHasAnImporterAndItsDefaultFileImports) {
  EXPECT_EQ(Catalog().size(), 13u);
  for (const CatalogEntry& c : Catalog()) {
    EXPECT_FALSE(c.info.title.empty()) << c.info.id;
    EXPECT_FALSE(c.info.licence.empty()) << c.info.id;
    EXPECT_TRUE(c.import != nullptr || c.import_registry != nullptr) << c.info.id;
    if (c.info.default_file.empty() || c.import_registry != nullptr) continue;  // watch list; ror tested apart
    if (c.info.id == "ofac" || c.info.id == "jp_mof_asset_freeze") continue;    // large; tested apart
    auto s = c.import(testing::SharedData(c.info.default_file));
    ASSERT_TRUE(s) << c.info.id << ": " << s.error().message;
    EXPECT_EQ(s->list_id, c.info.id);
    EXPECT_EQ(s->licence, c.info.licence);
    EXPECT_FALSE(s->entries.empty()) << c.info.id;
  }
}

TEST(CatalogTest, OpenSanctionsTranscriptionsAreMarkedNonCommercial) {
  for (const char* id : {"us_dod_1286", "us_dod_1260h", "us_bis_mieu"}) {
    const CatalogEntry* c = FindList(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_NE(c->info.licence.find("CC BY-NC 4.0"), std::string::npos) << id;
  }
  EXPECT_EQ(FindList("nope"), nullptr);
}

TEST(DiffTest, FindsAddedRemovedAndChangedEntriesById) {
  auto a = ImportUsBisMieu(testing::SharedData("lists/us_bis_mieu/mieu_opensanctions.csv"));
  ASSERT_TRUE(a);
  model::ListSnapshot b = *a;
  EXPECT_TRUE(Diff(*a, b).empty());
  b.entries.erase(b.entries.begin());                                                  // removed
  b.entries[0].names.push_back({"NEW ALIAS", "en", "Latn", model::NameKind::kAlias});  // changed
  b.entries[1].source_line += 10;                                                      // moved only: not a change
  model::ListEntry added = b.entries[2];
  added.entry_id = "new-entry";
  b.entries.push_back(added);
  ListDiff d = Diff(*a, b);
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].entry_id, "directorate-of-military-intelligence");
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].after.names.back().text, "NEW ALIAS");
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].entry_id, "new-entry");
}

}  // namespace
}  // namespace highfence::lists
