#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/server/resources.sh [BUILD_DIR] [SECONDS] [BACKENDS]: the /v1 resources (bench/server/run.sh
# measures the infrastructure and accounts). BUILD_DIR (default build/bench) holds the binaries of
# `cmake --preset bench && cmake --build --preset bench --target server_bench`; a copy of an older
# build's tree (BUILD_DIR/bench/server/server_bench) compares two versions back to back.
# wrk at 64 connections on loopback for SECONDS (default 10) against
#   with "none" in BACKENDS, a server without a database:
#     1. GET /healthz                 (the server's floor: routing, request id, log, metrics)
#     2. GET /v1/session with a token (authenticated small JSON: token lookup, role check)
#   on each of "sqlite" and "postgres" in BACKENDS, a case store seeded with 200 cases:
#     3. GET /v1/cases/{id}           (a case with its proposal, team, partner, screenings, flags …)
#     4. GET /v1/cases?limit=50       (a list page with its total)
#     5. POST /v1/people              (a write: validation, insert, audit record, commit)
# Starts its own servers (bench/server/server_bench; PostgreSQL via scripts/pg-test-server.sh),
# bounded duration, stops them. BACKENDS defaults to "none sqlite postgres". Before each run it
# prints the load average (the machine may be shared: read the figures with it). Needs wrk
# (scripts/deps.sh). Figures go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/bench}
secs=${2:-10}
backends=${3:-none sqlite postgres}
bin=$build/bench/server/server_bench
[[ -x "$bin" ]] || { echo "resources.sh: $bin not built (cmake --preset bench && cmake --build --preset bench --target server_bench)"; exit 2; }
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user starts the PostgreSQL server in it
pid=
pgdir=
cleanup() {
  [[ -n "$pid" ]] && { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  [[ -n "$pgdir" ]] && scripts/pg-test-server.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

start() {  # start [URL]: runs server_bench, waits for its port and token
  out=$work/server.out
  "$bin" "$@" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q '^token ' "$out" && break; kill -0 "$pid" 2>/dev/null || { cat "$out"; exit 1; }; sleep 0.1; done
  port=$(awk '/^port /{print $2}' "$out")
  token=$(awk '/^token /{print $2}' "$out")
  case_id=$(awk '/^case /{print $2}' "$out")
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
bench() {  # bench TITLE ARGS...
  echo "== $1 (64 connections, 2 wrk threads, ${secs}s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  shift
  wrk -t2 -c64 -d"${secs}s" --latency -H "Authorization: Bearer $token" "$@"
}

for backend in $backends; do
  case $backend in
    none)
      start
      bench "GET /healthz" "http://127.0.0.1:$port/healthz"
      bench "GET /v1/session with Authorization: Bearer" "http://127.0.0.1:$port/v1/session"
      stop
      continue ;;
    sqlite) url="sqlite:$work/bench.db" ;;
    postgres)
      pgdir=$work/pg
      scripts/pg-test-server.sh start "$pgdir" >/dev/null
      url=$(cat "$pgdir/url") ;;
    *) echo "resources.sh: unknown backend $backend"; exit 2 ;;
  esac
  echo "== $backend: seeding 200 cases ($url)"
  start "$url" 200
  bench "$backend: GET /v1/cases/{id} (case with team, partner, screenings and flags)" \
    "http://127.0.0.1:$port/v1/cases/$case_id"
  bench "$backend: GET /v1/cases?limit=50 (a list page)" "http://127.0.0.1:$port/v1/cases?limit=50"
  bench "$backend: POST /v1/people (a write with its audit record)" -s bench/server/post_person.lua \
    "http://127.0.0.1:$port/v1/people"
  stop
  if [[ $backend == postgres ]]; then scripts/pg-test-server.sh stop "$pgdir" >/dev/null; pgdir=; fi
done
