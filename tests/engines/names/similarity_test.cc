// SPDX-License-Identifier: Apache-2.0
// The hand-written scorers of the names engine (internal): bit-parallel Levenshtein against
// the textbook dynamic programme, Jaro-Winkler on reference values, token-set behaviour.
#include "engines/names/internal/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace highfence::names::internal {
namespace {

size_t ReferenceLevenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(SimilarityTest, BitParallelLevenshteinAgreesWithDynamicProgramme) {
  std::mt19937 rng(7);
  const std::u32string alphabet = U"abcde北京大学東";
  for (int round = 0; round < 2000; ++round) {
    std::u32string a, b;
    const size_t la = rng() % 70, lb = rng() % 70;  // crosses the 64-character word
    for (size_t i = 0; i < la; ++i) a += alphabet[rng() % alphabet.size()];
    for (size_t i = 0; i < lb; ++i) b += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(Levenshtein(a, b), ReferenceLevenshtein(a, b)) << round;
  }
}

TEST(SimilarityTest, JaroWinklerReferenceValues) {
  EXPECT_NEAR(JaroWinkler(std::string_view("martha"), std::string_view("marhta")), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler(std::string_view("dixon"), std::string_view("dicksonx")), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler(std::string_view("beihang"), std::string_view("beihang")), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(std::string_view("abc"), std::string_view("xyz")), 0.0);
  EXPECT_NEAR(JaroWinkler(std::u32string_view(U"哈尔滨工业"), std::u32string_view(U"哈尔滨工程")), 0.92, 0.01);
}

TEST(SimilarityTest, TokenSetIgnoresOrderAndWeighsFormWordsDown) {
  const std::vector<WeightedToken> a = {{"harbin", kNoId, 1.0f}, {"institute", kNoId, 0.15f, TokenClass::kForm}};
  const std::vector<WeightedToken> b = {{"institute", kNoId, 0.15f, TokenClass::kForm}, {"harbin", kNoId, 1.0f}};
  EXPECT_DOUBLE_EQ(TokenSet(a, b).score, 1.0);
  const std::vector<WeightedToken> c = {{"engineering", kNoId, 1.0f}, {"institute", kNoId, 0.15f, TokenClass::kForm}};
  const TokenSetResult r = TokenSet(a, c);
  EXPECT_LT(r.score, 0.1);
  ASSERT_EQ(r.query_only.size(), 1u);
  EXPECT_EQ(r.query_only[0], "harbin");
}

TEST(SimilarityTest, TokenSetJoinsRunTogetherNames) {
  const std::vector<WeightedToken> a = {{"yamadataro", kNoId, 1.0f}};
  const std::vector<WeightedToken> b = {{"taro", kNoId, 1.0f}, {"yamada", kNoId, 1.0f}};
  EXPECT_GT(TokenSet(a, b).score, 0.99);
}

}  // namespace
}  // namespace highfence::names::internal
