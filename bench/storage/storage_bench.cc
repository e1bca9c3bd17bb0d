// SPDX-License-Identifier: Apache-2.0
// storage_bench: case-store write throughput and audit verify time on SQLite or PostgreSQL.
//
//   storage_bench URL [RECORDS] [BATCH]      e.g. storage_bench sqlite:/tmp/b.db 100000 100
//   storage_bench [--benchmark_…]            (scripts/bench.sh) 20,000 records on a new SQLite
//                                            file in the temporary directory
//
// Migrates the (empty) database, then writes RECORDS disclosures-sized records (≈ 600-byte JSON
// bodies in Japanese and English) as inserts in transactions of BATCH records, updates 10 % of
// them one transaction each, and times: inserts/s, single-record update transactions/s,
// VerifyAudit over the whole chain and ExportAudit. Prints one markdown table row per phase.
// Not a test: figures go to docs/benchmarks.md with the command that produced them.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/audit.h"
#include "storage/database.h"
#include "storage/records.h"

using namespace highfence;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void Die(const Error& e) {
  std::fprintf(stderr, "storage_bench: %s\n", e.ToString().c_str());
  std::exit(1);
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string Body(int i) {
  return R"j({"person_id":"person_)j" + std::to_string(i % 5000) +
         R"j(","as_of":"2026-04-01","items":{)j"
         R"j("education":[{"institution":"東京大学 大学院工学系研究科","degree":"博士(工学)","year":2012}],)j"
         R"j("career":[{"organisation":"Kyoto University, Graduate School of Informatics",)j"
         R"j("role":"Associate Professor","from":"2018-04"}],)j"
         R"j("funding":[{"source":"JSPS KAKENHI 23H01234","amount_jpy":12000000,"effort":0.3}],"support":[],)j"
         R"j("papers":[{"title":"量子センシングによる高感度磁場計測","coauthors":["Li Wei","山田 太郎"]}],)j"
         R"j("talent_programmes":"none","certified":true}})j";
}

}  // namespace

int main(int argc, char** argv) {
  const bool given = argc > 1 && std::string(argv[1]).rfind("--", 0) != 0;
  const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "hf_storage_bench.db";
  if (!given) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch.string() + suffix);
  }
  const std::string url = given ? argv[1] : "sqlite:" + scratch.string();
  const int records = given && argc > 2 ? std::atoi(argv[2]) : (given ? 100000 : 20000);
  const int batch = given && argc > 3 ? std::atoi(argv[3]) : 100;
  auto db_or = storage::Database::Open(url, {});
  if (!db_or) Die(db_or.error());
  storage::Database& db = **db_or;
  if (auto m = db.Migrate(); !m) Die(m.error());
  const storage::Actor actor{"system:bench", "bench"};

  std::printf("| %s | phase | count | seconds | per second |\n|---|---|---:|---:|---:|\n",
              db.backend() == storage::Backend::kSqlite ? "sqlite" : "postgresql");
  std::vector<storage::Record> written;
  written.reserve(records);
  auto t0 = Clock::now();
  for (int done = 0; done < records;) {
    auto r = db.WithTransaction([&](storage::Transaction& tx) -> Result<void> {
      for (int i = 0; i < batch && done + i < records; ++i) {
        const int n = done + i;
        storage::Record rec{.table = "disclosures",
                            .id = storage::NewId("disc"),
                            .tenant_id = n % 2 ? "inst_tokyo" : "inst_kyoto",
                            .body = Body(n),
                            .keys = {{"person_id", "person_" + std::to_string(n % 5000)},
                                     {"seq", std::to_string(n / 5000 + 1)},
                                     {"as_of", "2026-04-01"}}};
        auto inserted = storage::Insert(tx, rec, actor);
        if (!inserted) return inserted.error();
        written.push_back(std::move(*inserted));
      }
      return Ok();
    });
    if (!r) Die(r.error());
    done += batch;
  }
  double s = Seconds(t0);
  std::printf("| | insert, %d per transaction | %d | %.2f | %.0f |\n", batch, records, s, records / s);

  const int updates = records / 10;
  t0 = Clock::now();
  for (int i = 0; i < updates; ++i) {
    storage::Record& rec = written[static_cast<size_t>(i) * 10 % written.size()];
    storage::Record next = rec;
    next.body = Body(i + 1);
    auto r = db.WithTransaction([&](storage::Transaction& tx) -> Result<void> {
      auto updated = storage::Update(tx, next, rec.version, actor);
      if (!updated) return updated.error();
      rec = *updated;
      return Ok();
    });
    if (!r) Die(r.error());
  }
  s = Seconds(t0);
  std::printf("| | update, 1 per transaction | %d | %.2f | %.0f |\n", updates, s, updates / s);

  t0 = Clock::now();
  auto report = storage::VerifyAudit(db);
  if (!report) Die(report.error());
  s = Seconds(t0);
  std::printf("| | audit verify (%lld records, %lld rows)%s | %lld | %.2f | %.0f |\n",
              static_cast<long long>(report->records_checked), static_cast<long long>(report->rows_checked),
              report->ok ? "" : " BROKEN", static_cast<long long>(report->records_checked), s,
              report->records_checked / s);

  t0 = Clock::now();
  std::ofstream sink("/dev/null");
  auto exported = storage::ExportAudit(db, sink);
  if (!exported) Die(exported.error());
  s = Seconds(t0);
  std::printf("| | audit export (JSON lines) | %lld | %.2f | %.0f |\n", static_cast<long long>(*exported), s,
              *exported / s);
  if (db.backend() == storage::Backend::kSqlite) {
    std::error_code ec;
    std::printf("| | database file | %.1f MB | | |\n", std::filesystem::file_size(url.substr(7), ec) / 1e6);
  }
  return report->ok ? 0 : 1;
}
