// SPDX-License-Identifier: Apache-2.0
#include "engines/text/normalizer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/data.h"

namespace highfence::text {
namespace {

Normalizer MakeNormalizer(const Options& options = {}) {
  auto n = Normalizer::Create(options);
  EXPECT_TRUE(n) << n.error().ToString();
  return *n;
}

// The original bytes behind the first occurrence of `needle` (normalised) in the text.
std::string OriginalOf(const std::string& original, const NormalizedText& t, const std::string& needle) {
  size_t at = t.text().find(needle);
  EXPECT_NE(at, std::string::npos) << "'" << needle << "' not in '" << t.text() << "'";
  if (at == std::string::npos) return {};
  Span o = t.ToOriginal({at, at + needle.size()});
  EXPECT_LE(o.end, original.size());
  return original.substr(o.begin, o.size());
}

TEST(NormalizerTest, HeaderExampleJoinsKanaWordBrokenAcrossLines) {
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize("量子センシ\nング");
  EXPECT_EQ(t.text(), "量子せんしんぐ");
  EXPECT_EQ(t.ToOriginal({0, t.text().size()}), (Span{0, std::string("量子センシ\nング").size()}));
}

TEST(NormalizerTest, HitInBrokenWordMapsBackIncludingTheLineBreak) {
  Normalizer n = MakeNormalizer();
  const std::string original = "量子センシ\nング技術の研究";
  NormalizedText t = n.Normalize(original);
  EXPECT_EQ(OriginalOf(original, t, n.NormalizeTerm("センシング")), "センシ\nング");
  EXPECT_EQ(OriginalOf(original, t, n.NormalizeTerm("技術")), "技術");
}

TEST(NormalizerTest, HalfWidthKatakanaHitMapsToItsOriginalBytes) {
  Normalizer n = MakeNormalizer();
  const std::string original = "単層ｸﾞﾗﾌｪﾝ膜の作製";
  NormalizedText t = n.Normalize(original);
  EXPECT_EQ(OriginalOf(original, t, n.NormalizeTerm("グラフェン")), "ｸﾞﾗﾌｪﾝ");
  EXPECT_EQ(OriginalOf(original, t, "膜"), "膜");
}

TEST(NormalizerTest, AsciiMapsByteForByte) {
  Normalizer n = MakeNormalizer();
  const std::string original = "Hypersonic GLIDE vehicle, 2019";
  NormalizedText t = n.Normalize(original);
  ASSERT_EQ(t.text(), "hypersonic glide vehicle, 2019");
  for (size_t b = 0; b <= original.size(); ++b) {
    for (size_t e = b; e <= original.size(); ++e) ASSERT_EQ(t.ToOriginal({b, e}), (Span{b, e}));
  }
}

TEST(NormalizerTest, FullWidthLetterMapsToItsThreeBytes) {
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize("ＥＵＶ露光");
  ASSERT_EQ(t.text(), "euv露光");
  EXPECT_EQ(t.ToOriginal({1, 2}), (Span{3, 6}));
  EXPECT_EQ(t.ToOriginal({0, 3}), (Span{0, 9}));
  EXPECT_EQ(t.ToOriginal({3, 9}), (Span{9, 15}));
}

TEST(NormalizerTest, KelvinSignFoldsToAsciiKAndMapsToItsThreeBytes) {
  Normalizer n = MakeNormalizer();
  const std::string original = "cooled to 4 \u212A";
  NormalizedText t = n.Normalize(original);
  EXPECT_EQ(t.text(), "cooled to 4 k");
  EXPECT_EQ(OriginalOf(original, t, "4 k"), "4 \u212A");
}

TEST(NormalizerTest, KeywordAndDocumentFormsMeet) {
  Normalizer n = MakeNormalizer();
  struct Case {
    const char* keyword;
    const char* document;
  } cases[] = {
      {"レーザー", "高出力レーザ加工装置"},   {"センサ", "ｾﾝｻｰを用いた計測"},
      {"ビッグデータ", "ビッグ・データ解析"}, {"hypersonic", "a HYPER-\nSONIC glide vehicle"},
      {"ＥＵＶ", "EUV lithography"},          {"コンピューター", "量子コンピュータの開発"},
  };
  for (const Case& c : cases) {
    EXPECT_NE(n.Normalize(c.document).text().find(n.NormalizeTerm(c.keyword)), std::string::npos)
        << c.keyword << " in " << c.document;
  }
}

TEST(NormalizerTest, NormalizeTermEqualsNormalizeText) {
  Normalizer n = MakeNormalizer();
  for (const char* s : {"レーザー", "量子センシ\nング", "ＬＡＳＥＲ ", " a\tb ", "x\xFFy", "ｸﾞﾗﾌｪﾝ", "Cafe\u0301"}) {
    EXPECT_EQ(n.NormalizeTerm(s), n.Normalize(s).text()) << s;
  }
}

TEST(NormalizerTest, WhitespaceRunMapsToTheWholeRun) {
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize("quantum \n sensing");
  ASSERT_EQ(t.text(), "quantum sensing");
  EXPECT_EQ(t.ToOriginal({7, 8}), (Span{7, 10}));
  EXPECT_EQ(t.ToOriginal({8, 15}), (Span{10, 17}));
}

TEST(NormalizerTest, JoinedHyphenatedWordMapsToTheWholeOriginal) {
  Normalizer n = MakeNormalizer();
  const std::string original = "a hyper-\nsonic glide";
  NormalizedText t = n.Normalize(original);
  EXPECT_EQ(OriginalOf(original, t, "hypersonic"), "hyper-\nsonic");
}

TEST(NormalizerTest, DroppedFinalLongVowelIsOutsideTheMappedHit) {
  Normalizer n = MakeNormalizer();
  const std::string original = "レーザー光";
  NormalizedText t = n.Normalize(original);
  ASSERT_EQ(t.text(), "れーざ光");
  EXPECT_EQ(OriginalOf(original, t, "れーざ"), "レーザ");
  EXPECT_EQ(OriginalOf(original, t, "れーざ光"), "レーザー光");
}

TEST(NormalizerTest, OptionsTurnEachFoldOff) {
  Options keep_kana;
  keep_kana.fold_kana = false;
  EXPECT_EQ(MakeNormalizer(keep_kana).NormalizeTerm("ｸﾞﾗﾌｪﾝ"), "グラフェン");
  EXPECT_EQ(MakeNormalizer(keep_kana).NormalizeTerm("量子センシング"), "量子センシング");
  Options keep_long_vowel;
  keep_long_vowel.drop_final_long_vowel = false;
  EXPECT_EQ(MakeNormalizer(keep_long_vowel).NormalizeTerm("レーザー"), "れーざー");
  Options keep_lines;
  keep_lines.join_broken_lines = false;
  EXPECT_EQ(MakeNormalizer(keep_lines).NormalizeTerm("量子センシ\nング"), "量子せんし んぐ");
  EXPECT_EQ(MakeNormalizer(keep_lines).NormalizeTerm("hyper-\nsonic"), "hyper- sonic");
}

TEST(NormalizerTest, EmptyInputGivesEmptyTextAndEmptyMap) {
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize("");
  EXPECT_EQ(t.text(), "");
  EXPECT_EQ(t.ToOriginal({0, 0}), (Span{0, 0}));
  EXPECT_EQ(n.NormalizeTerm(""), "");
}

TEST(NormalizerTest, InputThatFoldsToNothingMapsEmptySpansToItsEnd) {
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize("\u200B\uFEFF");
  EXPECT_EQ(t.text(), "");
  EXPECT_EQ(t.ToOriginal({0, 0}), (Span{6, 6}));
}

TEST(NormalizerTest, InvalidUtf8BecomesReplacementMappedToTheBadBytes) {
  Normalizer n = MakeNormalizer();
  const std::string original = "量子\xE3\x81センサ\xFF";
  NormalizedText t = n.Normalize(original);
  EXPECT_EQ(t.text(), "量子\uFFFDせんさ\uFFFD");
  EXPECT_EQ(OriginalOf(original, t, "\uFFFD"), "\xE3\x81");
  EXPECT_EQ(t.ToOriginal({t.text().size() - 3, t.text().size()}), (Span{original.size() - 1, original.size()}));
}

TEST(NormalizerTest, LoneSurrogateBytesAreInvalid) {
  Normalizer n = MakeNormalizer();
  // CESU-8 / WTF-8 style encodings of U+D800 and U+DC00: not UTF-8.
  NormalizedText t = n.Normalize("\xED\xA0\x80\xED\xB0\x80");
  EXPECT_EQ(t.text(), "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(t.ToOriginal({0, t.text().size()}), (Span{0, 6}));
  EXPECT_EQ(t.ToOriginal({3, 6}), (Span{1, 2}));
}

TEST(NormalizerTest, VeryLongLineKeepsEveryByteMapped) {
  Normalizer n = MakeNormalizer();
  std::string original;
  for (int i = 0; i < 20000; ++i) original += "Quantum センシング for ＥＵＶ lithography、";
  NormalizedText t = n.Normalize(original);
  const std::string unit = "quantum せんしんぐ for euv lithography、";
  ASSERT_EQ(t.text().size(), unit.size() * 20000);
  EXPECT_EQ(t.text().substr(0, unit.size()), unit);
  const size_t last = t.text().rfind("lithography");
  EXPECT_EQ(OriginalOf(original, t, "lithography、quantum"), "lithography、Quantum");
  EXPECT_EQ(original.substr(t.ToOriginal({last, last + 11}).begin, 11), "lithography");
  EXPECT_EQ(t.ToOriginal({0, t.text().size()}), (Span{0, original.size()}));
}

TEST(NormalizerTest, VeryLongLongVowelRunIsHeldAndResolved) {
  Normalizer n = MakeNormalizer();
  const std::string marks = [] {
    std::string s;
    for (int i = 0; i < 100000; ++i) s += "ー";
    return s;
  }();
  EXPECT_EQ(n.NormalizeTerm("ア" + marks), "あ");
  std::string expected = "あ";
  for (int i = 0; i < 100000; ++i) expected += "ー";
  EXPECT_EQ(n.NormalizeTerm("ア" + marks + "イ"), expected + "い");
}

TEST(NormalizerTest, IsSafeToShareBetweenThreads) {
  Normalizer n = MakeNormalizer();
  const std::string original = "ｸﾞﾗﾌｪﾝ and レーザー, Hyper-\nsonic";
  const std::string expected = n.Normalize(original).text();
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 200; ++k) got[i] = n.Normalize(original).text();
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
}

// ---- tests/cases/text/normalize.tsv: one named test per row ---------------------------------

struct NormalizeCase {
  std::string name;
  std::string input;
  std::string expected;
  int line = 0;
};

// Shown by gtest and ctest instead of a hex dump of the struct.
void PrintTo(const NormalizeCase& c, std::ostream* os) {
  *os << "normalize.tsv:" << c.line << " " << c.name;
}

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// \n \r \t \\ \uXXXX (code point) \xHH (raw byte).
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    if (c == 'n') {
      out += '\n';
    } else if (c == 'r') {
      out += '\r';
    } else if (c == 't') {
      out += '\t';
    } else if (c == 'u' && i + 4 < s.size()) {
      AppendUtf8(out, static_cast<unsigned>(std::stoul(s.substr(i + 1, 4), nullptr, 16)));
      i += 4;
    } else if (c == 'x' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoul(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Read when gtest registers the tests (also for --gtest_list_tests, run from the source root).
// A missing file becomes one failing case rather than no cases.
std::vector<NormalizeCase> LoadCases() {
  const std::filesystem::path path = testing::SourceDir() / "tests/cases/text/normalize.tsv";
  std::ifstream in(path);
  if (!in) return {{"MissingCasesFile", "", "cannot read " + path.string(), 0}};
  std::vector<NormalizeCase> cases;
  std::string line;
  int number = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // "name<TAB>input<TAB>expected"
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (line.back() == '\t') cols.push_back("");
    if (cols.size() == 2) cols.push_back("");
    if (cols.size() != 3) {
      cases.push_back({"BadRowAtLine" + std::to_string(number), "", "expected 3 columns", number});
      continue;
    }
    cases.push_back({cols[0], Unescape(cols[1]), Unescape(cols[2]), number});
  }
  return cases;
}

class NormalizeCasesTest : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeCasesTest, NormalizesAsTheTableSays) {
  const NormalizeCase& c = GetParam();
  ASSERT_NE(c.name, "MissingCasesFile") << c.expected;
  ASSERT_EQ(c.name.rfind("BadRowAtLine", 0), std::string::npos) << c.expected;
  Normalizer n = MakeNormalizer();
  NormalizedText t = n.Normalize(c.input);
  EXPECT_EQ(t.text(), c.expected) << "normalize.tsv:" << c.line;
  EXPECT_EQ(n.NormalizeTerm(c.input), c.expected) << "normalize.tsv:" << c.line;
  Span all = t.ToOriginal({0, t.text().size()});
  EXPECT_LE(all.begin, all.end);
  EXPECT_LE(all.end, c.input.size());
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizeCasesTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<NormalizeCase>& row) { return row.param.name; });

}  // namespace
}  // namespace highfence::text
