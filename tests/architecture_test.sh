#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails on a backward include edge (base <- engines <- domain <- storage <- server, cli),
# on an include of another module's internal/, and on a third-party header in a public header.
set -u
cd "${1:-.}"
layer() {
  case "$1" in
    base/*) echo 0 ;; engines/*) echo 1 ;; domain/*) echo 2 ;; storage/*) echo 3 ;;
    server/*|cli/*) echo 4 ;; *) echo 9 ;;
  esac
}
# A module is engines/<name> or domain/<name>; base, storage, server and cli are one module each.
module() {
  case "$1" in
    base/*|storage/*|server/*|cli/*) echo "$1" | cut -d/ -f1 ;;
    *) echo "$1" | cut -d/ -f1-2 ;;
  esac
}
fail=0
while IFS= read -r f; do
  from=$(layer "$f")
  while IFS= read -r inc; do
    to=$(layer "$inc")
    if [ "$to" -ne 9 ] && [ "$to" -gt "$from" ]; then
      echo "backward edge: $f includes $inc"; fail=1
    fi
    if [[ "$inc" == */internal/* ]] && [ "$(module "$inc")" != "$(module "$f")" ]; then
      echo "internal include across modules: $f includes $inc"; fail=1
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done < <(git ls-files 'base/*' 'engines/*' 'domain/*' 'storage/*' 'server/*' 'cli/*' 2>/dev/null | grep -E '\.(h|cc)$')
# Public headers (not in internal/) must not expose third-party headers.
while IFS= read -r h; do
  if grep -nE '#include <(hs/|hs\.h|unicode/|sqlite3\.h|libpq-fe\.h|poppler|zip\.h|pugixml|nlohmann/|httplib|CLI/|xlsxwriter|opencc|simdjson)' "$h"; then
    echo "third-party header in public header $h"; fail=1
  fi
done < <(git ls-files 'base/*.h' 'engines/*.h' 'domain/*.h' 'storage/*.h' 'server/*.h' | grep -v '/internal/')
[ "$fail" -eq 0 ] && echo "architecture: ok"
exit "$fail"
