#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/server/run.sh [BUILD_DIR] [SECONDS]: wrk at 64 connections on loopback against
#   1. GET /healthz                 (the server's floor: routing, request id, log, metrics)
#   2. GET /v1/session with a token (authenticated small JSON: token lookup, role check)
# Starts its own server (bench/server/server_bench: accounts in memory), bounded duration,
# stops it. Needs wrk (scripts/deps.sh). Figures go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
secs=${2:-10}
bin=$build/bench/server/server_bench
[[ -x "$bin" ]] || { echo "run.sh: $bin not built (cmake --preset bench && cmake --build --preset bench --target server_bench)"; exit 2; }
out=$(mktemp)
"$bin" >"$out" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q '^token ' "$out" && break; sleep 0.1; done
port=$(awk '/^port /{print $2}' "$out")
token=$(awk '/^token /{print $2}' "$out")
echo "== GET /healthz (64 connections, 2 wrk threads, ${secs}s)"
wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/healthz"
echo "== GET /v1/session with Authorization: Bearer (64 connections, 2 wrk threads, ${secs}s)"
wrk -t2 -c64 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/session"
