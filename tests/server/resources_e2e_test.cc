// SPDX-License-Identifier: Apache-2.0
// The tool routes over HTTP on a real server: name checks (one and batch) against the shipped
// lists, list snapshots and keyword-list versions with paging, and proposal uploads screened for
// technology keywords — with the hostile uploads each refused with a clear 4xx.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/api_fixture.h"

namespace highfence::server {
namespace {

using nlohmann::json;
using testing::ApiServer;
using testing::ApiSession;

class ResourcesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ResourceServices s;
    s.checker = testing::SharedChecker();
    s.screener = testing::SharedScreener();
    ResourceOptions o;
    o.max_file_bytes = 4u << 20;
    o.max_docx_uncompressed_bytes = 16u << 20;
    o.max_batch_names = 20;
    api_ = new ApiServer(s, o);
    officer_ = new ApiSession(api_->SignIn("security_officer"));
  }
  static void TearDownTestSuite() {
    delete officer_;
    delete api_;
  }

  httplib::Result PostJson(const std::string& path, const json& body, const ApiSession& who) {
    return api_->Client().Post(path, who.headers(), body.dump(), "application/json");
  }
  httplib::Result Upload(const std::string& filename, const std::string& bytes, const std::string& type,
                         const ApiSession& who) {
    httplib::MultipartFormDataItems items = {{"file", bytes, filename, type}};
    return api_->Client().Post("/v1/screenings", who.headers(), items);
  }

  static ApiServer* api_;
  static ApiSession* officer_;
};
ApiServer* ResourcesTest::api_ = nullptr;
ApiSession* ResourcesTest::officer_ = nullptr;

