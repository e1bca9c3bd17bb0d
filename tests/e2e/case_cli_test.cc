// SPDX-License-Identifier: Apache-2.0
// End-to-end: the case verbs as a black box. The worked case (data/examples/case/replay.sh) on
// a fresh SQLite file; a disclosure import with a bad row writes nothing, --partial writes the
// good rows; kill -9 of a large `highfence import disclosures` leaves a store that opens, whose
// chain verifies and where every disclosure is wholly there or absent (SQLite and PostgreSQL);
// several `highfence` processes updating one measure concurrently lose no update.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/audit.h"
#include "storage/case_store.h"
#include "storage/database.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
#include "tests/support/cli.h"
#include "tests/support/data.h"

namespace highfence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandRun;
using testing::Highfence;
using testing::Quote;

std::string Bin() {
  return (testing::BinaryDir() / "cli" / "highfence").string();
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

CommandRun Shell(const std::string& cmd) {
  CommandRun run;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) run.out.append(buf, n);
  int st = ::pclose(p);
  run.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return run;
}

const char* kHeader =
    "研究者番号,基準日,項目,機関名,国・地域,名称,制度名,役職,部局,専攻,開始,終了,年月日,金額,通貨,エフォート,秘密保持契"
    "約,本務,識別子,掲載誌,共著者・共同発明者,共同出願人,種別,内容\n";

// A career row (main post, 50 %) for an e-Rad id, as of a date.
std::string CareerRow(const std::string& erad, const std::string& as_of, const std::string& effort = "50%") {
  return erad + "," + as_of + ",②,東北大学,JP,,,准教授,金属材料研究所,,2018-04,,,,," + effort + ",,有,,,,,,\n";
}

class CaseCliTest : public ::testing::Test {
 protected:
  // A migrated store with one institution and n people (e-Rad 10000000 + i), written through
  // the store (fast); the verbs under test run as processes.
  void Seed(const std::string& url, int people) {
    url_ = url;
    auto db = storage::Database::Open(url_, {});
    ASSERT_TRUE(db) << db.error().ToString();
    ASSERT_TRUE((*db)->Migrate());
    auto store = storage::CaseStore::Open(**db, {});
    ASSERT_TRUE(store) << store.error().ToString();
    storage::Caller admin;
    admin.user_id = "user_admin";
    admin.roles = {access::Role::kAdministrator};
    auto inst = (*store)->CreateInstitution(admin, {.name_ja = "東北大学", .name_en = "Tohoku University"});
    ASSERT_TRUE(inst) << inst.error().ToString();
    tenant_ = inst->value.id;
    storage::Caller officer = admin;
    officer.roles = {access::Role::kSecurityOfficer};
    officer.tenant_id = tenant_;
    for (int i = 0; i < people; ++i) {
      cases::Person p;
      p.names = {{"研究者 " + std::to_string(i), cases::NameScript::kKanji}};
      p.erad_id = std::to_string(10000000 + i);
      auto stored = (*store)->CreatePerson(officer, p);
      ASSERT_TRUE(stored) << stored.error().ToString();
    }
  }
  CommandRun Run(const std::string& args, bool merge = true) { return Highfence(args + " --db " + Quote(url_), merge); }
  int64_t Count(const std::string& table) {
    auto db = storage::Database::Open(url_, {});
    EXPECT_TRUE(db);
    if (!db) return -1;
    auto page = storage::List(**db, table, {.limit = 1});
    EXPECT_TRUE(page);
    return page ? page->total : -1;
  }

