// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence serve [--db URL] [--listen ADDR:PORT] [--config FILE]`: the HTTP API.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddServeCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
