#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# pg-test-server.sh — a throwaway PostgreSQL 15 on loopback for trying highfence or running the
# storage benchmarks by hand (the tests start their own: tests/support/postgres.h).
#   scripts/pg-test-server.sh start DIR [PORT]   initdb DIR/data (if new), start, create database
#                                                 "highfence", print its URL (also in DIR/url)
#   scripts/pg-test-server.sh stop DIR            stop it (DIR is kept; rm -rf it to start afresh)
# As root, initdb and postgres run as the postgres user. Trust authentication on 127.0.0.1 only;
# fsync stays on (this is not the tests' fast setting). HF_PG_BIN_DIR overrides the binaries.
set -euo pipefail
bin=${HF_PG_BIN_DIR:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
fi
[[ -x "$bin/pg_ctl" ]] || { echo "$0: $bin/pg_ctl not found (install postgresql: scripts/deps.sh)" >&2; exit 2; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
case "$cmd" in
  start)
    port=${3:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir" start >/dev/null
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres highfence 2>/dev/null || true
    url="postgresql://postgres@127.0.0.1:$port/highfence"
    echo "$url" > "$dir/url"
    echo "$url"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
