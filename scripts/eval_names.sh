#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# eval_names.sh — labelled evaluation of entity matching on the real lists (docs/benchmarks.md).
#   scripts/eval_names.sh                      markdown tables to stdout
#   scripts/eval_names.sh --throughput         … and two 1,000,000-query runs (real index; scaled with synthetic
#                                              organisations to 120,000 entities) with the brute-force baseline
#   scripts/eval_names.sh --out FILE           … also written to FILE
# The generated set and the misses at t=0.75 are written beside the program:
#   build/bench/bench/names/eval_set.tsv, build/bench/bench/names/eval_misses.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
out=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --throughput) args+=(--throughput); shift ;;
    *) echo "usage: scripts/eval_names.sh [--throughput] [--out FILE]" >&2; exit 2 ;;
  esac
done
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" --target eval_names >/dev/null
dir=build/bench/bench/names
run=("$dir/eval_names" --set "$dir/eval_set.tsv" --misses "$dir/eval_misses.tsv" "${args[@]}")
if [ -n "$out" ]; then
  "${run[@]}" | tee "$out"
else
  "${run[@]}"
fi
