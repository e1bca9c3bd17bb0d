// SPDX-License-Identifier: Apache-2.0
// Fuzzes the HTTP API's request-body parsing and validation (server/internal/json_body.h and the
// account endpoints' decoders): any bytes give a value or an ApiError naming a field with a 4xx
// status, never a crash, a hang or a 5xx. The first byte picks the decoder.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "server/internal/bodies.h"
#include "server/internal/json_body.h"

namespace {

void CheckError(const highfence::server::ApiError& e) {
  int status = e.HttpStatus();
  HF_CHECK(status == 400 || status == 422);
  HF_CHECK(!e.field.empty());
  HF_CHECK(!e.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace highfence::server::internal;
  switch (data[0] % 6) {
    case 0: {
      auto r = DecodeLogin(body);
      if (r)
        HF_CHECK(!r->username.empty() && !r->password.empty());
      else
        CheckError(r.error());
      break;
    }
    case 1: {
      auto r = DecodeCreateToken(body);
      if (r)
        HF_CHECK(!r->scopes.empty() && !r->name.empty());
      else
        CheckError(r.error());
      break;
    }
    case 2: {
      auto r = DecodeCreateUser(body);
      if (r)
        HF_CHECK(!r->username.empty() && !r->password.empty() && !r->roles.empty());
      else
        CheckError(r.error());
      break;
    }
    case 3: {
      auto r = DecodeUserChange(body);
      if (r)
        HF_CHECK(r->display_name || r->email || r->roles || r->person_id || r->disabled);
      else
        CheckError(r.error());
      break;
    }
    case 4: {
      auto r = DecodeNewPassword(body);
      if (r)
        HF_CHECK(!r->password.empty());
      else
        CheckError(r.error());
      break;
    }
    default: {
      auto r = ParseJsonObject(body);
      if (r)
        HF_CHECK(r->is_object());
      else
        CheckError(r.error());
    }
  }
  return 0;
}
