#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails on a backward include edge (base <- engines <- domain <- storage <- server, cli),
# on an include of another module's internal/, on a third-party header in a public header,
# and on restricted disclosure items (⑫, ⑬) reachable outside storage/, server/, cli/.
set -u
cd "${1:-.}"
layer() {
  case "$1" in
    base/*) echo 0 ;; engines/*) echo 1 ;; domain/*) echo 2 ;; storage/*) echo 3 ;;
    server/*|cli/*) echo 4 ;; *) echo 9 ;;
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
    # X/internal/* belongs to module X (server/internal → server, engines/names/internal → engines/names).
    if [[ "$inc" == */internal/* ]] && [[ "$f" != "${inc%%/internal/*}/"* ]]; then
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
# Items ⑫ 非居住者・特定類型 and ⑬ 国籍 (domain/cases/restricted_disclosure.h and its codec) are
# included only by storage/, server/, cli/ and their own files: never by domain/rules, workflow,
# screening, checking, any other domain module, engines/ or base/ (non-discrimination).
while IFS= read -r f; do
  case "$f" in
    storage/* | server/* | cli/* | domain/cases/restricted_disclosure.* | domain/cases/restricted_disclosure_codec.*) continue ;;
  esac
  if grep -nE '#include "domain/cases/restricted_disclosure(_codec)?\.h"' "$f"; then
    echo "restricted items included outside storage/, server/, cli/: $f"; fail=1
  fi
done < <(git ls-files 'base/*' 'engines/*' 'domain/*' 'storage/*' 'server/*' 'cli/*' 2>/dev/null | grep -E '\.(h|cc)$')
# No struct outside restricted_disclosure.h declares a nationality or residence field.
while IFS= read -r h; do
  if grep -nE '^[[:space:]]*[A-Za-z_:<>, ]+[[:space:]&*]+(nationality|nationalities|citizenship|non_resident[a-z_]*|residence_status)[[:space:]]*(=|;|\{)' "$h"; then
    echo "nationality or residence field outside domain/cases/restricted_disclosure.h: $h"; fail=1
  fi
done < <(git ls-files 'base/*.h' 'engines/*.h' 'domain/*.h' 2>/dev/null | grep -v '^domain/cases/restricted_disclosure.h$')
[ "$fail" -eq 0 ] && echo "architecture: ok"
exit "$fail"
