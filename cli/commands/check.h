// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence check NAME | --affiliation TEXT | --csv FILE`: due diligence against the lists.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddCheckCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
