// SPDX-License-Identifier: Apache-2.0
#pragma once
// HF_CHECK: assertions for programmer errors only, never reachable from user input
// (DuckDB's rule). Active in every build type; aborts with file and line.
#include <cstdio>
#include <cstdlib>

#define HF_CHECK(cond)                                                                 \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: HF_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)
