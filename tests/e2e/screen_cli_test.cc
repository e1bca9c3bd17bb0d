// SPDX-License-Identifier: Apache-2.0
// End-to-end: the highfence binary as a black box over the bundled examples and broken inputs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
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

std::map<std::string, std::string> Levels(const json& j) {
  std::map<std::string, std::string> out;
  for (const auto& r : j["results"]) {
    const auto& level = r["classification"]["level"];
    out[fs::path(r["document"].get<std::string>()).filename().string()] =
        level.is_null() ? "pending" : level.get<std::string>();
  }
  return out;
}

TEST(ScreenCliTest, ExamplesLandInRedYellowAndGreenWithExplainedHits) {
  CommandRun run = Highfence("screen data/examples/proposals --format json --no-progress");
  ASSERT_EQ(run.status, 0) << run.out;
  json j = json::parse(run.out);
  EXPECT_EQ(Levels(j), (std::map<std::string, std::string>{{"battery_grid_en.txt", "red"},
                                                           {"coastal_ecology_en.pdf", "green"},
                                                           {"edo_literature_ja.txt", "green"},
                                                           {"hypersonic_en.docx", "yellow"},
                                                           {"quantum_sensing_ja.pdf", "red"},
                                                           {"semiconductor_ja.docx", "yellow"}}));
  EXPECT_EQ(j["summary"]["failed"], 0);
  EXPECT_TRUE(j["keyword_list_version"].get<std::string>().starts_with("kw-"));
  for (const auto& r : j["results"]) {
    std::map<std::string, int> seen;
    for (const auto& h : r["hits"]) {
      // Every hit is explained: keyword, areas, source entry, page, offsets and passage.
      EXPECT_FALSE(h["keyword_id"].get<std::string>().empty());
      EXPECT_FALSE(h["areas"].empty());
      EXPECT_FALSE(h["source_ref"].get<std::string>().empty());
      EXPECT_GE(h["page"].get<int>(), 1);
      EXPECT_LE(h["page"].get<int>(), r["pages"].get<int>());
      EXPECT_LT(h["offsets"][0].get<size_t>(), h["offsets"][1].get<size_t>());
      EXPECT_FALSE(h["matched"].get<std::string>().empty());
      // The first occurrences of each keyword carry their passage; later ones page and offsets.
      if (!seen[h["keyword_id"]]++) {
        EXPECT_FALSE(h["passage"]["match"].get<std::string>().empty());
      }
    }
    EXPECT_FALSE(r["classification"]["reasons"].empty());
  }
}

