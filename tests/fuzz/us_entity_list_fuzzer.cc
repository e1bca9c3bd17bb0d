// SPDX-License-Identifier: Apache-2.0
// Fuzzes the Entity List text parser ("a.k.a., the following N aliases: —A; —B …") and the
// JSON importer around it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/us_entity_list/us_entity_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  size_t comma = bytes.find(',');
  std::string_view name = comma == std::string_view::npos ? bytes : bytes.substr(0, comma);
  auto text = highfence::lists::ParseEntityListText(name, bytes);
  (void)text;
  auto s = highfence::lists::ParseUsEntityList(bytes, "fuzz.json");
  (void)s;
  return 0;
}
