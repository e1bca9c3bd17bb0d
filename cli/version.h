// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every command shares: the version, where the shipped data lives, exit statuses and
// the one way errors are printed ("highfence: <where>: <message>", cli/README.md).
#include <filesystem>
#include <string_view>

#include "base/error.h"

namespace highfence::cli {

inline constexpr std::string_view kVersion = "0.1.0";

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;  // a batch went on; some inputs failed (listed)
inline constexpr int kExitUsage = 2;       // bad options, configuration or reference data

// The shipped data directory: $HIGHFENCE_DATA_DIR, else the source tree's data/ (set at build).
std::filesystem::path DefaultDataDir();

// Prints "highfence: <message>" to stderr and returns kExitUsage.
int Fail(const Error& error);

}  // namespace highfence::cli