  // The verb's id output; the verb must succeed.
  std::string Id(const std::string& args) {
    auto r = Run(args, false);
    EXPECT_EQ(r.status, 0) << args << "\n" << r.out;
    return Trim(r.out);
  }
  // Through the verbs alone, on a fresh SQLite file: JST with a programme, 東北大学, 青葉 花子
  // (PI), her proposal shortlisted by the agency and its case opened.
  void OpenCaseByCli(const std::string& file) {
    url_ = "sqlite:" + (dir_.path() / file).string();
    ASSERT_EQ(Run("db migrate").status, 0);
    std::string jst = Id("institution add --as administrator --kind agency --name-ja 科学技術振興機構");
    tohoku_ = Id("institution add --as administrator --kind university --name-ja 東北大学");
    std::string prog = Id("programme add --as programme_officer --agency " + jst + " --name-ja 戦略的創造研究推進事業");
    aoba_ = Id("person add --tenant " + tohoku_ + " --name '青葉 花子' --name-latin 'Hanako Aoba' --erad 70451234");
    std::string prop = Id("proposal submit --tenant " + tohoku_ + " --programme " + prog +
                          " --title 'NV中心を用いた量子センシング' --member " + aoba_ + ":pi");
    ASSERT_EQ(Run("proposal shortlist " + prop + " --as programme_officer").status, 0);
    case_ = Id("case open " + prop);
  }

  testing::TempDir dir_;
  std::string url_;
  std::string tenant_;
  std::string tohoku_, aoba_, case_;  // OpenCaseByCli
};

#ifndef HF_CASE_CLI_TEST_POSTGRES  // the PostgreSQL binary runs only the crash test
TEST_F(CaseCliTest, TheWorkedCaseReplaysToFollowUpWithOneFollowUpForTheNewHit) {
  fs::path db = dir_.path() / "case.db";
  auto run = Shell("HF=" + Quote(Bin()) + " bash " + Quote(testing::RepoPath("data/examples/case/replay.sh").string()) +
                   " " + Quote(db.string()));
  ASSERT_EQ(run.status, 0) << run.out;
  url_ = "sqlite:" + db.string();
  auto list = Run("case list --format json", false);
  ASSERT_EQ(list.status, 0) << list.out;
  json cases = json::parse(list.out);
  ASSERT_EQ(cases["total"], 1);
  std::string id = cases["items"][0]["id"];
  EXPECT_EQ(cases["items"][0]["state"], "follow_up");
  EXPECT_EQ(cases["items"][0]["risk_level"], "red");
  auto show = Run("case show " + id + " --format json", false);
  ASSERT_EQ(show.status, 0) << show.out;
  json c = json::parse(show.out);
  EXPECT_EQ(c["decision"]["outcome"], "proceed_with_conditions");
  EXPECT_EQ(c["measures"].size(), 3u);
  EXPECT_EQ(c["reviews"].size(), 2u);
  bool partial = false;
  for (const auto& e : c["evaluations"]) partial |= e["due_diligence"]["state"] == "partial";
  EXPECT_TRUE(partial);
  // One follow-up, for the entry the update added; the METI hit seen at ① opens none.
  ASSERT_EQ(c["followups"].size(), 1u) << c["followups"].dump(2);
  EXPECT_EQ(c["followups"][0]["kind"], "list_snapshot_changed");
  EXPECT_EQ(c["followups"][0]["ref"], "lists:us_entity_list:harbin-institute-of-technology");
  bool meti = false;
  for (const auto& f : c["flags"]) meti |= f["id"].get<std::string>().rfind("lists:jp_meti_eul:", 0) == 0;
  EXPECT_TRUE(meti) << c["flags"].dump();
  EXPECT_NE(run.out.find("audit chain intact"), std::string::npos) << run.out;

  // 証跡: the measure keeps the file's name and SHA-256 (as sha256sum computes it), not the file.
  std::string measure = c["measures"][0]["id"];
  fs::path evidence = dir_.Write("立入管理記録_2026-12.pdf", "2026年12月 立入管理記録: 入室者 3 名、持出しなし\n");
  auto added = Run("measure evidence " + measure + " " + Quote(evidence.string()), false);
  ASSERT_EQ(added.status, 0) << added.out;
  auto sum = Shell("sha256sum " + Quote(evidence.string()));
  ASSERT_EQ(sum.status, 0) << sum.out;
  auto after = Run("case show " + id + " --format json", false);
  ASSERT_EQ(after.status, 0) << after.out;
  json m = json::parse(after.out)["measures"][0];
  ASSERT_EQ(m["evidence"].size(), 1u) << m.dump(2);
  EXPECT_EQ(m["evidence"][0]["file_name"], "立入管理記録_2026-12.pdf");
  EXPECT_EQ(m["evidence"][0]["sha256"], sum.out.substr(0, 64));
  auto missing = Run("measure evidence ms_nosuch " + Quote(evidence.string()));
  EXPECT_EQ(missing.status, 1) << missing.out;
  EXPECT_NE(missing.out.find("ms_nosuch"), std::string::npos) << missing.out;
}

