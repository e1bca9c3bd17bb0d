#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench.sh — every benchmark, figures to stdout (docs/benchmarks.md records them with the machine's load).
#   scripts/bench.sh            Google Benchmark programs (bench preset) and the rg comparison
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh >/dev/null
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" >/dev/null
for b in $(find build/bench/bench -type f -name '*_bench' -perm -u+x | sort); do
  echo "== $b"
  "$b" --benchmark_min_time=0.5
done
echo "== bench/compare_rg.sh"
bench/compare_rg.sh 100 3
