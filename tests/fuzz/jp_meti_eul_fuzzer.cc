// SPDX-License-Identifier: Apache-2.0
// Fuzzes the METI End User List importer's parsing core (xlsx bytes → ListSnapshot).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/jp_meti_eul/jp_meti_eul.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto s = highfence::lists::ParseJpMetiEul(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xlsx");
  (void)s;
  return 0;
}
