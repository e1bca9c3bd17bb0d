// SPDX-License-Identifier: Apache-2.0
// Fuzzes NameIndex::Query and SplitAffiliation with arbitrary bytes (invalid UTF-8, mixed
// scripts, huge punctuation runs). Checks: no crash or sanitizer report, scores in [0,1],
// results sorted best first and within max_results.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "engines/names/affiliation.h"
#include "engines/names/name_index.h"

namespace {

using highfence::names::Kind;
using highfence::names::NameIndex;
using highfence::names::NameRecord;

const NameIndex& Index() {
  static const NameIndex index = [] {
    std::vector<NameRecord> records = {
        {1, "北京航空航天大学", Kind::kOrganisation, "CN", false},
        {1, "Beijing University of Aeronautics and Astronautics", Kind::kOrganisation, "CN", false},
        {1, "BUAA", Kind::kOrganisation, "CN", true},
        {2, "哈爾濱工業大学", Kind::kOrganisation, "CN", false},
        {3, "東北大学", Kind::kOrganisation, "JP", false},
        {4, "山田太郎", Kind::kPerson, "JP", false},
        {5, "서울대학교", Kind::kOrganisation, "KR", false},
        {6, "Московский государственный университет", Kind::kOrganisation, "RU", false},
        {7, "Co., Ltd.", Kind::kOrganisation, "", false},
    };
    auto built = NameIndex::Build(records, {});
    if (!built) std::abort();
    return *built;
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  highfence::names::QueryOptions q;
  q.threshold = (data[0] & 3) * 0.25;
  q.max_results = 1 + (data[0] >> 5);
  if (data[0] & 4) q.kind = (data[0] & 8) ? Kind::kPerson : Kind::kOrganisation;
  if (data[0] & 16) q.country = "CN";
  const auto matches = (data[0] & 1) ? Index().QueryExhaustive(text, q) : Index().Query(text, q);
  if (matches.size() > q.max_results) std::abort();
  for (size_t i = 0; i < matches.size(); ++i) {
    if (!(matches[i].score >= 0.0 && matches[i].score <= 1.0) || matches[i].score < q.threshold) std::abort();
    if (i > 0 && matches[i].score > matches[i - 1].score) std::abort();
  }
  const auto affiliation = highfence::names::SplitAffiliation(text);
  if (affiliation.organisation.size() > text.size()) std::abort();
  return 0;
}
