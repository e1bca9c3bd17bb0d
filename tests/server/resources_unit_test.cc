// SPDX-License-Identifier: Apache-2.0
// Pure parts of the resource routes: paging / filter / sort parameters, uploaded file names,
// in-memory pages and store errors as HTTP errors.
#include <gtest/gtest.h>
#include <httplib.h>

#include "server/internal/paging.h"
#include "server/internal/resource_util.h"
#include "server/internal/upload.h"

namespace highfence::server::internal {
namespace {

using nlohmann::json;

ApiResult<PageRequest> Parse(std::vector<std::pair<std::string, std::string>> params, const PagingSpec& spec) {
  httplib::Request raw;
  for (auto& [k, v] : params) raw.params.emplace(k, v);
  Request req(raw, "req-1", "127.0.0.1", false);
  return ParsePaging(req, spec);
}

TEST(PagingTest, DefaultsThenLimitOffsetDescendingSortAndFilters) {
  PagingSpec spec{.sorts = {"created_at", "state"}, .filters = {"state"}};
  auto d = Parse({}, spec);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->limit, kDefaultPageLimit);
  EXPECT_EQ(d->sort, "created_at");
  EXPECT_FALSE(d->descending);
  auto p = Parse({{"limit", "20"}, {"offset", "40"}, {"sort", "-state"}, {"state", "review"}}, spec);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->limit, 20);
  EXPECT_EQ(p->offset, 40);
  EXPECT_EQ(p->sort, "state");
  EXPECT_TRUE(p->descending);
  ASSERT_EQ(p->filters.size(), 1u);
  EXPECT_EQ(p->filters[0].second, "review");
}

TEST(PagingTest, EveryBadParameterIs400NamingIt) {
  PagingSpec spec{.sorts = {"created_at"}, .filters = {"state"}};
  struct Case {
    std::vector<std::pair<std::string, std::string>> params;
    std::string field;
    std::string says;
  } cases[] = {
      {{{"limit", "0"}}, "limit", "out of range"},
      {{{"limit", "１０"}}, "limit", "not a whole number"},
      {{{"offset", "-5"}}, "offset", "out of range"},
      {{{"sort", "title"}}, "sort", "known: created_at"},
      {{{"state", ""}}, "state", "empty"},
      {{{"statee", "review"}}, "statee", "unknown query parameter"},
  };
  for (const Case& c : cases) {
    auto r = Parse(c.params, spec);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().HttpStatus(), 400) << c.field;
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
}

TEST(PagingTest, InMemoryPageFiltersSortsNumbersNumericallyAndSaysWhatIsNext) {
  json items = json::array({{{"list_id", "un"}, {"entries", 900}},
                            {{"list_id", "jp_meti_eul"}, {"entries", 835}},
                            {{"list_id", "us_csl"}, {"entries", 12}}});
  PageRequest page;
  page.limit = 2;
  page.sort = "entries";
  json out = PageInMemory(items, page);
  EXPECT_EQ(out["total"], 3);
  EXPECT_EQ(out["items"][0]["list_id"], "us_csl");
  EXPECT_EQ(out["items"][1]["list_id"], "jp_meti_eul");
  EXPECT_EQ(out["next_offset"], 2);
  page.filters = {{"list_id", "un"}};
  EXPECT_EQ(PageInMemory(items, page)["total"], 1);
}

TEST(UploadTest, FileNamesThatAreOnlyNamesPassAndPathsAreRefused) {
  for (const char* ok : {"量子センシング提案書.pdf", "proposal v2..final.docx", "a.txt", ".hidden.txt"})
    EXPECT_TRUE(CheckFileName(ok)) << ok;
  for (const char* bad : {"../etc/passwd", "..", ".", "dir/x.pdf", "C:\\x.pdf", "C:x.pdf", "..\\boot.ini", ""}) {
    auto r = CheckFileName(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "filename");
  }
  EXPECT_FALSE(CheckFileName(std::string("a\nb.pdf")));
  EXPECT_FALSE(CheckFileName("\xC0\xAF.pdf"));  // overlong '/'
  EXPECT_FALSE(CheckFileName(std::string(256, 'a')));
}

TEST(StoreErrorTest, InvalidArgumentIs422NamingTheLeadingPath) {
  ApiError e = StoreError(MakeError(ErrorCode::kInvalidArgument, "team[2].role: unknown value \"PI?\""));
  EXPECT_EQ(e.HttpStatus(), 422);
  EXPECT_EQ(e.field, "team[2].role");
  ApiError j = StoreError(MakeError(ErrorCode::kInvalidArgument, "JSON: syntax error at byte 3"));
  EXPECT_EQ(j.HttpStatus(), 400);
  EXPECT_EQ(j.field, "body");
  // Found by api_routes_fuzzer: 422s whose message does not start with a path named no field.
  struct Case {
    std::string message;
    std::string field;
  } named[] = {
      {"review of stage academic_committee: field \"reviewers\": stage academic_committee needs at least 2 "
       "reviewers, 0 assigned",
       "reviewers"},
      {"people/person_a93f disclosure: as_of: \"東京大学\" is not a date (YYYY-MM-DD)", "as_of"},
      {"(root): expected an object, found array", "body"},
      {"\"\": unknown field", "\"\""},
      {"名前: unknown field", "名前"},
      {"証明書の日付が正しくありません", "body"},
  };
  for (const Case& c : named) {
    ApiError n = StoreError(MakeError(ErrorCode::kInvalidArgument, c.message));
    EXPECT_EQ(n.HttpStatus(), 422) << c.message;
    EXPECT_EQ(n.field, c.field) << c.message;
  }
  ApiError stale = StoreError(MakeError(ErrorCode::kAborted, "measures/ms_1: version 3 is stale, current is 4"));
  EXPECT_EQ(stale.HttpStatus(), 409);
  EXPECT_EQ(StoreError(MakeError(ErrorCode::kNotFound, "cases/case_1: not found")).HttpStatus(), 404);
}

}  // namespace
}  // namespace highfence::server::internal
