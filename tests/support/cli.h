// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs the built highfence binary as a black box (tests/e2e), from the repository root.
#include <string>

namespace highfence::testing {

struct CommandRun {
  int status = -1;  // exit status, -1 if it did not exit normally
  std::string out;  // stdout (and stderr when merged)
};

// `highfence <args>`; args are passed to the shell as written (quote paths with Quote()).
CommandRun Highfence(const std::string& args, bool merge_stderr = false);
// Single-quotes a path or argument for the shell.
std::string Quote(const std::string& s);

}  // namespace highfence::testing
