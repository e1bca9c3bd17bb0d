// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence keywords list|stats|check|import`: inspect, validate and import keyword lists.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddKeywordsCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
