#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# deps.sh — the one list of Debian packages highfence builds, tests and runs with.
# Idempotent: packages already installed are skipped, so a second run costs a dpkg query.
# Run as root (CI and the dev machines are root); otherwise it uses sudo when present.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config git ca-certificates ccache
  clang libclang-rt-14-dev               # fuzz preset (libFuzzer + sanitizers runtime)
  # text and documents
  libicu-dev libhyperscan-dev libpoppler-cpp-dev poppler-utils
  libzip-dev zipcmp zipmerge ziptool libpugixml-dev zlib1g-dev
  # storage
  libsqlite3-dev sqlite3 libpq-dev postgresql
  # libraries
  libsodium-dev libxlsxwriter-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libexpected-dev libopencc-dev libcpp-httplib-dev libssl-dev libtomlplusplus-dev
  libvalijson-dev                        # tests: OpenAPI examples validated against their schemas
  libmecab-dev mecab-ipadic-utf8         # engines/names: readings of Japanese kanji names
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev ripgrep hyperfine python3 wrk
  jq                                     # demo.sh and data/examples/case/replay.sh read the CLI's JSON
  openssl                                # tests: a self-signed certificate for the TLS server tests
  # example documents (PDF fonts for Japanese)
  fonts-noto-cjk chromium qpdf
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "deps.sh: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "deps.sh: installing ${#missing[@]} package(s): ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
