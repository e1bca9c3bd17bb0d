// SPDX-License-Identifier: Apache-2.0
// Fuzzes the snapshot file parser (header line, then one JSON entry per line).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/snapshot_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = highfence::lists::ParseSnapshot(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.jsonl");
  if (r) {
    // What parses must format again (entries are valid UTF-8 JSON strings by construction).
    auto again = highfence::lists::FormatSnapshot(*r);
    (void)again;
  }
  return 0;
}
