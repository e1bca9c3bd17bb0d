// SPDX-License-Identifier: Apache-2.0
// Fuzzes the ROR importer (gzip stream of JSON lines).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/ror/ror.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = highfence::lists::ParseRor(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.jsonl.gz");
  (void)r;
  return 0;
}