TEST_F(ResourcesTest, CheckFindsBeihangUnderItsChineseNameWithTheSnapshotThatHoldsIt) {
  auto res = PostJson("/v1/checks", {{"name", "北京航空航天大学"}, {"kind", "organisation"}}, *officer_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  ASSERT_FALSE(body["hits"].empty());
  bool meti = false;
  for (const json& h : body["hits"])
    if (h["list_id"] == "jp_meti_eul" && h["entry_id"] == "501") {
      meti = true;
      EXPECT_EQ(h["snapshot"]["version_date"], "2025-09-29");
      EXPECT_EQ(h["matched_name"], "北京航空航天大学");
      EXPECT_GE(h["score"].get<double>(), 0.9);
      EXPECT_FALSE(h["explanation"].get<std::string>().empty());
    }
  EXPECT_TRUE(meti) << res->body;
  EXPECT_GE(body["snapshots"].size(), 10u);
}

// 東北大学 (Tohoku, JP) and 东北大学 (Northeastern, CN) fold to one form: the hit is shown with
// what counts against it (a homograph, another country) and scored below an exact match.
TEST_F(ResourcesTest, CheckOfTohokuShowsTheNortheasternHomographWithWhatCountsAgainstIt) {
  auto res = PostJson("/v1/checks", {{"name", "東北大学"}, {"kind", "organisation"}, {"country", "JP"}}, *officer_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json hits = json::parse(res->body)["hits"];
  for (const json& h : hits) {
    EXPECT_LT(h["score"].get<double>(), 0.9) << h.dump();
    std::string against = h["against"].dump();
    EXPECT_NE(against.find("homograph"), std::string::npos) << h.dump();
    EXPECT_NE(against.find("country mismatch"), std::string::npos) << h.dump();
  }
}

TEST_F(ResourcesTest, CheckRefusesWrongTypesAndUnknownFieldsNamingTheField) {
  struct Case {
    json body;
    int status;
    std::string field;
  } cases[] = {
      {{{"name", 42}}, 422, "name"},
      {{{"name", "BUAA"}, {"kind", "vessel"}}, 422, "kind"},
      {{{"name", "BUAA"}, {"country", "China"}}, 422, "country"},
      {{{"name", "BUAA"}, {"threshold", 2}}, 422, "threshold"},
      {{{"name", "BUAA"}, {"nationality", "CN"}}, 422, "nationality"},
      {{{"name", "   "}}, 422, "name"},
      {json::object(), 422, "name"},
  };
  for (const Case& c : cases) {
    auto res = PostJson("/v1/checks", c.body, *officer_);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << c.body.dump() << " " << res->body;
    EXPECT_EQ(api_->ErrorField(res->body), c.field) << c.body.dump();
  }
  auto bad = api_->Client().Post("/v1/checks", officer_->headers(), "{\"name\": \"BUAA\"", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(api_->ErrorField(bad->body), "body");
}

TEST_F(ResourcesTest, BatchChecksEveryNameAndNamesTheBadElement) {
  json queries = json::array({{{"name", "Beihang University"}, {"kind", "organisation"}},
                              {{"name", "国立大学法人東北大学"}, {"kind", "organisation"}},
                              {{"name", "Harbin Institute of Technology"}}});
  auto res = PostJson("/v1/checks/batch", {{"queries", queries}}, *officer_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  ASSERT_EQ(body["results"].size(), 3u);
  EXPECT_EQ(body["checked"], 3);
  EXPECT_FALSE(body["results"][0]["hits"].empty());
  EXPECT_FALSE(body["results"][2]["hits"].empty());
  EXPECT_EQ(body["results"][2]["index"], 2);

  queries[1] = {{"name", "x"}, {"kind", 7}};
  auto bad = PostJson("/v1/checks/batch", {{"queries", queries}}, *officer_);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(api_->ErrorField(bad->body), "queries[1].kind");

  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back({{"name", "Example Org " + std::to_string(i)}});
  auto over = PostJson("/v1/checks/batch", {{"queries", many}}, *officer_);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 422);
  EXPECT_EQ(api_->ErrorField(over->body), "queries");
}

TEST_F(ResourcesTest, SnapshotsPageSortAndFilter) {
  auto c = api_->Client();
  auto res = c.Get("/v1/lists/snapshots?limit=3&sort=-version_date", officer_->headers());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json page = json::parse(res->body);
  EXPECT_EQ(page["items"].size(), 3u);
  EXPECT_EQ(page["limit"], 3);
  EXPECT_EQ(page["next_offset"], 3);
  EXPECT_GE(page["total"].get<int>(), 10);
  EXPECT_GE(page["items"][0]["version_date"].get<std::string>(), page["items"][2]["version_date"].get<std::string>());

  auto one = c.Get("/v1/lists/snapshots?list_id=jp_meti_eul", officer_->headers());
  ASSERT_TRUE(one);
  json only = json::parse(one->body);
  ASSERT_EQ(only["total"], 1);
  EXPECT_EQ(only["items"][0]["content_hash"],
            "sha256:27ff3c7a98d0103ef20222b9e9a58be12d9e89699ce5a5c99d1a386de41fbfc0");
  EXPECT_TRUE(only["next_offset"].is_null());

  struct Bad {
    std::string query;
    std::string field;
  } bad[] = {{"limit=0", "limit"},    {"limit=501", "limit"},   {"offset=-1", "offset"},     {"limit=ten", "limit"},
             {"sort=entrys", "sort"}, {"lsit_id=x", "lsit_id"}, {"limit=1&limit=2", "limit"}};
  for (const Bad& b : bad) {
    auto r = c.Get("/v1/lists/snapshots?" + b.query, officer_->headers());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << b.query;
    EXPECT_EQ(api_->ErrorField(r->body), b.field) << b.query;
  }
}

TEST_F(ResourcesTest, KeywordListsNameTheVersionScreeningsCarry) {
  auto res = api_->Client().Get("/v1/keyword-lists?sort=name", officer_->headers());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["version"], testing::SharedScreener()->keywords().version);
  EXPECT_GE(body["total"].get<int>(), 5);
  for (const json& f : body["items"]) EXPECT_EQ(f["file"].get<std::string>().find('/'), std::string::npos);
}

TEST_F(ResourcesTest, UploadedJapanesePdfIsScreenedWithPagesAndPassages) {
  std::string pdf = testing::ReadFileOrFail(testing::RepoPath("data/examples/proposals/quantum_sensing_ja.pdf"));
  auto res = Upload("量子センシング提案書.pdf", pdf, "application/pdf", *officer_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["document"], "量子センシング提案書.pdf");
  EXPECT_EQ(body["format"], "pdf");
  EXPECT_EQ(body["keyword_list_version"], testing::SharedScreener()->keywords().version);
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_GE(body["hits"][0]["page"].get<int>(), 1);
  EXPECT_TRUE(body["hits"][0].contains("passage"));
  EXPECT_NE(body["classification"]["keyword_hit"], "no");
}

TEST_F(ResourcesTest, UploadedDocxIsScreened) {
  std::string docx = testing::ReadFileOrFail(testing::RepoPath("data/examples/proposals/hypersonic_en.docx"));
  auto res = Upload("hypersonic.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    *officer_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["format"], "docx");
}

TEST_F(ResourcesTest, HostileUploadsGetAClearClientError) {
  std::string fixtures = "tests/engines/documents/fixtures/";
  std::string bomb = testing::ReadFileOrFail(testing::RepoPath(fixtures + "zip_bomb.docx"));
  std::string forged = testing::ReadFileOrFail(testing::RepoPath(fixtures + "zip_bomb_forged.docx"));
  std::string xlsx = testing::ReadFileOrFail(testing::RepoPath(fixtures + "budget.xlsx"));
  std::string encrypted = testing::ReadFileOrFail(testing::RepoPath(fixtures + "encrypted.pdf"));
  std::string text = "研究課題：極超音速飛翔体の推進技術\n";
  struct Case {
    std::string name;
    std::string bytes;
    int status;
    std::string field;
    std::string says;
  } cases[] = {
      {"proposal.docx", bomb, 413, "file", "ZIP bomb"},
      {"proposal.docx", forged, 413, "file", "ZIP bomb"},
      {"budget.xlsx", xlsx, 415, "file", "xlsx"},
      {"locked.pdf", encrypted, 422, "file", "encrypted"},
      {"../../etc/passwd", text, 400, "filename", "is a path"},
      {"proposals/../../etc/passwd", text, 400, "filename", "path separator"},
      {"..\\..\\boot.ini", text, 400, "filename", "path"},
      {"..", text, 400, "filename", "path"},
      {"C:proposal.txt", text, 400, "filename", "':'"},
      {std::string("a\0b.txt", 7), text, 400, "filename", "control character"},
      {"big.txt", std::string(5u << 20, 'a'), 413, "file", "per-file limit"},
      {"empty.txt", "", 400, "file", "empty"},
  };
  for (const Case& c : cases) {
    auto res = Upload(c.name, c.bytes, "application/octet-stream", *officer_);
    ASSERT_TRUE(res) << c.name;
    EXPECT_EQ(res->status, c.status) << c.name << " " << res->body;
    EXPECT_EQ(api_->ErrorField(res->body), c.field) << c.name;
    EXPECT_NE(res->body.find(c.says), std::string::npos) << c.name << " " << res->body;
  }
  auto json_body = PostJson("/v1/screenings", {{"file", "proposal.txt"}}, *officer_);
  ASSERT_TRUE(json_body);
  EXPECT_EQ(json_body->status, 400);
  EXPECT_EQ(api_->ErrorField(json_body->body), "body");
}

TEST_F(ResourcesTest, ResearcherMayScreenButNotCheckNames) {
  ApiSession researcher = api_->SignIn("researcher");
  auto screen = Upload("note.txt", "量子暗号通信の実証実験を行う。\n", "text/plain", researcher);
  ASSERT_TRUE(screen);
  EXPECT_EQ(screen->status, 200) << screen->body;
  auto check = PostJson("/v1/checks", {{"name", "BUAA"}}, researcher);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->status, 403);
}

}  // namespace
}  // namespace highfence::server
