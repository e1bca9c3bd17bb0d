// SPDX-License-Identifier: Apache-2.0
// storage_writer: a tiny client that the storage tests run as several processes at once.
//
//   storage_writer increment URL CASE_ID N   add 1 to the case's "count" N times, re-reading and
//                                            retrying on a stale version (kAborted)
//   storage_writer batch URL TAG N           insert N cases tagged TAG in ONE transaction, printing
//                                            "inserted K" every 50 rows (the test kills it mid-way)
// Exit 0 on success, 1 with the error on stderr.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "storage/records.h"

using namespace highfence;

namespace {

int Fail(const Error& e) {
  std::cerr << "storage_writer: " << e.ToString() << "\n";
  return 1;
}

int Increment(storage::Database& db, const std::string& id, int n) {
  const storage::Actor actor{"system:writer-" + std::to_string(::getpid()), ""};
  for (int i = 0; i < n; ++i) {
    for (int attempt = 0;; ++attempt) {
      auto current = storage::Get(db, "cases", id);
      if (!current) return Fail(current.error());
      auto body = nlohmann::json::parse(current->body);
      body["count"] = body["count"].get<int>() + 1;
      storage::Record next = *current;
      next.body = body.dump();
      auto done = db.WithTransaction([&](storage::Transaction& tx) -> Result<void> {
        auto updated = storage::Update(tx, next, current->version, actor);
        if (!updated) return updated.error();
        return Ok();
      });
      if (done) break;
      if (done.error().code != ErrorCode::kAborted || attempt > 10000) return Fail(done.error());
    }
  }
  return 0;
}

int Batch(storage::Database& db, const std::string& tag, int n) {
  const storage::Actor actor{"system:import-" + tag, "batch-" + tag};
  auto done = db.WithTransaction([&](storage::Transaction& tx) -> Result<void> {
    for (int i = 1; i <= n; ++i) {
      storage::Record r;
      r.table = "people";
      r.id = storage::NewId("person");
      r.tenant_id = "inst_tohoku";
      r.body = nlohmann::json{{"name", "研究者 " + std::to_string(i)}, {"batch", tag}}.dump();
      r.keys = {{"erad_id", tag + "-" + std::to_string(i)}};
      auto inserted = storage::Insert(tx, r, actor);
      if (!inserted) return inserted.error();
      if (i % 50 == 0) {
        std::printf("inserted %d\n", i);
        std::fflush(stdout);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
    return Ok();
  });
  if (!done) return Fail(done.error());
  std::printf("committed %d\n", n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: storage_writer increment URL CASE_ID N | batch URL TAG N\n";
    return 2;
  }
  const std::string mode = argv[1];
  storage::Options options;
  options.pool_size = 2;
  auto db = storage::Database::Open(argv[2], options);
  if (!db) return Fail(db.error());
  const int n = std::atoi(argv[4]);
  if (mode == "increment") return Increment(**db, argv[3], n);
  if (mode == "batch") return Batch(**db, argv[3], n);
  std::cerr << "storage_writer: unknown mode " << mode << "\n";
  return 2;
}
