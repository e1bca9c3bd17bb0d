// SPDX-License-Identifier: Apache-2.0
// Fuzzes the JSON codecs of domain/cases (what the HTTP API decodes): FromJson never throws,
// and whatever it accepts writes back to JSON that decodes to the same value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "domain/cases/codec.h"

namespace {

template <typename T>
void RoundTrip(std::string_view json) {
  auto value = highfence::cases::FromJson<T>(json);
  if (!value) return;
  auto again = highfence::cases::FromJson<T>(highfence::cases::ToJson(*value));
  HF_CHECK(again.has_value() && *again == *value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      RoundTrip<highfence::cases::Disclosure>(json);
      break;
    case 1:
      RoundTrip<highfence::cases::Proposal>(json);
      break;
    case 2:
      RoundTrip<highfence::cases::ScreeningRef>(json);
      break;
    default:
      RoundTrip<highfence::cases::Person>(json);
      break;
  }
  return 0;
}
