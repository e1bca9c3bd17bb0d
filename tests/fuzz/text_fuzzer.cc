// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes named "fuzz.txt" through ReadDocumentBytes. Any result is
// fine; a crash, hang, leak or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engines/documents/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  highfence::documents::ReadOptions options;
  options.max_file_bytes = 1u << 20;
  options.max_docx_uncompressed_bytes = 8u << 20;  // keeps bombs cheap under ASan
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = highfence::documents::ReadDocumentBytes(bytes, "fuzz.txt", options);
  if (doc) {
    for (const auto& page : doc->pages) {
      if (page.begin > page.end || page.end > doc->text.size()) __builtin_trap();
    }
  }
  return 0;
}
