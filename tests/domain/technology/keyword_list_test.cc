// SPDX-License-Identifier: Apache-2.0
#include "domain/technology/keyword_list.h"

#include <gtest/gtest.h>

#include "tests/support/data.h"

namespace highfence::technology {
namespace {

constexpr char kHeader[] =
    "# name: 輸出貿易管理令 別表第一\n# source_document: export_control\n# source: test\n# as_of: 2026-06-05\n"
    "# licence: public domain\n"
    "id\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n";

TEST(KeywordListTest, ParsesRowsWithVariantsAreasAndProvenance) {
  std::string file =
      std::string(kHeader) +
      "ec-jp-04-19-1\tja\t重力勾配計\t\t10;16\texport_control\t別表第一 四(十九)\textracted\t0.9\t\n"
      "ec-jp-04-19-2\ten\tgravity gradiometer\tgravity gradiometers|gravimeter\t10\texport_control\t別表第一 "
      "四(十九)\ttranslated_here\t0.85\tour translation\n";
  KeywordList list;
  ASSERT_TRUE(ParseKeywordFile(file, "ec.tsv", list));
  ASSERT_TRUE(Finalize(list));
  ASSERT_EQ(list.keywords.size(), 2u);
  const Keyword& k = list.keywords[1];
  EXPECT_EQ(k.term, "gravity gradiometer");
  EXPECT_EQ(k.variants, (std::vector<std::string>{"gravity gradiometers", "gravimeter"}));
  EXPECT_EQ(list.keywords[0].areas, (std::vector<int>{10, 16}));
  EXPECT_EQ(k.derivation, Derivation::kTranslatedHere);
  EXPECT_EQ(k.line, 8);
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_EQ(list.files[0].as_of, "2026-06-05");
  EXPECT_EQ(list.files[0].rows, 2);
  EXPECT_EQ(list.version.rfind("kw-", 0), 0u);
  EXPECT_EQ(list.version.size(), 19u);
}

struct BadRow {
  const char* row;
  const char* expected;  // substring of the message
};

TEST(KeywordListTest, RejectsBadRowsNamingFileLineAndColumn) {
  const BadRow cases[] = {
      {"x1\tfr\tlaser\t\t10\texport_control\tEU 6A005\textracted\t0.3\t\n", "k.tsv:7: column \"lang\""},
      {"x1\ten\tlaser\t\t21\texport_control\tEU 6A005\textracted\t0.3\t\n", "k.tsv:7: column \"areas\""},
      {"x1\ten\tlaser\t\t10\tmatrix\tEU 6A005\textracted\t0.3\t\n", "k.tsv:7: column \"source_doc\""},
      {"x1\ten\tlaser\t\t10\texport_control\t\textracted\t0.3\t\n", "k.tsv:7: column \"source_ref\""},
      {"x1\ten\tlaser\t\t10\texport_control\tEU 6A005\tguessed\t0.3\t\n", "k.tsv:7: column \"derivation\""},
      {"x1\ten\tlaser\t\t10\texport_control\tEU 6A005\textracted\theavy\t\n", "k.tsv:7: column \"weight\""},
      {"x1\ten\t\t\t10\texport_control\tEU 6A005\textracted\t0.3\t\n", "k.tsv:7: column \"term\""},
      {"x1\ten\tlaser\t10\texport_control\n", "k.tsv:7: expected 10"},
  };
  for (const auto& c : cases) {
    KeywordList list;
    auto r = ParseKeywordFile(std::string(kHeader) + c.row, "k.tsv", list);
    ASSERT_FALSE(r) << c.row;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
  }
}

TEST(KeywordListTest, RejectsMissingMetadataAndDuplicateIds) {
  KeywordList list;
  auto r = ParseKeywordFile("id\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n",
                            "m.tsv", list);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("# name"), std::string::npos);

  KeywordList dup;
  std::string row =
      "same\ten\tscramjet\t\t18\tpatent_secrecy\t特定技術分野 スクラムジェットエンジン技術\ttranslated_here\t0.95\t\n";
  ASSERT_TRUE(ParseKeywordFile(std::string(kHeader) + row, "a.tsv", dup));
  ASSERT_TRUE(ParseKeywordFile(std::string(kHeader) + row, "b.tsv", dup));
  auto f = Finalize(dup);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("b.tsv:7"), std::string::npos) << f.error().message;
  EXPECT_NE(f.error().message.find("a.tsv:7"), std::string::npos);
}

TEST(KeywordListTest, ShippedListsLoadAndCoverEveryAreaInBothLanguages) {
  auto list = LoadKeywordDirectory(testing::RepoPath("data/keywords"));
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_GE(list->keywords.size(), 800u);
  for (const auto& area : TechnologyAreas()) {
    int ja = 0, en = 0;
    for (const auto& k : list->keywords)
      if (std::find(k.areas.begin(), k.areas.end(), area.number) != k.areas.end()) (k.lang == "ja" ? ja : en)++;
    EXPECT_GT(ja, 0) << "area " << area.number << " " << area.name_ja << " has no Japanese keyword";
    EXPECT_GT(en, 0) << "area " << area.number << " " << area.name_en << " has no English keyword";
  }
  EXPECT_FALSE(list->cues.empty());
}

}  // namespace
}  // namespace highfence::technology
