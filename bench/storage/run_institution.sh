#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_institution.sh — the generated institution (bench/storage/institution_gen.h) on SQLite and on
# PostgreSQL, side by side.
#   bench/storage/run_institution.sh [BUILD_DIR] [SCALE] [READS]
#   e.g. bench/storage/run_institution.sh build/bench 0.1        (quick: 5,000 people, 2,000 cases)
#        bench/storage/run_institution.sh build/bench 1          (50,000 people, 20,000 cases)
# Build first: cmake --preset bench && cmake --build --preset bench --target institution_bench
# Starts a throwaway PostgreSQL 15 with scripts/pg-test-server.sh (fsync on) and stops it after;
# the SQLite file is new, WAL, synchronous=FULL (the store's defaults). Each backend's full
# output is kept in $OUT (default: a new temporary directory).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build/bench}
scale=${2:-1}
reads=${3:-1000}
bin=$build/bench/storage/institution_bench
[[ -x "$bin" ]] || { echo "$0: $bin not built (cmake --build --preset bench --target institution_bench)" >&2; exit 2; }
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/hf-institution.XXXXXX")}
mkdir -p "$out"
pgdir="$out/pg"
cleanup() { "$here/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "# $(date -u +%FT%TZ) scale $scale, $reads reads per query; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out/institution.db" "$out/institution.db-wal" "$out/institution.db-shm"
"$bin" --url "sqlite:$out/institution.db" --scale "$scale" --reads "$reads" | tee "$out/sqlite.txt" | grep -v '^key '
echo "# load average after SQLite: $(cut -d' ' -f1-3 /proc/loadavg)"
url=$("$here/scripts/pg-test-server.sh" start "$pgdir")
"$bin" --url "$url" --scale "$scale" --reads "$reads" | tee "$out/postgres.txt" | grep -v '^key '
echo "# load average after PostgreSQL: $(cut -d' ' -f1-3 /proc/loadavg)"

# Side by side, from the key=value lines.
key() { sed -n "s/^key $2=//p" "$out/$1.txt"; }
row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
echo
row "scale $scale ($reads reads per query)" "SQLite (WAL, synchronous=FULL)" "PostgreSQL 15 (loopback, fsync on)"
echo "|---|---:|---:|"
row "load: records (each with its audit record)" "$(key sqlite load_records)" "$(key postgres load_records)"
row "load time" "$(key sqlite load_seconds) s" "$(key postgres load_seconds) s"
row "database size" "$(key sqlite size_mb) MB" "$(key postgres size_mb) MB"
for q in case_view:"GetCase (case, proposal, team, flags, evaluations, measures, reviews, decision)" \
         history:"DisclosureHistory (every version of one person)" \
         by_state:"ListCases by state, page of 50 + total, officer's view" \
         by_state_all:"ListCases by state, page of 50 + total, Visibility::All"; do
  k=${q%%:*}; label=${q#*:}
  row "$label p50 / p99" "$(key sqlite ${k}_p50_ms) / $(key sqlite ${k}_p99_ms) ms" \
      "$(key postgres ${k}_p50_ms) / $(key postgres ${k}_p99_ms) ms"
done
row "\`audit verify\`, whole chain" "$(key sqlite verify_seconds) s ($(key sqlite audit_records) records)" \
    "$(key postgres verify_seconds) s ($(key postgres audit_records) records)"
echo "# outputs in $out"
