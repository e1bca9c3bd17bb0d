// SPDX-License-Identifier: Apache-2.0
#pragma once
// `highfence audit verify [--format text|json]` (exit 0 intact, 1 broken, naming the first broken
// seq) and `highfence audit export [--out FILE]` (the chain as JSON lines): the audit trail
// (監査証跡) of the case store, storage/audit.h.
#include <CLI/CLI.hpp>

namespace highfence::cli {

void AddAuditCommand(CLI::App& app, int& status);

}  // namespace highfence::cli
