// SPDX-License-Identifier: Apache-2.0
#include "domain/technology/official_import.h"

#include <gtest/gtest.h>

#include "domain/technology/keyword_list.h"

namespace highfence::technology {
namespace {

// The layout of a 特許出願非公開 特定技術分野 table as a user might hold it (項番, field, IPC);
// the field names are the ones publicly reported (../shared/data/technology/jp_patent_secrecy).
std::vector<TableRow> PatentSecrecyTable() {
  return {{1, {"項番", "特定技術分野", "IPC"}},
          {2, {"1", "航空機等の偽装・隠ぺい技術", "F41H3/00"}},
          {3, {"2", "武器等に関係する無人航空機・自律制御技術", "B64C"}},
          {4, {"3", "スクラムジェットエンジン技術\n", "F02K7/14"}},
          {5, {"4", "", "G21C"}},
          {6, {"5", "ウラン・プルトニウムの同位体分離技術", "B01D59"}}};
}

OfficialImportOptions Options() {
  OfficialImportOptions o;
  o.file_name = "hikoukai_fields.csv";
  o.term_column = "特定技術分野";
  o.ref_column = "項番";
  o.ref_prefix = "特定技術分野 ";
  o.default_areas = {18, 19};
  o.source_doc = SourceDocument::kPatentSecrecy;
  o.weight = 0.9;
  o.id_prefix = "ps-import";
  o.name = "特許出願非公開 特定技術分野 (official)";
  o.as_of = "2024-05-01";
  return o;
}

TEST(OfficialImportTest, ConvertsRowsIntoAValidKeywordFileTracedToTheirLines) {
  auto r = ConvertOfficialTable(PatentSecrecyTable(), Options());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->keywords, 4);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0], "hikoukai_fields.csv:5: column \"特定技術分野\" is empty");
  KeywordList list;
  ASSERT_TRUE(ParseKeywordFile(r->tsv, "hikoukai_fields.tsv", list));
  ASSERT_EQ(list.keywords.size(), 4u);
  const Keyword& k = list.keywords[2];
  EXPECT_EQ(k.term, "スクラムジェットエンジン技術");  // the line break in the cell is gone
  EXPECT_EQ(k.source_ref, "特定技術分野 3");
  EXPECT_EQ(k.source_doc, SourceDocument::kPatentSecrecy);
  EXPECT_EQ(k.derivation, Derivation::kVerbatim);
  EXPECT_EQ(k.areas, (std::vector<int>{18, 19}));
  EXPECT_EQ(k.note, "hikoukai_fields.csv:4");
  EXPECT_EQ(list.files[0].as_of, "2024-05-01");
}

TEST(OfficialImportTest, SplitsACellIntoExtractedKeywords) {
  OfficialImportOptions o = Options();
  o.split = {"・"};
  auto r = ConvertOfficialTable(PatentSecrecyTable(), o);
  ASSERT_TRUE(r);
  KeywordList list;
  ASSERT_TRUE(ParseKeywordFile(r->tsv, "x.tsv", list));
  EXPECT_EQ(list.keywords[0].term, "航空機等の偽装");
  EXPECT_EQ(list.keywords[1].term, "隠ぺい技術");
  EXPECT_EQ(list.keywords[0].derivation, Derivation::kExtracted);
}

TEST(OfficialImportTest, UnknownColumnNamesTheHeaderFound) {
  OfficialImportOptions o = Options();
  o.term_column = "技術分野名";
  auto r = ConvertOfficialTable(PatentSecrecyTable(), o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("\"技術分野名\""), std::string::npos);
  EXPECT_NE(r.error().message.find("\"特定技術分野\""), std::string::npos) << r.error().message;
}

TEST(OfficialImportTest, AreasAreRequired) {
  OfficialImportOptions o = Options();
  o.default_areas.clear();
  EXPECT_FALSE(ConvertOfficialTable(PatentSecrecyTable(), o));
  o.default_areas = {21};
  EXPECT_FALSE(ConvertOfficialTable(PatentSecrecyTable(), o));
}

}  // namespace
}  // namespace highfence::technology
