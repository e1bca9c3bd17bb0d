// SPDX-License-Identifier: Apache-2.0
#include "engines/text/passage.h"

#include <gtest/gtest.h>

#include <string>

namespace highfence::text {
namespace {

Span Find(const std::string& haystack, const std::string& needle) {
  size_t at = haystack.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {at, at + needle.size()};
}

TEST(PassageTest, CountsContextInCodePointsNotBytes) {
  const std::string text = "柔軟鋼板製造時の品質向上のため非接触に鋼板を支持する磁気浮上技術が提案されている";
  Passage p = MakePassage(text, Find(text, "磁気浮上"), 5);
  EXPECT_EQ(p.before, "を支持する");
  EXPECT_EQ(p.match, "磁気浮上");
  EXPECT_EQ(p.after, "技術が提案");
}

TEST(PassageTest, StopsAtJapaneseSentenceEnds) {
  const std::string text =
      "産業界での実用化には至っていない。本研究では磁気浮上システムを提案する。次に制御を明らかにする。";
  Passage p = MakePassage(text, Find(text, "磁気浮上"), 40);
  EXPECT_EQ(p.before, "本研究では");
  EXPECT_EQ(p.after, "システムを提案する。");
}

TEST(PassageTest, StopsAtEnglishSentenceEndsButNotDecimalPoints) {
  const std::string text =
      "Prior work used version 2.5 of the code. This project develops hypersonic glide models at Mach 5.5 and "
      "above. It also trains students.";
  Passage p = MakePassage(text, Find(text, "hypersonic"), 80);
  EXPECT_EQ(p.before, "This project develops ");
  EXPECT_EQ(p.after, " glide models at Mach 5.5 and above.");
}

TEST(PassageTest, WhitespaceRunsAndLineBreaksBecomeOneSpace) {
  const std::string text = "a new\n\n  hyper-\nsonic\t\tglide\r\nvehicle";
  Passage p = MakePassage(text, Find(text, "hyper-\nsonic"), 20);
  EXPECT_EQ(p.before, "a new ");
  EXPECT_EQ(p.match, "hyper- sonic");
  EXPECT_EQ(p.after, " glide vehicle");
}

TEST(PassageTest, IdeographicSpaceIsWhitespace) {
  const std::string text = "研究　量子センシング　技術";
  Passage p = MakePassage(text, Find(text, "量子センシング"), 10);
  EXPECT_EQ(p.before, "研究 ");
  EXPECT_EQ(p.after, " 技術");
}

TEST(PassageTest, HitAtTheEdgesHasEmptyContext) {
  const std::string text = "レーザー加工";
  Passage start = MakePassage(text, Find(text, "レーザー"), 10);
  EXPECT_EQ(start.before, "");
  EXPECT_EQ(start.after, "加工");
  Passage end = MakePassage(text, Find(text, "加工"), 10);
  EXPECT_EQ(end.before, "レーザー");
  EXPECT_EQ(end.after, "");
}

TEST(PassageTest, ZeroContextGivesOnlyTheMatch) {
  const std::string text = "量子コンピュータの開発";
  Passage p = MakePassage(text, Find(text, "コンピュータ"), 0);
  EXPECT_EQ(p.before, "");
  EXPECT_EQ(p.match, "コンピュータ");
  EXPECT_EQ(p.after, "");
}

TEST(PassageTest, InvalidUtf8InContextBecomesReplacementWithoutSplitting) {
  const std::string text = "ab\xFF量子\xE3\x81センサ";
  Passage p = MakePassage(text, Find(text, "センサ"), 3);
  // Walking back, each byte of the bad sequence is one step; it prints as one U+FFFD.
  EXPECT_EQ(p.before, "子\uFFFD");
  EXPECT_EQ(p.match, "センサ");
  Passage all = MakePassage(text, Find(text, "量子"), 10);
  EXPECT_EQ(all.before, "ab\uFFFD");
  EXPECT_EQ(all.after, "\uFFFDセンサ");
}

TEST(PassageTest, EmptySpanGivesContextAroundAPoint) {
  const std::string text = "量子センシング";
  Passage p = MakePassage(text, Span{6, 6}, 2);
  EXPECT_EQ(p.before, "量子");
  EXPECT_EQ(p.match, "");
  EXPECT_EQ(p.after, "セン");
}

}  // namespace
}  // namespace highfence::text
