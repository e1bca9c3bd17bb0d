#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fuzz.sh smoke           run every built fuzzer over its seed corpus plus a bounded number of new inputs,
#                         with a fixed seed so that a CI run is reproducible (longer runs: fuzz.sh run)
#                         (HF_FUZZ_BUILD_DIR: the build holding them; default build/fuzz, test.sh uses build/asan)
# fuzz.sh run NAME [SECS] fuzz one target for SECS seconds (default 60), growing tests/fuzz/corpus/NAME
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${HF_FUZZ_BUILD_DIR:-build/fuzz}/tests/fuzz
mode=${1:-smoke}
shopt -s nullglob
if [[ "$mode" == smoke ]]; then
  fuzzers=("$bin"/*_fuzzer)
  if ((${#fuzzers[@]} == 0)); then echo "fuzz.sh: no fuzzers built"; exit 0; fi
  for f in "${fuzzers[@]}"; do
    name=$(basename "$f" _fuzzer)
    corpus=tests/fuzz/corpus/$name
    work=$(mktemp -d)
    [[ -d "$corpus" ]] && cp -r "$corpus"/. "$work"/ 2>/dev/null || true
    echo "fuzz.sh: $name"
    "$f" -seed=1 -runs=3000 -max_total_time=60 -max_len=65536 -rss_limit_mb=2048 "$work" >/dev/null 2>"$work.log" \
      || { cat "$work.log"; exit 1; }
    rm -rf "$work" "$work.log"
  done
else
  name=${2:?fuzzer name}
  secs=${3:-60}
  mkdir -p "tests/fuzz/corpus/$name"
  "$bin/${name}_fuzzer" -max_total_time="$secs" -max_len=65536 "tests/fuzz/corpus/$name"
fi
