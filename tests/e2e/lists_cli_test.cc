// SPDX-License-Identifier: Apache-2.0
// End-to-end: `highfence lists import|show|diff` as a black box, over the official files in
// ../shared/data and temporary directories.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/cli.h"
#include "tests/support/data.h"

namespace highfence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandRun;
using testing::Highfence;
using testing::Quote;

TEST(ListsCliTest, ImportWritesASnapshotAndPrintsCountsAndRejectedRows) {
  testing::TempDir dir;
  fs::path xlsx = testing::SharedData("lists/jp_mof_asset_freeze/shisantouketsu20260305.xlsx");
  CommandRun run = Highfence("lists import jp_mof_asset_freeze " + Quote(xlsx) + " --to " + Quote(dir.path()));
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("jp_mof_asset_freeze: 2862 entries"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 rejected"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("shisantouketsu20260305.xlsx:276: "), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(dir.path() / "jp_mof_asset_freeze.jsonl"));
}

TEST(ListsCliTest, ShowListsInstalledSnapshotsAndOneEntryInFull) {
  testing::TempDir dir;
  for (const char* id : {"jp_meti_eul", "us_dod_1286"}) {
    CommandRun run = Highfence(std::string("lists import ") + id + " --to " + Quote(dir.path()));
    ASSERT_EQ(run.status, 0) << run.out;
  }
  CommandRun table = Highfence("lists show --dir " + Quote(dir.path()));
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_NE(table.out.find("jp_meti_eul\tMETI End User List (外国ユーザーリスト)\t2025-09-29\t835\t"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("CC BY-NC 4.0"), std::string::npos) << table.out;

  CommandRun js = Highfence("lists show --dir " + Quote(dir.path()) + " --format json");
  ASSERT_EQ(js.status, 0) << js.out;
  json j = json::parse(js.out);
  ASSERT_EQ(j["snapshots"].size(), 2u);
  EXPECT_EQ(j["snapshots"][1]["list_id"], "us_dod_1286");
  EXPECT_EQ(j["snapshots"][1]["entries"], 156);

  CommandRun list = Highfence("lists show jp_meti_eul --dir " + Quote(dir.path()));
  ASSERT_EQ(list.status, 0) << list.out;
  EXPECT_NE(list.out.find("version_date: 2025-09-29"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("\n1\torganisation\tAl Qa'ida/Islamic Army\tAF\t"), std::string::npos) << list.out;

  CommandRun entry = Highfence("lists show jp_meti_eul --entry 1 --format json --dir " + Quote(dir.path()));
  ASSERT_EQ(entry.status, 0) << entry.out;
  json e = json::parse(entry.out);
  EXPECT_EQ(e["entry_id"], "1");
  EXPECT_EQ(e["names"][0]["kind"], "primary");
  EXPECT_EQ(e["concerns"].size(), 5u);

  CommandRun none = Highfence("lists show jp_meti_eul --entry 99999 --dir " + Quote(dir.path()), true);
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.out.find("no entry \"99999\""), std::string::npos) << none.out;
}

TEST(ListsCliTest, DiffNamesAddedRemovedAndChangedEntriesWithTheirFields) {
  testing::TempDir dir;
  fs::path old_dir = dir.path() / "old";
  CommandRun run = Highfence("lists import us_bis_mieu --to " + Quote(old_dir));
  ASSERT_EQ(run.status, 0) << run.out;
  // The newer copy: the second entry's reason changes, the last entry is removed.
  std::string bytes = testing::ReadFileOrFail(old_dir / "us_bis_mieu.jsonl");
  std::vector<std::string> lines;
  for (size_t at = 0; at < bytes.size();) {
    size_t nl = bytes.find('\n', at);
    lines.push_back(bytes.substr(at, nl - at));
    at = nl + 1;
  }
  ASSERT_EQ(lines.size(), 14u);  // header + 13 entries
  json header = json::parse(lines[0]);
  header["entries"] = 12;
  json second = json::parse(lines[2]);
  const std::string changed_id = second["entry_id"];
  const std::string removed_id = json::parse(lines[13])["entry_id"];
  second["reason"] = "changed for the test";
  std::string edited = header.dump() + "\n" + lines[1] + "\n" + second.dump() + "\n";
  for (size_t i = 3; i < 13; ++i) edited += lines[i] + "\n";
  fs::path newer = dir.Write("us_bis_mieu_new.jsonl", edited);

  CommandRun text = Highfence("lists diff " + Quote(old_dir / "us_bis_mieu.jsonl") + " " + Quote(newer));
  ASSERT_EQ(text.status, 0) << text.out;
  EXPECT_NE(text.out.find("added 0, removed 1, changed 1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("- " + removed_id + "\t"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("~ " + changed_id + "\t"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("reason: "), std::string::npos) << text.out;

  CommandRun js =
      Highfence("lists diff " + Quote(old_dir / "us_bis_mieu.jsonl") + " " + Quote(newer) + " --format json");
  ASSERT_EQ(js.status, 0) << js.out;
  json d = json::parse(js.out);
  EXPECT_EQ(d["summary"]["removed"], 1);
  ASSERT_EQ(d["changed"].size(), 1u);
  EXPECT_EQ(d["changed"][0]["entry_id"], changed_id);
  EXPECT_EQ(d["changed"][0]["fields"], json::array({"reason"}));
  EXPECT_EQ(d["changed"][0]["after"]["reason"], "changed for the test");
}

TEST(ListsCliTest, WrongFileTypeExitsWithStatusTwoNamingTheFile) {
  testing::TempDir dir;
  // The METI importer reads the published Excel; a PDF given in its place is refused.
  fs::path pdf = testing::SharedData("lists/jp_meti_eul/meti_eul_20250929_notice.pdf");
  CommandRun run = Highfence("lists import jp_meti_eul " + Quote(pdf) + " --to " + Quote(dir.path()), true);
  EXPECT_EQ(run.status, 2) << run.out;
  EXPECT_NE(run.out.find("highfence: "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("meti_eul_20250929_notice.pdf"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(dir.path() / "jp_meti_eul.jsonl"));

  // A list file given to `lists diff` in place of a snapshot.
  CommandRun diff = Highfence("lists diff " + Quote(pdf) + " " + Quote(pdf), true);
  EXPECT_EQ(diff.status, 2) << diff.out;
  EXPECT_NE(diff.out.find("meti_eul_20250929_notice.pdf:1"), std::string::npos) << diff.out;

  CommandRun unknown = Highfence("lists import no_such_list x.csv", true);
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("unknown list id \"no_such_list\""), std::string::npos) << unknown.out;
}

TEST(ListsCliTest, ShippedSnapshotsCarrySourceDateAndLicence) {
  CommandRun run = Highfence("lists show --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  json j = json::parse(run.out);
  ASSERT_GE(j["snapshots"].size(), 10u);
  for (const auto& s : j["snapshots"]) {
    EXPECT_FALSE(s["licence"].get<std::string>().empty()) << s["list_id"];
    EXPECT_TRUE(s["content_hash"].get<std::string>().starts_with("sha256:")) << s["list_id"];
    if (s["list_id"] == "us_dod_1260h") {
      EXPECT_TRUE(s["licence"].get<std::string>().starts_with("CC BY-NC 4.0"));
    }
  }
}

}  // namespace
}  // namespace highfence
