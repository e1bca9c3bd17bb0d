// SPDX-License-Identifier: Apache-2.0
#pragma once
// ETags for record versions (decision 0003: every aggregate row has a version). A read answers
// `ETag: "7"`; a write sends `If-Match: "7"`, the handler passes 7 to storage as the version it
// read, and storage answers kAborted if the row moved on — HTTP 409, never a lost update.
//
//   auto version = RequireIfMatch(req);          // ApiResult<int64_t>; 428 if absent
//   auto saved = store.UpdateCase(id, *version, change);   // kAborted → 409
//   return Response::Json(200, body).Header("ETag", ETagFor(saved->version));
#include <cstdint>
#include <optional>
#include <string>

#include "server/api_error.h"
#include "server/http.h"

namespace highfence::server {

// "\"7\"" (a strong entity tag).
std::string ETagFor(int64_t version);
// The version named by If-Match; nullopt if the header is absent. 400 (field If-Match) if it is
// not one strong tag of a non-negative integer (W/ tags, lists and * are refused).
ApiResult<std::optional<int64_t>> IfMatchVersion(const Request& req);
// As IfMatchVersion, but an absent header is 428 precondition_required: writes must say what they read.
ApiResult<int64_t> RequireIfMatch(const Request& req);

}  // namespace highfence::server
