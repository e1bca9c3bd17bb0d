// SPDX-License-Identifier: Apache-2.0
// Fuzzes the UN consolidated list XML importer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/un/un.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto s = highfence::lists::ParseUn(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
  (void)s;
  return 0;
}
