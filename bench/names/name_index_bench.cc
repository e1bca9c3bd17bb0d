// SPDX-License-Identifier: Apache-2.0
// NameIndex over the real organisation names of ../shared/data/registry/ror_names.tsv.gz
// (ROR, CC0; ~151k names in many scripts). Measures: build time and index memory, query
// throughput on 1 and 2 threads, the 1,000,000-query run (target < 60 s on 2 cores) with
// per-query latency percentiles, and the exhaustive scorer (every key scored, no q-gram
// retrieval) as the brute-force baseline.
//
//   cmake --preset bench && cmake --build --preset bench && ./build/bench/bench/names/name_index_bench
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engines/names/name_index.h"

namespace highfence::names {
namespace {

std::string DataPath() {
  const char* env = std::getenv("HF_SHARED_DATA_DIR");
  return std::string(env != nullptr ? env : HF_SHARED_DATA_DIR) + "/registry/ror_names.tsv.gz";
}

std::vector<NameRecord> LoadRor() {
  std::vector<NameRecord> records;
  gzFile f = gzopen(DataPath().c_str(), "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "name_index_bench: cannot open %s\n", DataPath().c_str());
    std::exit(1);
  }
  std::unordered_map<std::string, uint32_t> ids;
  std::string content;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) content.append(buf, static_cast<size_t>(n));
  gzclose(f);
  size_t pos = content.find('\n') + 1;  // header: ror_id status country city types name lang name_types
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    std::vector<std::string> f8;
    size_t b = pos;
    for (size_t i = pos; i <= end; ++i) {
      if (i == end || content[i] == '\t') {
        f8.emplace_back(content, b, i - b);
        b = i + 1;
      }
    }
    pos = end + 1;
    if (f8.size() < 8 || f8[5].empty()) continue;
    auto [it, added] = ids.try_emplace(f8[0], static_cast<uint32_t>(ids.size()));
    NameRecord r;
    r.record = it->second;
    r.name = f8[5];
    r.country = f8[2];
    r.is_acronym = f8[7].find("acronym") != std::string::npos;
    records.push_back(std::move(r));
  }
  return records;
}

// Queries as screening sees them: exact names, case and word-order changes, abbreviations,
// one-letter typos, and names of nothing in the index.
std::vector<std::string> MakeQueries(const std::vector<NameRecord>& records, size_t count) {
  std::mt19937 rng(20261123);
  std::vector<std::string> out;
  while (out.size() < count) {
    std::string q = records[rng() % records.size()].name;
    switch (rng() % 6) {
      case 0:
        break;
      case 1:
        for (char& c : q) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        break;
      case 2:
        if (size_t at = q.find("University"); at != std::string::npos) q.replace(at, 10, "Univ.");
        break;
      case 3:
        if (q.size() > 6 && static_cast<unsigned char>(q[q.size() / 2]) < 0x80) q.erase(q.size() / 2, 1);
        break;
      case 4:
        if (size_t sp = q.find(' '); sp != std::string::npos) q = q.substr(sp + 1) + " " + q.substr(0, sp);
        break;
      case 5:
        q = "Zyxwv Kqpdr Institute " + std::to_string(rng() % 1000);
        break;
    }
    out.push_back(std::move(q));
  }
  return out;
}

struct Fixture {
  std::vector<NameRecord> records;
  NameIndex index;
  std::vector<std::string> queries;
  double build_seconds = 0;
};

const Fixture& Shared() {
  static const Fixture fixture = [] {
    std::vector<NameRecord> records = LoadRor();
    const auto start = std::chrono::steady_clock::now();
    auto index = NameIndex::Build(records, {});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!index) {
      std::fprintf(stderr, "name_index_bench: %s\n", index.error().ToString().c_str());
      std::exit(1);
    }
    std::vector<std::string> queries = MakeQueries(records, 10000);
    return Fixture{std::move(records), *index, std::move(queries), seconds};
  }();
  return fixture;
}

