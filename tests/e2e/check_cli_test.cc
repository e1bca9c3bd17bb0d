// SPDX-License-Identifier: Apache-2.0
// End-to-end: `highfence check` on the shipped list snapshots and registry, as a black box.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/cli.h"
#include "tests/support/data.h"

namespace highfence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandRun;
using testing::Highfence;
using testing::Quote;

bool HasHit(const json& hits, const std::string& list_id, const std::string& entry_id) {
  for (const auto& h : hits)
    if (h["list_id"] == list_id && h["entry_id"] == entry_id) return true;
  return false;
}

TEST(CheckCliTest, ChineseNameFindsTheMetiEntryWithItsSnapshot) {
  CommandRun run = Highfence("check 北京航空航天大学 --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  const json j = json::parse(run.out);
  const json& hits = j["results"][0]["hits"];
  EXPECT_TRUE(HasHit(hits, "jp_meti_eul", "501")) << run.out.substr(0, 2000);
  for (const auto& h : hits) {
    EXPECT_TRUE(h["snapshot_hash"].get<std::string>().starts_with("sha256:"));
    EXPECT_FALSE(h["explanation"].get<std::string>().empty());
    EXPECT_GE(h["score"].get<double>(), 0.75);
  }
  EXPECT_FALSE(j["snapshots"].empty());
}

TEST(CheckCliTest, AffiliationResolvesToTheRegistryRecordAndItsListEntries) {
  CommandRun run =
      Highfence("check --affiliation 'Dept. of Physics, Beihang Univ., Beijing 100191, China' --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  const json r = json::parse(run.out)["results"][0];
  EXPECT_EQ(r["parsed"]["postcode"], "100191");
  ASSERT_FALSE(r["resolved"].is_null());
  EXPECT_EQ(r["resolved"]["id"], "https://ror.org/00wk2mp56");
  EXPECT_TRUE(HasHit(r["hits"], "jp_meti_eul", "501"));
}

// The Entity List prints Harbin Institute of Technology in English only; the shipped ROR
// registry (record 01yqg2h08) carries 哈尔滨工业大学 too, so a plain `check` bridges to it.
TEST(CheckCliTest, ChineseNameFindsAnEnglishOnlyEntryThroughTheShippedRegistry) {
  CommandRun run = Highfence("check 哈尔滨工业大学 --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  const json j = json::parse(run.out);
  const json& hits = j["results"][0]["hits"];
  const json* bridged = nullptr;
  for (const auto& h : hits)
    if (h["list_id"] == "us_entity_list" && h["entry_id"] == "harbin-institute-of-technology") bridged = &h;
  ASSERT_NE(bridged, nullptr) << run.out.substr(0, 3000);
  EXPECT_NE((*bridged)["via"].get<std::string>().find("https://ror.org/01yqg2h08"), std::string::npos);
  EXPECT_NE((*bridged)["explanation"].get<std::string>().find("via ROR record https://ror.org/01yqg2h08"),
            std::string::npos)
      << (*bridged)["explanation"];
  EXPECT_FALSE(HasHit(hits, "us_entity_list", "harbin-engineering-university"));
  EXPECT_TRUE(HasHit(hits, "jp_meti_eul", "541"));  // METI prints 哈爾浜工業大学 itself

  run = Highfence("check 哈尔滨工业大学 --no-registry --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_FALSE(HasHit(json::parse(run.out)["results"][0]["hits"], "us_entity_list", "harbin-institute-of-technology"));
}

TEST(CheckCliTest, RegistryIsLoadedOnlyWhenAQueryMayBeAnOrganisation) {
  // A person check never reads the registry: a missing registry file does not matter to it.
  CommandRun run = Highfence("check 'Taro Yamada' --type person --registry /nonexistent/ror.jsonl.gz --format json");
  EXPECT_EQ(run.status, 0) << run.out;
  // An organisation check does, and says which file is missing.
  run = Highfence("check 哈尔滨工业大学 --registry /nonexistent/ror.jsonl.gz", true);
  EXPECT_EQ(run.status, 2) << run.out;
  EXPECT_NE(run.out.find("/nonexistent/ror.jsonl.gz"), std::string::npos) << run.out;
}

TEST(CheckCliTest, GenericWordsAndCommonNamesGiveNoMatch) {
  for (const char* q : {"University", "'Co., Ltd.'", "研究所", "'Taro Yamada' --type person"}) {
    CommandRun run = Highfence(std::string("check ") + q + " --format json");
    ASSERT_EQ(run.status, 0) << q;
    EXPECT_TRUE(json::parse(run.out)["results"][0]["hits"].empty()) << q;
  }
}

TEST(CheckCliTest, BatchReportsEveryRowAndNamesTheBadOne) {
  testing::TempDir dir;
  fs::path csv = dir.Write("team.csv",
                           "name,type,country\n"
                           "Harbin Institute of Technology,org,CN\n"
                           "哈爾濱工業大学,org,\n"
                           "BUAA,org,CN\n"
                           "Example Fictitious Laboratory,org,JP\n"
                           "Someone,robot,\n");
  CommandRun run = Highfence("check --csv '" + csv.string() + "' --format json --no-progress", true);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("team.csv:6: column \"type\""), std::string::npos) << run.out;
  const json j = json::parse(run.out.substr(0, run.out.rfind("highfence:")));
  const json& results = j["results"];
  ASSERT_EQ(results.size(), 5u);
  EXPECT_FALSE(results[0]["hits"].empty());
  EXPECT_FALSE(results[1]["hits"].empty());
  EXPECT_FALSE(results[2]["hits"].empty());
  EXPECT_TRUE(results[3]["hits"].empty());
  for (const auto& h : results[0]["hits"])
    EXPECT_EQ(h["primary_name"].get<std::string>().find("Harbin Engineering"), std::string::npos);

  fs::path xlsx = dir.path() / "team.xlsx";
  run = Highfence("check --csv '" + csv.string() + "' --format xlsx --out '" + xlsx.string() + "' --no-progress");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(testing::ReadFileOrFail(xlsx).substr(0, 2), "PK");
  run = Highfence("check --csv '" + csv.string() + "' --format csv --no-progress");
  EXPECT_NE(run.out.find("line,query,type,country,result,score,list_id"), std::string::npos);
  EXPECT_NE(run.out.find("explanation"), std::string::npos);
}

TEST(CheckCliTest, MissingListDirectoryIsAConfigurationError) {
  CommandRun run = Highfence("check Beihang --lists /nonexistent/lists", true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("/nonexistent/lists"), std::string::npos);
}

}  // namespace
}  // namespace highfence
