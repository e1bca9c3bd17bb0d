// SPDX-License-Identifier: Apache-2.0
#pragma once
// The case-management verbs (案件管理): the four-step procedure of the 手順書 driven from the shell
// through storage::CaseStore — `institution`, `programme`, `organisation`, `person`, `disclose`,
// `disclosure`, `proposal`, `case`, `assess`, `measure`, `review`, `followup`, `import`.
// Every verb takes --db URL (as `highfence db`), --as ROLE (default security_officer; the audit
// records the OS user as actor, "cli:<login>") and, on reads, --format text|json (the domain
// codecs' JSON). Creating verbs print the new id alone on stdout so that scripts can capture it.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddCaseCommands(CLI::App& app, int& status);

}  // namespace highfence::cli