TEST_F(CaseCliTest, AnImportWithABadRowWritesNothingAndPartialWritesTheGoodRows) {
  Seed("sqlite:" + (dir_.path() / "import.db").string(), 3);
  std::string file = dir_.Write("disclosures.csv", std::string(kHeader) + CareerRow("10000000", "2026-10-01") +
                                                       CareerRow("10000001", "2026-10-01", "150%") +
                                                       CareerRow("10000002", "2026-10-01"))
                         .string();
  auto refused = Run("import disclosures " + Quote(file));
  EXPECT_EQ(refused.status, 1) << refused.out;
  EXPECT_NE(refused.out.find("disclosures.csv:3"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("150"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("nothing written"), std::string::npos) << refused.out;
  EXPECT_EQ(Count("disclosures"), 0);

  auto partial = Run("import disclosures " + Quote(file) + " --partial");
  EXPECT_EQ(partial.status, 1) << partial.out;
  EXPECT_NE(partial.out.find("2 disclosures written"), std::string::npos) << partial.out;
  EXPECT_EQ(Count("disclosures"), 2);
  // An unknown person is named with its line, and a refused file still writes nothing.
  std::string unknown = dir_.Write("unknown.csv", std::string(kHeader) + CareerRow("99999999", "2026-10-01")).string();
  auto u = Run("import disclosures " + Quote(unknown));
  EXPECT_EQ(u.status, 1) << u.out;
  EXPECT_NE(u.out.find("unknown.csv:2"), std::string::npos) << u.out;
  EXPECT_NE(u.out.find("99999999"), std::string::npos) << u.out;
  EXPECT_EQ(Count("disclosures"), 2);
}

// `import team` is one transaction through CaseStore::ImportTeam: a file with an unknown person
// writes nothing (named by file, line and column; the audit chain not one record longer), and
// --partial adds the good rows once.
TEST_F(CaseCliTest, ATeamImportWithABadRowWritesNothingAndPartialAddsTheGoodRowsOnce) {
  OpenCaseByCli("team.db");
  const std::string& tohoku = tohoku_;
  const std::string& kase = case_;
  Id("person add --tenant " + tohoku + " --name '田中 美咲' --erad 90673456");
  std::string file = dir_.Write("体制.csv",
                                "e-Rad研究者番号,氏名,所属機関,役割\n"
                                "90673456,田中 美咲," +
                                    tohoku +
                                    ",研究参加者\n"
                                    "11112222,山本 太郎," +
                                    tohoku + ",学生\n")
                         .string();
  auto chain = [&] {
    auto db = storage::Database::Open(url_, {});
    EXPECT_TRUE(db);
    auto report = db ? storage::VerifyAudit(**db) : Result<storage::AuditReport>(MakeError(ErrorCode::kInternal, ""));
    EXPECT_TRUE(report && report->ok);
    return report ? report->records_checked : -1;
  };
  auto team = [&] {
    auto show = Run("case show " + kase + " --format json", false);
    EXPECT_EQ(show.status, 0) << show.out;
    return json::parse(show.out, nullptr, false)["team"].size();
  };
  int64_t records = chain();
  ASSERT_EQ(team(), 1u);
  auto refused = Run("import team " + Quote(file) + " --case " + kase);
  EXPECT_EQ(refused.status, 1) << refused.out;
  EXPECT_NE(refused.out.find("体制.csv:3: column \"erad_id\""), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("11112222"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("nothing written"), std::string::npos) << refused.out;
  EXPECT_EQ(team(), 1u);
  EXPECT_EQ(chain(), records);

  auto partial = Run("import team " + Quote(file) + " --case " + kase + " --partial");
  EXPECT_EQ(partial.status, 1) << partial.out;  // some rows failed
  EXPECT_NE(partial.out.find("1 members added to " + kase), std::string::npos) << partial.out;
  EXPECT_EQ(team(), 2u);
  EXPECT_EQ(chain(), records + 1);  // one proposal update, one audit record
  auto again = Run("import team " + Quote(file) + " --case " + kase + " --partial");
  EXPECT_NE(again.out.find("0 members added to " + kase + " (1 already on the team)"), std::string::npos) << again.out;
  EXPECT_EQ(team(), 2u);
}

// A decline is appealed and the appeal decided; a change reported to the funder is a follow-up
// that closes; items ⑫ ⑬ are refused to the security officer (naming the role) and read by the
// export-control officer, which leaves a `read` record in the audit export.
TEST_F(CaseCliTest, ADeclineIsAppealedAndDecidedAndOnlyExportControlReadsRestrictedItems) {
  OpenCaseByCli("appeal.db");
  auto id = [&](const std::string& args) { return Id(args); };
  const std::string& aoba = aoba_;
  const std::string& kase = case_;
  ASSERT_FALSE(kase.empty());

  // No decision yet: nothing to appeal, and the message names the case.
  auto early = Run("case appeal " + kase + " --reason 'まだ判断がない'");
  EXPECT_EQ(early.status, 1) << early.out;
  EXPECT_NE(early.out.find(kase), std::string::npos) << early.out;

  id("review decide " + kase + " --outcome decline --reason '共同研究先の管理体制が確認できない'");
  std::string appeal = id("case appeal " + kase + " --reason '共同研究先の管理体制を示す資料を追加で提出する'");
  EXPECT_EQ(appeal.rfind("ap", 0), 0u) << appeal;
  auto both = Run("case appeal-decide " + kase + " --grant --reject --reason x");
  EXPECT_EQ(both.status, 2) << both.out;
  EXPECT_NE(both.out.find("--grant"), std::string::npos) << both.out;
  auto decided = Run("case appeal-decide " + kase + " --grant --reason '追加資料により管理体制を確認した'", false);
  ASSERT_EQ(decided.status, 0) << decided.out;
  EXPECT_EQ(Trim(decided.out), appeal + " granted");
  auto show = Run("case show " + kase + " --format json", false);
  ASSERT_EQ(show.status, 0) << show.out;
  json c = json::parse(show.out);
  EXPECT_EQ(c["appeal"]["id"], appeal);
  EXPECT_EQ(c["appeal"]["status"], "granted");
  EXPECT_EQ(c["appeal"]["outcome_reason"], "追加資料により管理体制を確認した");
  // Decided once: a second decision is refused.
  auto twice = Run("case appeal-decide " + kase + " --reject --reason '重複'");
  EXPECT_EQ(twice.status, 1) << twice.out;
  EXPECT_NE(twice.out.find("already granted"), std::string::npos) << twice.out;

  // ④ a change reported to the funder, then closed.
  std::string fu = id("followup report " + kase + " --person " + aoba + " --ref 変更届-2026-012 --note '兼業先の追加'");
  auto closed = Run("followup close " + fu + " --note '配分機関への報告を確認し再評価不要と判断'", false);
  ASSERT_EQ(closed.status, 0) << closed.out;
  auto open = Run("followup list --case " + kase + " --status open --format json", false);
  ASSERT_EQ(open.status, 0) << open.out;
  EXPECT_EQ(json::parse(open.out)["total"], 0) << open.out;
  auto again = Run("followup close " + fu + " --note 'もう一度'");
  EXPECT_EQ(again.status, 1) << again.out;
  EXPECT_NE(again.out.find("already done"), std::string::npos) << again.out;

  // ⑫ ⑬: the security officer may neither write nor read them; the export-control officer may.
  std::string file = dir_.Write("restricted.json", R"({"as_of": "2026-11-15",
      "non_resident_status": {"non_resident": false, "specified_category": false},
      "nationalities": ["JP"]})")
                         .string();
  auto denied_write = Run("person restricted " + aoba + " " + Quote(file));
  EXPECT_EQ(denied_write.status, 1) << denied_write.out;
  EXPECT_NE(denied_write.out.find("export_control_officer"), std::string::npos) << denied_write.out;
  std::string rdisc = id("person restricted " + aoba + " " + Quote(file) + " --as export_control_officer");
  EXPECT_EQ(rdisc.rfind("rdisc", 0), 0u) << rdisc;
  auto denied = Run("person restricted " + aoba + " --as security_officer --reason 'みなし輸出の確認'");
  EXPECT_EQ(denied.status, 1) << denied.out;
  EXPECT_NE(denied.out.find("export_control_officer"), std::string::npos) << denied.out;
  EXPECT_NE(denied.out.find("security_officer"), std::string::npos) << denied.out;
  EXPECT_EQ(denied.out.find("JP"), std::string::npos) << denied.out;
  auto read = Run(
      "person restricted " + aoba + " --as export_control_officer --reason 'みなし輸出の確認' --format json", false);
  ASSERT_EQ(read.status, 0) << read.out;
  json versions = json::parse(read.out);
  ASSERT_EQ(versions.size(), 1u) << read.out;
  EXPECT_EQ(versions[0]["id"], rdisc);
  EXPECT_EQ(versions[0]["nationalities"], json::array({"JP"}));

  auto audit = Run("audit export", false);
  ASSERT_EQ(audit.status, 0) << audit.out;
  int reads = 0;
  std::istringstream lines(audit.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    json r = json::parse(line);
    if (r["action"] == "read") {
      ++reads;
      EXPECT_EQ(r["object_id"], rdisc);
      EXPECT_EQ(r["reason"], "みなし輸出の確認");
    }
  }
  EXPECT_EQ(reads, 1) << audit.out;
}

#endif

// On both backends: kill -9 in the middle of a large import (every disclosure wholly there or
// absent), and several processes writing one measure at once (no lost update).
template <typename Backend>
class CaseCliCrashTest : public CaseCliTest {};
#ifdef HF_CASE_CLI_TEST_POSTGRES
using Backends = ::testing::Types<testing::PostgresBackend>;
#else
using Backends = ::testing::Types<testing::SqliteBackend>;
#endif
TYPED_TEST_SUITE(CaseCliCrashTest, Backends);

TYPED_TEST(CaseCliCrashTest, KillNineDuringImportLeavesWholeRecordsAndAVerifiedChain) {
  const int people = 1000;
  this->Seed(TypeParam::NewUrl(this->dir_), people);
  std::string rows(kHeader);
  for (int i = 0; i < people; ++i) {
    std::string erad = std::to_string(10000000 + i);
    rows += CareerRow(erad, "2026-10-01", "40%");
    rows += erad + ",2026-10-01,③,日本学術振興会,JP,課題" + std::to_string(i) +
            ",科研費 基盤研究(C),研究代表者,,,2024-04,2027-03,,3000000,JPY,20%,,,,,,,,\n";
  }
  std::string file = this->dir_.Write("large.csv", rows).string();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("HIGHFENCE_DB", this->url_.c_str(), 1);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execl(Bin().c_str(), Bin().c_str(), "import", "disclosures", file.c_str(), nullptr);
    ::_exit(127);
  }
  // Wait until some disclosures are in, then kill.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int64_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    storage::Options quick;
    quick.check_on_open = false;
    quick.pool_size = 1;
    auto db = storage::Database::Open(this->url_, quick);
    if (!db) continue;
    auto page = storage::List(**db, "disclosures", {.limit = 1});
    if (page && page->total > 5) {
      seen = page->total;
      break;
    }
  }
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  ASSERT_GT(seen, 0) << "the import wrote nothing within 60 s";
  auto db = storage::Database::Open(this->url_, {});
  ASSERT_TRUE(db) << db.error().ToString();
  auto report = storage::VerifyAudit(**db);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->ok) << report->reason;
  auto page = storage::List(**db, "disclosures", {.limit = 0});
  ASSERT_TRUE(page);
  EXPECT_LT(page->total, people) << "the kill came after the import finished; make the file larger";
  for (const storage::Record& r : page->records) {
    json d = json::parse(r.body);
    EXPECT_EQ(d["career"].size(), 1u) << r.id;
    EXPECT_EQ(d["funding"].size(), 1u) << r.id;
    EXPECT_EQ(d["seq"], 1) << r.id;
  }
}

