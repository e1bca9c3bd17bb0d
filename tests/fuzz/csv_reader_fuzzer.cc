// SPDX-License-Identifier: Apache-2.0
// Fuzzes the RFC 4180 CSV reader; the first byte picks the delimiter.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "engines/tables/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  highfence::tables::CsvOptions options;
  options.delimiter = (data[0] & 1) ? '\t' : ',';
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  highfence::tables::CsvTable t = highfence::tables::ReadCsv(bytes, options);
  int last = 0;
  for (const auto& r : t.records) {
    HF_CHECK(r.line > last);  // records start on increasing lines
    HF_CHECK(!r.fields.empty());
    last = r.line;
  }
  return 0;
}