void BM_Build(benchmark::State& state) {
  const Fixture& f = Shared();
  for (auto _ : state) benchmark::DoNotOptimize(f.index.name_count());
  state.counters["names"] = static_cast<double>(f.index.name_count());
  state.counters["keys"] = static_cast<double>(f.index.key_count());
  state.counters["build_s"] = f.build_seconds;
  state.counters["index_MB"] = static_cast<double>(f.index.memory_bytes()) / (1 << 20);
}
BENCHMARK(BM_Build)->Iterations(1);

void BM_Query(benchmark::State& state) {
  const Fixture& f = Shared();
  QueryOptions q;
  size_t i = static_cast<size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.index.Query(f.queries[i++ % f.queries.size()], q));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Query)->Threads(1)->Threads(2)->UseRealTime();

// The same split by script: ASCII queries skip ICU; the others pay for transliteration,
// OpenCC and MeCab on every query.
void BM_QueryByScript(benchmark::State& state) {
  const Fixture& f = Shared();
  const bool ascii = state.range(0) == 1;
  std::vector<const std::string*> picked;
  for (const std::string& q : f.queries) {
    const bool is_ascii = std::all_of(q.begin(), q.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (is_ascii == ascii) picked.push_back(&q);
  }
  QueryOptions q;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f.index.Query(*picked[i++ % picked.size()], q));
  state.SetItemsProcessed(state.iterations());
  state.counters["share"] = static_cast<double>(picked.size()) / f.queries.size();
}
BENCHMARK(BM_QueryByScript)->Arg(1)->Arg(0);

// Baseline: the same scoring over every key, no retrieval.
void BM_QueryExhaustive(benchmark::State& state) {
  const Fixture& f = Shared();
  QueryOptions q;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.index.QueryExhaustive(f.queries[i++ % f.queries.size()], q));
  }
  state.SetItemsProcessed(state.iterations());
}
// Recall of the retrieval: share of queries whose best match (score ≥ 0.7) by exhaustive
// scoring is also Query's best. Measured once, reported as a counter.
void BM_Recall(benchmark::State& state) {
  const Fixture& f = Shared();
  QueryOptions q;
  size_t agree = 0, judged = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < 100; ++i) {
      const auto all = f.index.QueryExhaustive(f.queries[i], q);
      if (all.empty()) continue;
      ++judged;
      const auto fast = f.index.Query(f.queries[i], q);
      agree += !fast.empty() && fast[0].record == all[0].record;
    }
  }
  state.counters["judged"] = static_cast<double>(judged);
  state.counters["recall_at_1"] = judged == 0 ? 1.0 : static_cast<double>(agree) / judged;
}
BENCHMARK(BM_Recall)->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK(BM_QueryExhaustive)->Iterations(20)->Unit(benchmark::kMillisecond);

// The target: 1,000,000 queries on 2 threads, wall clock, with latency percentiles.
void BM_MillionQueries(benchmark::State& state) {
  const Fixture& f = Shared();
  const size_t total = static_cast<size_t>(state.range(0));
  constexpr int kThreads = 2;
  std::vector<std::vector<float>> latencies(kThreads);
  double wall = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        QueryOptions q;
        std::vector<float>& lat = latencies[t];
        lat.reserve(total / kThreads);
        for (size_t i = t; i < total; i += kThreads) {
          const auto a = std::chrono::steady_clock::now();
          benchmark::DoNotOptimize(f.index.Query(f.queries[i % f.queries.size()], q));
          lat.push_back(std::chrono::duration<float, std::micro>(std::chrono::steady_clock::now() - a).count());
        }
      });
    }
    for (std::thread& th : threads) th.join();
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::vector<float> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))]; };
  state.counters["queries"] = static_cast<double>(total);
  state.counters["wall_s"] = wall;
  state.counters["qps"] = static_cast<double>(total) / wall;
  state.counters["p50_us"] = pct(0.5);
  state.counters["p99_us"] = pct(0.99);
  state.counters["max_us"] = all.empty() ? 0.0 : all.back();
}
BENCHMARK(BM_MillionQueries)->Arg(1000000)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace highfence::names

BENCHMARK_MAIN();
