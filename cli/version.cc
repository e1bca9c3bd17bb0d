// SPDX-License-Identifier: Apache-2.0
#include "cli/version.h"

#include <cstdlib>
#include <iostream>

namespace highfence::cli {

std::filesystem::path DefaultDataDir() {
  if (const char* env = std::getenv("HIGHFENCE_DATA_DIR"); env && *env) return env;
  return HF_DATA_DIR;
}

int Fail(const Error& error) {
  std::cerr << "highfence: " << error.message << "\n";
  return kExitUsage;
}

}  // namespace highfence::cli
