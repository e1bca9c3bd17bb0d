#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the example proposals in data/examples/proposals/ from the sources here. The outputs are
# committed; rerun only after editing a source (needs chromium, fonts-noto-cjk, python3, iconv).
#   *.html      → PDF through headless chromium
#   *.docx.txt  → DOCX through build_docx.py (markup described there)
#   *.md        → .txt; edo_literature_ja is written in Shift_JIS (CP932) as older Windows tools do
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$src")

pdf() {  # pdf NAME
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out/$1.pdf" "file://$src/$1.html" 2>/dev/null
  rm -rf "$profile"
}

pdf quantum_sensing_ja
pdf coastal_ecology_en
python3 "$src/build_docx.py" "$src/hypersonic_en.docx.txt" "$out/hypersonic_en.docx"
python3 "$src/build_docx.py" "$src/semiconductor_ja.docx.txt" "$out/semiconductor_ja.docx"
cp "$src/battery_grid_en.md" "$out/battery_grid_en.txt"
iconv -f UTF-8 -t CP932 "$src/edo_literature_ja.md" | sed 's/$/\r/' > "$out/edo_literature_ja.txt"
ls -l "$out"
