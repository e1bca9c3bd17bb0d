#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# demo.sh — the main job: build highfence (release) and screen the bundled example proposals
# with the shipped keyword lists and the officers' answers beside them. Extra arguments go to
# `highfence screen` (e.g. --format json, --out reports/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" >/dev/null
exec build/release/cli/highfence screen data/examples/proposals "$@"
