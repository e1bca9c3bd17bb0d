// SPDX-License-Identifier: Apache-2.0
// Fuzzes the XLSX reader (ZIP + OOXML) with arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engines/tables/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  highfence::tables::XlsxOptions options;
  options.max_total_uncompressed = 64ull << 20;  // keep the fuzzer inside its RSS limit
  options.max_part_uncompressed = 32ull << 20;
  auto book =
      highfence::tables::ReadXlsx(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", options);
  if (book) {
    for (const auto& sheet : book->sheets) {
      for (const auto& row : sheet.rows) (void)row.At(0);
    }
  }
  return 0;
}
