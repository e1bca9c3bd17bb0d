// SPDX-License-Identifier: Apache-2.0
// Runs tests/cases/names/match.tsv against the index of tests/cases/names/records.tsv: each
// row is one named test, so officers can add cases without touching C++.
#include <gtest/gtest.h>

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "engines/names/name_index.h"
#include "tests/support/data.h"

namespace highfence::names {
namespace {

std::vector<std::vector<std::string>> ReadTsv(const std::string& relative) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(testing::ReadFileOrFail(testing::RepoPath(relative)));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, '\t')) fields.push_back(field);
    if (line.back() == '\t') fields.emplace_back();
    fields.push_back(relative + ":" + std::to_string(number));
    rows.push_back(std::move(fields));
  }
  return rows;
}

const NameIndex& CaseIndex() {
  static const NameIndex index = [] {
    std::vector<NameRecord> records;
    for (const auto& f : ReadTsv("tests/cases/names/records.tsv")) {
      records.push_back(NameRecord{static_cast<uint32_t>(std::stoul(f[0])), f[4],
                                   f[1] == "person" ? Kind::kPerson : Kind::kOrganisation, f[2], f[3] == "1"});
    }
    auto built = NameIndex::Build(records, {});
    if (!built) {
      ADD_FAILURE() << built.error().ToString();
      std::abort();
    }
    return *built;
  }();
  return index;
}

struct Case {
  std::vector<std::string> f;  // query, kind, country, record, op, bound, where
};

// gtest prints the row, not the bytes of the struct.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.f.back() << ": " << c.f[0];
}

class NameCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(NameCaseTest, ScoreMeetsBound) {
  const auto& f = GetParam().f;
  ASSERT_EQ(f.size(), 7u) << "malformed row";
  QueryOptions q;
  if (f[1] == "org") q.kind = Kind::kOrganisation;
  if (f[1] == "person") q.kind = Kind::kPerson;
  q.country = f[2];
  q.threshold = 0.0;
  q.max_results = 1000;
  const std::vector<Match> matches = CaseIndex().Query(f[0], q);
  double score = 0;
  std::string why = "no match";
  for (const Match& m : matches) {
    if (f[3] == "none" || std::to_string(m.record) == f[3]) {
      score = m.score;
      why = m.explanation;
      break;
    }
  }
  const double bound = std::stod(f[5]);
  if (f[4] == ">=") {
    EXPECT_GE(score, bound) << f[6] << ": " << why;
  } else {
    EXPECT_LT(score, bound) << f[6] << ": " << why;
  }
  // Retrieval must not lose what scoring every key finds (recall of the q-gram postings).
  const std::vector<Match> all = CaseIndex().QueryExhaustive(f[0], q);
  if (!all.empty() && all[0].score >= 0.7) {
    ASSERT_FALSE(matches.empty()) << f[6];
    EXPECT_EQ(matches[0].record, all[0].record) << f[6];
  }
}

std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (auto& f : ReadTsv("tests/cases/names/match.tsv")) cases.push_back(Case{std::move(f)});
  return cases;
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  const std::string& where = info.param.f.back();
  return "line_" + where.substr(where.rfind(':') + 1);
}

INSTANTIATE_TEST_SUITE_P(Match, NameCaseTest, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace highfence::names
