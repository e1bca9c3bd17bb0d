#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test.sh — builds and runs every test: the dev build, then the same suite under ASan + UBSan,
# then each fuzz target for a short bounded run over its seed corpus.
# Installs what it needs first (scripts/deps.sh). CI runs exactly this (.ci/run).
#   HF_TEST_STAGES="dev asan fuzz"  choose stages (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
stages=${HF_TEST_STAGES:-"dev asan fuzz"}
jobs=$(nproc)
start=$SECONDS
for stage in $stages; do
  echo "== test.sh: $stage =="
  t0=$SECONDS
  cmake --preset "$stage" >/dev/null
  cmake --build --preset "$stage" -j "$jobs"
  if [[ "$stage" == fuzz ]]; then
    scripts/fuzz.sh smoke
  else
    ctest --preset "$stage" -j "$jobs"
  fi
  echo "== test.sh: $stage passed in $((SECONDS - t0)) s =="
done
echo "== test.sh: all stages passed in $((SECONDS - start)) s =="
