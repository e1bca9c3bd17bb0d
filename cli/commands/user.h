// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence user add|list|disable|enable|passwd|roles` and `highfence token create|list|revoke`:
// local accounts and API tokens in the database (storage/account_store.h), for the first
// administrator and for operators without the web UI. Every write is audited with the actor
// "cli:<operating-system user>" and one request id per run. Passwords are read from standard input
// (--password-stdin) or asked for on the terminal without echo; a token's secret is printed once.
// Every command takes --db URL (cli/commands/db.h). Documented in cli/README.md.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddUserCommand(CLI::App& app, int& status);
void AddTokenCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
