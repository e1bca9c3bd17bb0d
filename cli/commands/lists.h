// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence lists import|show|diff`: import official lists into highfence's snapshot files
// (docs/formats/list_snapshot.md), show installed snapshots and their entries, and compare
// two snapshots of one list.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddListsCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
