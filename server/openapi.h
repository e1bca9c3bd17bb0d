// SPDX-License-Identifier: Apache-2.0
#pragma once
// The OpenAPI 3 description of the HTTP API: docs/api/openapi.json, compiled into the binary at
// build time and served at GET /api/openapi.json. The coverage test checks it against the route
// table in both directions and validates its examples against its schemas.
#include <string_view>

namespace highfence::server {

std::string_view OpenApiDocument();

}  // namespace highfence::server
