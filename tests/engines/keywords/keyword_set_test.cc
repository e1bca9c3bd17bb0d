// SPDX-License-Identifier: Apache-2.0
#include "engines/keywords/keyword_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace highfence::keywords {
namespace {

std::vector<std::string> Found(const KeywordSet& set, std::string_view text) {
  std::vector<std::string> out;
  for (const Hit& h : set.Scan(text))
    out.push_back(std::to_string(h.id) + ":" + std::string(text.substr(h.begin, h.end - h.begin)));
  return out;
}

KeywordSet MustBuild(std::vector<Pattern> patterns, Options options = {}) {
  auto set = KeywordSet::Build(patterns, options);
  EXPECT_TRUE(set) << set.error().message;
  return *set;
}

TEST(KeywordSetTest, EnglishPatternDoesNotHitInsideAWord) {
  KeywordSet set = MustBuild({{"ion", 1}, {"laser", 2}});
  EXPECT_TRUE(Found(set, "the nation's ionization facility").empty());
  EXPECT_EQ(Found(set, "ion beam and laser"), (std::vector<std::string>{"1:ion", "2:laser"}));
}

TEST(KeywordSetTest, EnglishPluralIsAccepted) {
  KeywordSet set = MustBuild({{"gravity gradiometer", 7}, {"laser", 2}});
  EXPECT_EQ(Found(set, "airborne gravity gradiometers, and lasers."),
            (std::vector<std::string>{"7:gravity gradiometer", "2:laser"}));
  EXPECT_TRUE(Found(set, "laserless").empty());
}

TEST(KeywordSetTest, CjkPatternMatchesInsideRunningText) {
  // Japanese has no spaces: 量子せんしんぐ (normalised 量子センシング) inside a sentence must hit.
  KeywordSet set = MustBuild({{"量子せんしんぐ", 3}, {"重力勾配計", 4}});
  EXPECT_EQ(Found(set, "本研究は量子せんしんぐ技術と重力勾配計を用いる"),
            (std::vector<std::string>{"3:量子せんしんぐ", "4:重力勾配計"}));
}

TEST(KeywordSetTest, MixedScriptPatternKeepsBoundaryOnlyOnLatinEnd) {
  KeywordSet set = MustBuild({{"euvりそぐらふぃ", 5}});
  EXPECT_EQ(Found(set, "次世代euvりそぐらふぃ用"), (std::vector<std::string>{"5:euvりそぐらふぃ"}));
  EXPECT_TRUE(Found(set, "xeuvりそぐらふぃ").empty());
}

TEST(KeywordSetTest, OverlappingPatternsAreAllReportedLongestFirst) {
  KeywordSet set = MustBuild({{"sensing", 1}, {"quantum sensing", 2}});
  EXPECT_EQ(Found(set, "quantum sensing"), (std::vector<std::string>{"2:quantum sensing", "1:sensing"}));
}

TEST(KeywordSetTest, SamePatternTextUnderSeveralIdsReportsEach) {
  KeywordSet set = MustBuild({{"scramjet", 10}, {"scramjet", 11}, {"scramjet", 10}});
  EXPECT_EQ(set.pattern_count(), 3u);
  EXPECT_EQ(Found(set, "a scramjet engine"), (std::vector<std::string>{"10:scramjet", "11:scramjet"}));
}

TEST(KeywordSetTest, BuildRejectsEmptyPatternNamingItsId) {
  auto set = KeywordSet::Build(std::vector<Pattern>{{"laser", 1}, {"", 42}}, {});
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(set.error().message.find("42"), std::string::npos);
}

TEST(KeywordSetTest, EmptySetHitsNothing) {
  KeywordSet set = MustBuild({});
  EXPECT_TRUE(set.Scan("anything").empty());
}

TEST(KeywordSetTest, AccentedLatinLetterContinuesAWord) {
  KeywordSet set = MustBuild({{"cafe", 1}});
  EXPECT_TRUE(Found(set, "cafeé").empty());
  EXPECT_EQ(Found(set, "un cafe."), (std::vector<std::string>{"1:cafe"}));
}

}  // namespace
}  // namespace highfence::keywords
