// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs a program (pg_dump, pg_restore) without a shell and collects its output.
#include <string>
#include <vector>

#include "base/result.h"

namespace highfence::storage::internal {

struct ProcessRun {
  int exit_status = -1;  // -1 if killed by a signal
  std::string output;    // stdout and stderr, merged
};

// argv[0] is looked up in PATH unless it contains a '/'. kUnavailable if it cannot be started.
Result<ProcessRun> RunProcess(const std::vector<std::string>& argv);

}  // namespace highfence::storage::internal
