// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence screen FILE|DIR... [--answers FILE|DIR] [--format text|json|html] [--out DIR]`
#include <CLI/CLI.hpp>

namespace highfence::cli {

// Registers the verb; its callback sets the exit status in `status`.
void AddScreenCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
