#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/server/run.sh [BUILD_DIR] [SECONDS] [BACKEND]: wrk at 64 connections on loopback.
#   BACKEND memory (default): bench/server/server_bench, accounts in memory, against
#     1. GET /healthz                 (the server's floor: routing, request id, log, metrics)
#     2. GET /v1/session with a token (authenticated small JSON: token lookup, role check)
#   BACKEND sqlite | postgres: the real `highfence serve --db` (a fresh SQLite file, or a fresh
#     PostgreSQL from scripts/pg-test-server.sh), a user and an API token made with
#     `highfence user add` / `token create`, against
#     2. GET /v1/session with a token, and the same with a session cookie (every request reads the
#        session and the user from the database; last_seen_at is written once a minute)
# HIGHFENCE_DATABASE_CREDENTIAL_CACHE_MS=0 in the environment measures serve without its credential
# cache (docs/configuration.md). Bounded duration; stops what it started. Needs wrk (scripts/deps.sh). Figures: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
secs=${2:-10}
backend=${3:-memory}
work=$(mktemp -d)
pids=()
pg_dir=""
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [[ -n "$pg_dir" ]] && scripts/pg-test-server.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
wait_for() {  # wait_for FILE PATTERN
  for _ in $(seq 100); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  echo "run.sh: no '$2' in $1:"; cat "$1"; exit 1
}

if [[ "$backend" == memory ]]; then
  bin=$build/bench/server/server_bench
  [[ -x "$bin" ]] || { echo "run.sh: $bin not built (cmake --preset bench && cmake --build --preset bench --target server_bench)"; exit 2; }
  "$bin" >"$work/out" &
  pids+=($!)
  wait_for "$work/out" '^token '
  port=$(awk '/^port /{print $2}' "$work/out")
  token=$(awk '/^token /{print $2}' "$work/out")
  echo "== GET /healthz (64 connections, 2 wrk threads, ${secs}s)"
  wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/healthz"
  echo "== GET /v1/session with Authorization: Bearer (64 connections, 2 wrk threads, ${secs}s)"
  wrk -t2 -c64 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/session"
  exit 0
fi

hf=$build/cli/highfence
[[ -x "$hf" ]] || { echo "run.sh: $hf not built (cmake --preset bench && cmake --build --preset bench --target highfence)"; exit 2; }
case "$backend" in
  sqlite) url="sqlite:$work/bench.db" ;;
  postgres)
    chmod 755 "$work"  # as root, initdb runs as the postgres user
    pg_dir="$work/pg"
    url=$(scripts/pg-test-server.sh start "$pg_dir")
    "$hf" db migrate --db "$url" >/dev/null
    ;;
  *) echo "run.sh: backend must be memory, sqlite or postgres" >&2; exit 2 ;;
esac
password="Hirosaki apple orchard 7"
echo "$password" | "$hf" user add bench.officer --tenant inst_bench --role security_officer --password-stdin --db "$url" >/dev/null
token=$("$hf" token create bench.officer --name "wrk" --scope case.read --db "$url" | tail -1)
"$hf" serve --db "$url" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
pids+=($!)
wait_for "$work/serve.out" 'listening on'
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench.officer\",\"password\":\"$password\"}" "http://127.0.0.1:$port/v1/session" |
  sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
echo "== $backend: GET /v1/session with Authorization: Bearer (64 connections, 2 wrk threads, ${secs}s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c64 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/session"
echo "== $backend: GET /v1/session with the session cookie (64 connections, 2 wrk threads, ${secs}s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/v1/session"
