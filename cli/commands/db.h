// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence db migrate|status|backup FILE|restore FILE`: the case store's schema and copies
// (storage/database.h). Every command takes --db URL (default: $HIGHFENCE_DB, else
// sqlite:highfence.db in the working directory).
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "base/result.h"
#include "storage/database.h"

namespace highfence::cli {

void AddDbCommand(CLI::App& app, int& status);

// --db as given, else $HIGHFENCE_DB, else "sqlite:highfence.db".
std::string DatabaseUrl(const std::string& flag);
// Adds --db to a command (the group and each verb, so it may stand before or after the verb).
void AddDbOption(CLI::App& command, std::string& url);
// Opens the store named by --db / $HIGHFENCE_DB with the CLI's options (a pool of 2).
Result<std::unique_ptr<storage::Database>> OpenDatabase(const std::string& flag);

}  // namespace highfence::cli