TYPED_TEST(CaseCliCrashTest, SeveralProcessesRecordingConsentsLoseNoUpdate) {
  // Five processes each record one person's consent on one measure, re-reading on conflict.
  this->Seed(TypeParam::NewUrl(this->dir_), 5);
  auto people = json::parse(this->Run("person list --format json", false).out);
  std::vector<std::string> ids;
  for (const auto& p : people["items"]) ids.push_back(p["id"]);
  ASSERT_EQ(ids.size(), 5u);
  std::string agency =
      Trim(this->Run("institution add --as administrator --kind agency --name-ja 科学技術振興機構").out);
  std::string prog =
      Trim(this->Run("programme add --as programme_officer --agency " + agency + " --name-ja CREST").out);
  std::string members;
  for (size_t i = 0; i < ids.size(); ++i) members += " --member " + ids[i] + (i == 0 ? ":pi" : ":participant");
  std::string prop = Trim(this->Run("proposal submit --tenant " + this->tenant_ + " --programme " + prog +
                                    " --title 量子センシング" + members)
                              .out);
  ASSERT_EQ(this->Run("proposal shortlist " + prop + " --as programme_officer").status, 0);
  std::string kase = Trim(this->Run("case open " + prop).out);
  ASSERT_EQ(kase.rfind("case_", 0), 0u) << kase;
  std::string binds;
  for (const auto& id : ids) binds += " --binds " + id;
  std::string measure = Trim(this->Run("measure add " + kase + " --kind training --person " + ids[0] +
                                       " --owner officer_sato --description 研究セキュリティ研修" + binds)
                                 .out);
  ASSERT_EQ(measure.rfind("ms_", 0), 0u) << measure;
  std::vector<std::thread> workers;
  std::vector<int> statuses(ids.size(), -1);
  for (size_t i = 0; i < ids.size(); ++i)
    workers.emplace_back([&, i] {
      for (int attempt = 0; attempt < 20; ++attempt) {
        auto r = this->Run("measure update " + measure + " --consent " + ids[i]);
        statuses[i] = r.status;
        if (r.status == 0) break;  // 1: a conflict (stale version); re-read and retry
      }
    });
  for (auto& w : workers) w.join();
  for (int s : statuses) EXPECT_EQ(s, 0);
  auto show = json::parse(this->Run("case show " + kase + " --format json", false).out);
  ASSERT_EQ(show["measures"].size(), 1u);
  EXPECT_EQ(show["measures"][0]["consents"].size(), ids.size()) << show["measures"][0].dump(2);
  EXPECT_EQ(show["measures"][0]["version"], 1 + static_cast<int>(ids.size()));
  auto verify = this->Run("audit verify");
  EXPECT_EQ(verify.status, 0) << verify.out;
}

}  // namespace
}  // namespace highfence
