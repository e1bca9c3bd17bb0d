// SPDX-License-Identifier: Apache-2.0
#include "domain/screening/screener.h"

#include <gtest/gtest.h>

#include "tests/support/data.h"

namespace highfence::screening {
namespace {

constexpr char kKeywords[] =
    "# name: test list\n# source_document: export_control\n# source: test\n# as_of: 2026-06-05\n# licence: test\n"
    "id\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n"
    "q-ja\tja\t量子センシング\t\t9;10\tcritical_tech\t特定重要技術 量子\tsynonym_here\t0.85\t\n"
    "q-en\ten\tquantum sensing\t\t9;10\tcritical_tech\t特定重要技術 量子\ttranslated_here\t0.85\t\n"
    "s-ja\tja\tセンサー\t\t10\ttech_areas\t重要技術領域 10\textracted\t0.2\t\n"
    "s-en\ten\tsensing\t\t10\ttech_areas\t重要技術領域 10\ttranslated_here\t0.2\t\n"
    "h-en\ten\thypersonic\tscramjet\t18\tpatent_secrecy\t特定技術分野 "
    "スクラムジェットエンジン技術\ttranslated_here\t0.9\t\n"
    "g-en\ten\tgravity gradiometer\t\t10;16\texport_control\t別表第一 四(十九)\ttranslated_here\t0.9\t\n";
constexpr char kCues[] =
    "# name: cues\n# source_document: readiness\n# source: highfence\n# as_of: 2026-11-01\n# licence: Apache-2.0\n"
    "id\tlang\tterm\tvariants\tcue\tnote\n"
    "c1\tja\t試作\t\tprototype\t\n"
    "c2\tja\t試作機\t\tprototype\t\n"
    "c3\ten\tfield trial\t\tfield_trial\t\n";

Screener MakeScreener() {
  technology::KeywordList list;
  EXPECT_TRUE(technology::ParseKeywordFile(kKeywords, "kw.tsv", list));
  EXPECT_TRUE(technology::ParseReadinessCueFile(kCues, "readiness_cues.tsv", list));
  EXPECT_TRUE(technology::Finalize(list));
  auto s = Screener::Create(std::move(list), {});
  EXPECT_TRUE(s) << s.error().message;
  return *s;
}

documents::Document Doc(std::string text, std::vector<documents::Page> pages = {}) {
  documents::Document d;
  d.name = "proposal.pdf";
  d.format = documents::Format::kPdf;
  d.text = std::move(text);
  d.pages = std::move(pages);
  return d;
}

TEST(ScreenerTest, HitAcrossAPdfLineBreakIsShownInTheOriginalWithItsPage) {
  Screener s = MakeScreener();
  std::string page1 = "研究課題名：海洋観測\n";
  std::string page2 = "本研究は量子センシ\nングを用いた試作機を開発する。";
  auto d = Doc(page1 + page2, {{1, 0, page1.size()}, {2, page1.size(), page1.size() + page2.size()}});
  ScreeningResult r = s.Screen(d, std::nullopt);
  ASSERT_EQ(r.hits.size(), 1u);  // センサー/sensing inside the longer hit are not counted again
  const KeywordHit& h = r.hits[0];
  EXPECT_EQ(s.keywords().keywords[h.keyword].id, "q-ja");
  EXPECT_EQ(h.page, 2);
  EXPECT_EQ(d.text.substr(h.span.begin, h.span.size()), "量子センシ\nング");
  EXPECT_TRUE(h.passage->before.ends_with("本研究は")) << h.passage->before;  // the line break became a space
  ASSERT_EQ(r.cues.size(), 1u);  // 試作機 once, not 試作 again inside it
  EXPECT_EQ(s.keywords().cues[r.cues[0].cue].id, "c2");
  EXPECT_EQ(r.cues[0].page, 2);
}

TEST(ScreenerTest, FullWidthAndCaseVariantsOfEnglishKeywordsHit) {
  Screener s = MakeScreener();
  ScreeningResult r = s.Screen(
      Doc("ＨＹＰＥＲＳＯＮＩＣ flight and Gravity Gradiometers on board; the nation's sensing"), std::nullopt);
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(s.keywords().keywords[h.keyword].id);
  EXPECT_EQ(ids, (std::vector<std::string>{"h-en", "g-en", "s-en"}));
  EXPECT_EQ(r.hits[0].matched, "ＨＹＰＥＲＳＯＮＩＣ");
  EXPECT_EQ(r.hits[1].matched, "Gravity Gradiometer");  // the plural "s" is accepted, not part of the hit
}

TEST(ScreenerTest, EvidenceAndAreasSummariseDistinctKeywords) {
  Screener s = MakeScreener();
  ScreeningResult r = s.Screen(Doc("quantum sensing, quantum sensing and a scramjet. センサー"), std::nullopt);
  ASSERT_EQ(r.evidence.size(), 3u);
  EXPECT_EQ(r.evidence[0].keyword_id, "h-en");  // most specific first
  EXPECT_EQ(r.evidence[1].keyword_id, "q-en");
  EXPECT_EQ(r.evidence[1].occurrences, 2);
  ASSERT_FALSE(r.areas.empty());
  EXPECT_EQ(r.areas[0].area, 18);
  EXPECT_EQ(r.classification.keyword_hit, rules::KeywordHit::kYes);
  EXPECT_FALSE(r.classification.level);  // no answers: a range
  EXPECT_FALSE(r.keyword_list_version.empty());
}

TEST(ScreenerTest, PassagesAreKeptForTheFirstOccurrencesOfEachKeywordOnly) {
  Screener s = MakeScreener();
  std::string text;
  for (int i = 0; i < 8; ++i) text += "The scramjet inlet. ";
  ScreeningResult r = s.Screen(Doc(text), std::nullopt);
  ASSERT_EQ(r.hits.size(), 8u);
  for (size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_EQ(r.hits[i].passage.has_value(), i < 5) << i;  // Options::passages_per_keyword = 5
    EXPECT_EQ(r.hits[i].matched, "scramjet");
  }
  EXPECT_EQ(r.evidence[0].occurrences, 8);
}

TEST(ScreenerTest, AnswersDecideTheLevel) {
  Screener s = MakeScreener();
  rules::ReadinessAnswers a;
  a.scope = rules::DevelopmentScope::kSystem;
  a.trl_start = 4;
  a.trl_end = 7;
  a.implementation_within_period = true;
  ScreeningResult red = s.Screen(Doc("hypersonic field trial"), a);
  ASSERT_TRUE(red.classification.level);
  EXPECT_EQ(*red.classification.level, rules::RiskLevel::kRed);
  ScreeningResult green = s.Screen(Doc("江戸時代の俳諧と出版文化"), a);
  EXPECT_EQ(*green.classification.level, rules::RiskLevel::kGreen);
  EXPECT_TRUE(green.hits.empty());
}

TEST(ScreenerTest, CreateRejectsAKeywordThatNormalisesToNothing) {
  technology::KeywordList list;
  std::string file = std::string(kKeywords).substr(0, std::string(kKeywords).find("q-ja")) +
                     "blank\ten\t\xE3\x80\x80\t\t9\tcritical_tech\tx\tsynonym_here\t0.5\t\n";  // an ideographic space
  ASSERT_TRUE(technology::ParseKeywordFile(file, "kw.tsv", list));
  ASSERT_TRUE(technology::Finalize(list));
  auto s = Screener::Create(std::move(list), {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("blank"), std::string::npos);
}

}  // namespace
}  // namespace highfence::screening
