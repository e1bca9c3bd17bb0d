#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# compare_rg.sh — throughput of the full screening pipeline (ingest → normalise → Hyperscan
# scan → classification → report) against case-sensitive `rg -F -f` over the same keyword
# terms, on a ≥100 MB corpus of real abstracts (bench/make_corpus.py), in one run.
#   bench/compare_rg.sh [MEGABYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
runs=${2:-3}
scripts/deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" >/dev/null
bin=build/release/cli/highfence
work=build/bench-corpus
[[ -d $work/corpus ]] || python3 bench/make_corpus.py ../shared/data data/examples/proposals "$work/corpus" "$mb"
bytes=$(cat "$work"/corpus/*.txt | wc -c)
# rg gets every term and variant exactly as the lists spell them (rg cannot fold width or kana).
"$bin" keywords list >/dev/null
awk -F'\t' '!/^#/ && $1 != "id" && NF >= 10 {print $3; n = split($4, v, "|"); for (i = 1; i <= n; i++) if (v[i] != "") print v[i]}' \
  data/keywords/*.tsv | grep -v '^$' | sort -u > "$work/patterns.txt"
echo "corpus: $(ls "$work"/corpus | wc -l) files, $((bytes / 1000000)) MB; patterns: $(wc -l < "$work/patterns.txt")"

time_it() {  # prints the best wall time in seconds over $runs runs
  local best=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    best=$(echo "$t0 $t1 $best" | awk '{d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3}')
  done
  echo "$best"
}
t_hf=$(time_it "$bin" screen "$work/corpus" --no-progress -j "$(nproc)")
t_hf_json=$(time_it "$bin" screen "$work/corpus" --no-progress --format json -j "$(nproc)")
t_rg=$(time_it rg -F -f "$work/patterns.txt" --count-matches -j "$(nproc)" "$work/corpus")

hits_hf=$("$bin" screen "$work/corpus" --no-progress --format json -j "$(nproc)" | grep -c '"keyword_id"' || true)
hits_rg=$(rg -F -f "$work/patterns.txt" -o -j "$(nproc)" "$work/corpus" | wc -l)
awk -v b="$bytes" -v hf="$t_hf" -v hj="$t_hf_json" -v rg="$t_rg" -v nh="$hits_hf" -v nr="$hits_rg" 'BEGIN {
  printf "%-44s %8s %9s %10s\n", "tool", "seconds", "MB/s", "hits"
  printf "%-44s %8.2f %9.1f %10s\n", "highfence screen (text report)", hf, b / hf / 1e6, "-"
  printf "%-44s %8.2f %9.1f %10d\n", "highfence screen --format json (every hit)", hj, b / hj / 1e6, nh
  printf "%-44s %8.2f %9.1f %10d\n", "rg -F -f (case-sensitive, exact bytes)", rg, b / rg / 1e6, nr
  printf "ratio highfence/rg throughput: text %.2f, json %.2f\n", rg / hf, rg / hj
}'
