#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test.sh — builds and runs every test: the dev build (g++), then the same suite under ASan +
# UBSan (clang), whose build also holds the libFuzzer targets: each runs a short bounded smoke
# over its seed corpus. One sanitizer build serves both, which halves the CI build time.
# Installs what it needs first (scripts/deps.sh). CI runs exactly this (.ci/run).
#   HF_TEST_STAGES="dev asan"  choose stages (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
stages=${HF_TEST_STAGES:-"dev asan"}
jobs=$(nproc)
start=$SECONDS
for stage in $stages; do
  echo "== test.sh: $stage =="
  t0=$SECONDS
  cmake --preset "$stage" >/dev/null
  cmake --build --preset "$stage" -j "$jobs"
  ctest --preset "$stage" -j "$jobs"
  if [[ "$stage" == asan ]]; then
    HF_FUZZ_BUILD_DIR=build/asan scripts/fuzz.sh smoke
  fi
  echo "== test.sh: $stage passed in $((SECONDS - t0)) s =="
done
echo "== test.sh: all stages passed in $((SECONDS - start)) s =="
