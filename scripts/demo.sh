#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# demo.sh — the main job: build highfence (release), screen the bundled example proposals with
# the shipped keyword lists and the officers' answers beside them, then replay the worked case
# (data/examples/case/) through the four-step procedure on a fresh SQLite file and print a short
# summary. Extra arguments go to `highfence screen` (e.g. --format json, --out reports/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" >/dev/null
build/release/cli/highfence screen data/examples/proposals "$@"

echo
echo "== worked case (data/examples/case/README.md): ① → ② → ③ → review → ④ on a fresh SQLite file"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! HF=build/release/cli/highfence data/examples/case/replay.sh "$work/case.db" >"$work/replay.log" 2>&1; then
  cat "$work/replay.log"
  exit 1
fi
export HIGHFENCE_DB="sqlite:$work/case.db"
case_id=$(build/release/cli/highfence case list --format json | jq -r '.items[0].id')
build/release/cli/highfence case show "$case_id" --format json | jq -r '
  "case \(.case.id): state \(.case.state), keyword level \(.case.risk_level), round \(.round)",
  "  team \(.team | length), partners \(.partner_organisations | length), flags \(.flags | length): \([.flags[].id] | join(", "))",
  "  evaluations: \([.evaluations[] | "\(.subject.kind) \(.risk) (DD \(.due_diligence.state))"] | join("; "))",
  "  measures: \([.measures[] | "\(.catalogue_id) \(.status)"] | join(", "))",
  "  decision: \(.decision.outcome) — \(.decision.conditions | join("; "))",
  "  follow-ups after the list update: \([.followups[] | "\(.kind) \(.ref)"] | join(", "))"'
build/release/cli/highfence audit verify