TEST(ScreenCliTest, JapanesePdfHitsCarryTheirPageAndOriginalText) {
  CommandRun run = Highfence("screen data/examples/proposals/quantum_sensing_ja.pdf --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  json r = json::parse(run.out)["results"][0];
  EXPECT_EQ(r["format"], "pdf");
  EXPECT_EQ(r["classification"]["actions"]["rs_questionnaire"], "required");
  EXPECT_EQ(r["classification"]["actions"]["publication_management"], "required");
  bool saw_quantum_sensing = false, saw_page2 = false;
  for (const auto& h : r["hits"]) {
    if (h["term"] == "量子センシング") saw_quantum_sensing = true;
    if (h["page"] == 2) saw_page2 = true;
  }
  EXPECT_TRUE(saw_quantum_sensing);
  EXPECT_TRUE(saw_page2);
  EXPECT_FALSE(r["readiness_cues"].empty());  // 試作機, 実証試験 … shown as suggestions
}

TEST(ScreenCliTest, WithoutAnswersGivesTheRangeAndNamesMissingAnswers) {
  testing::TempDir dir;
  fs::copy(testing::SourceDir() / "data/examples/proposals/hypersonic_en.docx", dir.path() / "hypersonic_en.docx");
  CommandRun run = Highfence("screen '" + dir.path().string() + "' --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  json c = json::parse(run.out)["results"][0]["classification"];
  EXPECT_TRUE(c["level"].is_null());
  EXPECT_EQ(c["level_range"], json::array({"yellow", "red"}));
  EXPECT_FALSE(c["missing_answers"].empty());
}

TEST(ScreenCliTest, BatchGoesOnPastBrokenFilesAndReportsEachWithItsReason) {
  testing::TempDir dir;
  const fs::path fixtures = testing::SourceDir() / "tests/engines/documents/fixtures";
  for (const char* f : {"encrypted.pdf", "truncated.pdf", "image.png", "empty.txt", "legacy.doc"})
    fs::copy(fixtures / f, dir.path() / f);
  fs::copy(testing::SourceDir() / "data/examples/proposals/edo_literature_ja.txt", dir.path() / "edo.txt");
  CommandRun run = Highfence("screen '" + dir.path().string() + "' --format json");
  EXPECT_EQ(run.status, 1);
  json j = json::parse(run.out);
  EXPECT_EQ(j["summary"]["screened"], 1);
  EXPECT_EQ(j["summary"]["green"], 1);
  std::map<std::string, std::string> failures;
  for (const auto& f : j["failures"])
    failures[fs::path(f["file"].get<std::string>()).filename().string()] = f["message"];
  ASSERT_EQ(failures.size(), 5u);
  EXPECT_NE(failures["encrypted.pdf"].find("encrypted"), std::string::npos);
  EXPECT_NE(failures["truncated.pdf"].find("truncated"), std::string::npos);
  EXPECT_NE(failures["image.png"].find("PNG"), std::string::npos);
  EXPECT_NE(failures["empty.txt"].find("empty"), std::string::npos);
  EXPECT_NE(failures["legacy.doc"].find(".doc"), std::string::npos);
  for (const auto& [file, message] : failures) EXPECT_NE(message.find(file), std::string::npos) << message;
}

TEST(ScreenCliTest, BadAnswersFileFailsThatProposalNamingFileAndLine) {
  testing::TempDir dir;
  fs::copy(testing::SourceDir() / "data/examples/proposals/battery_grid_en.txt", dir.path() / "battery.txt");
  dir.Write("battery.answers.toml", "scope = \"system\"\ntrl_end = 11\n");
  CommandRun run = Highfence("screen '" + dir.path().string() + "'", true);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("battery.answers.toml:2"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("trl_end"), std::string::npos);
}

TEST(ScreenCliTest, HtmlReportPerProposalIsSelfContained) {
  testing::TempDir dir;
  CommandRun run = Highfence("screen data/examples/proposals --format html --out '" + dir.path().string() + "'");
  ASSERT_EQ(run.status, 0) << run.out;
  std::string html = testing::ReadFileOrFail(dir.path() / "quantum_sensing_ja.html");
  EXPECT_NE(html.find("<span class=\"level red\">"), std::string::npos);
  EXPECT_NE(html.find("<mark>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // nothing fetched from outside
  EXPECT_TRUE(fs::exists(dir.path() / "edo_literature_ja.html"));
}

TEST(ScreenCliTest, TextOutputShowsLevelAreasAndPassages) {
  CommandRun run = Highfence("screen data/examples/proposals/semiconductor_ja.docx");
  ASSERT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("YELLOW 黄"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("マイクロプロセッサ・半導体技術"), std::string::npos);
  EXPECT_NE(run.out.find("【"), std::string::npos);
  EXPECT_NE(run.out.find("realisation.element_only"), std::string::npos);
}

TEST(ScreenCliTest, UnusableKeywordListsAreAConfigurationError) {
  testing::TempDir dir;
  dir.Write("broken.tsv", "# name: x\nid\tlang\n");
  CommandRun run = Highfence("screen data/examples/proposals --keywords '" + dir.path().string() + "'", true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("broken.tsv:2"), std::string::npos) << run.out;
}

TEST(KeywordsCliTest, ImportRejectsABadFileAndLeavesInstalledListsUntouched) {
  testing::TempDir dir;
  fs::copy(testing::SourceDir() / "data/keywords", dir.path() / "keywords");
  std::string before = Highfence("keywords --dir '" + (dir.path() / "keywords").string() + "' check").out;
  fs::path bad =
      dir.Write("extra.tsv",
                "# name: extra\n# source_document: export_control\n# source: x\n# as_of: 2026-01-01\n"
                "# licence: x\nid\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n"
                "x1\ten\tlaser weapon\t\t25\texport_control\tEU 6A005\tsynonym_here\t0.8\t\n");
  CommandRun run =
      Highfence("keywords import '" + bad.string() + "' --to '" + (dir.path() / "keywords").string() + "'", true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("extra.tsv:7: column \"areas\""), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(dir.path() / "keywords" / "extra.tsv"));
  EXPECT_EQ(Highfence("keywords --dir '" + (dir.path() / "keywords").string() + "' check").out, before);

  fs::path good =
      dir.Write("extra2.tsv",
                "# name: extra\n# source_document: export_control\n# source: x\n# as_of: 2026-01-01\n"
                "# licence: x\nid\tlang\tterm\tvariants\tareas\tsource_doc\tsource_ref\tderivation\tweight\tnote\n"
                "x1\ten\thigh-energy laser weapon\t\t18\texport_control\tEU 6A005\tsynonym_here\t0.8\t\n");
  run = Highfence("keywords import '" + good.string() + "' --to '" + (dir.path() / "keywords").string() + "'", true);
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_TRUE(fs::exists(dir.path() / "keywords" / "extra2.tsv"));
}

TEST(KeywordsCliTest, ImportsAnOfficialTableAndScreensWithIt) {
  testing::TempDir dir;  // a fresh list directory holding only the imported file
  fs::path csv = dir.Write("hikoukai_fields.csv",
                           "項番,特定技術分野,IPC\n1,航空機等の偽装・隠ぺい技術,F41H3/00\n2,,B64C\n"
                           "3,固体燃料ロケットエンジン技術,F02K9\n");
  const std::string kw = (dir.path() / "keywords").string();
  CommandRun run =
      Highfence("keywords import '" + csv.string() + "' --to '" + kw +
                    "' --term-column 特定技術分野 --ref-column 項番 --ref-prefix '特定技術分野 ' --areas '18;15' "
                    "--source-doc patent_secrecy --weight 0.9 --as-of 2024-05-01",
                true);
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("hikoukai_fields.csv:3: column \"特定技術分野\" is empty"), std::string::npos) << run.out;
  ASSERT_TRUE(fs::exists(dir.path() / "keywords" / "hikoukai_fields.tsv"));
  fs::path proposal = dir.Write("p/proposal.txt", "本研究では固体燃料ロケットエンジン技術の燃焼安定性を調べる。");
  run = Highfence("screen '" + proposal.string() + "' --keywords '" + kw + "' --format json");
  ASSERT_EQ(run.status, 0) << run.out;
  bool found = false;
  const json result = json::parse(run.out);
  for (const auto& h : result["results"][0]["hits"])
    if (h["source_ref"] == "特定技術分野 3" && h["source_doc"] == "patent_secrecy") found = true;
  EXPECT_TRUE(found) << run.out;
}

}  // namespace
}  // namespace highfence
