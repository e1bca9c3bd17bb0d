// SPDX-License-Identifier: Apache-2.0
// Normalizer throughput (MB/s of original UTF-8) on real research abstracts: KAKEN (Japanese)
// and NSF (English) from ../shared/data/corpus, repeated up to a fixed size, plus the Japanese
// text wrapped into short lines as poppler extracts it from a PDF, and a 100 MB ja/en mix.
//   cmake --preset bench && cmake --build --preset bench && build/bench/bench/text/normalizer_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engines/text/normalizer.h"

namespace highfence::text {
namespace {

std::string CorpusPath(const std::string& name) {
  const char* dir = std::getenv("HF_SHARED_DATA_DIR");
  return std::string(dir != nullptr ? dir : HF_SHARED_DATA_DIR) + "/corpus/" + name;
}

// Abstracts of one corpus file (gzip-compressed JSON lines), decompressed by gzip(1).
std::vector<std::string> ReadAbstracts(const std::string& name, const char* field) {
  const std::string command = "gzip -dc '" + CorpusPath(name) + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::vector<std::string> abstracts;
  if (!pipe) return abstracts;
  std::string all;
  char buf[1 << 16];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe.get())) > 0;) all.append(buf, n);
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    nlohmann::json row = nlohmann::json::parse(all.begin() + start, all.begin() + end, nullptr, false);
    start = end + 1;
    if (row.is_object() && row.contains(field) && row[field].is_string()) {
      std::string text = row[field].get<std::string>();
      if (!text.empty()) abstracts.push_back(std::move(text));
    }
  }
  return abstracts;
}

// Wraps text every `width` code points, as PDF extraction does (量子センシ⏎ング).
std::string WrapLines(const std::string& text, int width) {
  std::string out;
  int column = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80 && column++ == width) {
      out += '\n';
      column = 1;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::string Repeat(const std::vector<const std::vector<std::string>*>& sources, size_t bytes, int wrap = 0) {
  std::string out;
  out.reserve(bytes + (1 << 16));
  for (size_t i = 0; out.size() < bytes; ++i) {
    for (const auto* source : sources) {
      if (source->empty()) return out;
      const std::string& a = (*source)[i % source->size()];
      out += wrap > 0 ? WrapLines(a, wrap) : a;
      out += "\n\n";
    }
  }
  return out;
}

const std::vector<std::string>& Japanese() {
  static const auto* v = new std::vector<std::string>(ReadAbstracts("kaken_projects_sample.jsonl.gz", "abstract"));
  return *v;
}
const std::vector<std::string>& English() {
  static const auto* v = new std::vector<std::string>(ReadAbstracts("nsf_awards_ai_2010_2019.jsonl.gz", "abstract"));
  return *v;
}

void Run(benchmark::State& state, const std::string& text) {
  if (text.empty()) {
    state.SkipWithError("corpus not found under HF_SHARED_DATA_DIR/corpus");
    return;
  }
  Normalizer n = *Normalizer::Create({});
  for (auto _ : state) {
    NormalizedText t = n.Normalize(text);
    benchmark::DoNotOptimize(t.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

constexpr size_t kMiB = 1 << 20;

void BM_NormalizeJapanese(benchmark::State& state) {
  static const std::string text = Repeat({&Japanese()}, 32 * kMiB);
  Run(state, text);
}
void BM_NormalizeJapanesePdfLines(benchmark::State& state) {
  static const std::string text = Repeat({&Japanese()}, 32 * kMiB, /*wrap=*/38);
  Run(state, text);
}
void BM_NormalizeEnglish(benchmark::State& state) {
  static const std::string text = Repeat({&English()}, 32 * kMiB);
  Run(state, text);
}
void BM_NormalizeMixed100MB(benchmark::State& state) {
  static const std::string text = Repeat({&Japanese(), &English()}, 100 * kMiB);
  Run(state, text);
}
void BM_NormalizeTerm(benchmark::State& state) {
  Normalizer n = *Normalizer::Create({});
  const std::vector<std::string> terms = {"レーザー", "量子センシング", "ＥＵＶリソグラフィ", "hypersonic", "ｸﾞﾗﾌｪﾝ"};
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& term : terms) {
      benchmark::DoNotOptimize(n.NormalizeTerm(term));
      bytes += term.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

BENCHMARK(BM_NormalizeJapanese)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeJapanesePdfLines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeEnglish)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeMixed100MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeTerm);

}  // namespace
}  // namespace highfence::text

BENCHMARK_MAIN();
