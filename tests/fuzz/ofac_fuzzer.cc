// SPDX-License-Identifier: Apache-2.0
// Fuzzes the OFAC SDN importer. The input holds sdn.csv, alt.csv, add.csv and sdn_comments.csv
// separated by 0xFF bytes (never valid UTF-8, so never inside a real file).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/ofac/ofac.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view parts[4];
  for (int i = 0; i < 4; ++i) {
    size_t cut = i < 3 ? rest.find('\xFF') : std::string_view::npos;
    parts[i] = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  auto s = highfence::lists::ParseOfac({parts[0], parts[1], parts[2], parts[3]}, "fuzz/");
  (void)s;
  return 0;
}
