// SPDX-License-Identifier: Apache-2.0
// Runs tests/cases/screening/keyword_cases.tsv against the shipped keyword lists: one named
// test per row, so officers can add the sentences that surprised them.
#include <gtest/gtest.h>

#include <sstream>

#include "domain/screening/screener.h"
#include "tests/support/data.h"

namespace highfence::screening {
namespace {

struct Case {
  std::string name;
  std::string text;
  std::string expect;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  std::istringstream in(testing::ReadFileOrFail(testing::RepoPath("tests/cases/screening/keyword_cases.tsv")));
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) f.push_back(col);
    if (f.size() == 3) cases.push_back({f[0], Unescape(f[1]), f[2]});
  }
  return cases;
}

const Screener& Shipped() {
  static const Screener* screener = [] {
    auto list = technology::LoadKeywordDirectory(testing::SourceDir() / "data/keywords");
    EXPECT_TRUE(list) << list.error().message;
    auto s = Screener::Create(std::move(*list), {});
    EXPECT_TRUE(s) << s.error().message;
    return new Screener(std::move(*s));
  }();
  return *screener;
}

class KeywordCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(KeywordCaseTest, Holds) {
  const Case& c = GetParam();
  documents::Document doc;
  doc.name = c.name;
  doc.text = c.text;
  ScreeningResult r = Shipped().Screen(doc, std::nullopt);
  std::string found;
  for (const auto& h : r.hits) found += Shipped().keywords().keywords[h.keyword].term + " | ";
  const std::string verb = c.expect.substr(0, c.expect.find(' '));
  const std::string arg = c.expect.substr(c.expect.find(' ') + 1);
  auto has = [&](const std::string& term) {
    for (const auto& h : r.hits)
      if (Shipped().keywords().keywords[h.keyword].term == term) return true;
    return false;
  };
  if (verb == "hit") {
    EXPECT_TRUE(has(arg)) << "expected " << arg << "; found: " << found;
  } else if (verb == "nohit") {
    EXPECT_FALSE(has(arg)) << "found: " << found;
  } else if (verb == "keyword_hit") {
    EXPECT_EQ(rules::KeywordHitId(r.classification.keyword_hit), arg) << "found: " << found;
  } else {
    ADD_FAILURE() << "unknown expectation \"" << c.expect << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, KeywordCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace highfence::screening
