// SPDX-License-Identifier: Apache-2.0
#include "server/etag.h"

namespace highfence::server {

std::string ETagFor(int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

ApiResult<std::optional<int64_t>> IfMatchVersion(const Request& req) {
  if (!req.has_header("If-Match")) return std::optional<int64_t>();
  std::string v = req.header("If-Match");
  auto bad = [&] {
    return ApiError::Field(ErrorCode::kInvalidArgument, "If-Match",
                           "expected one ETag as sent by a read, e.g. \"7\"; got " + v.substr(0, 40));
  };
  if (v.size() < 3 || v.size() > 21 || v.front() != '"' || v.back() != '"') return bad();
  int64_t n = 0;
  for (size_t i = 1; i + 1 < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return bad();
    n = n * 10 + (v[i] - '0');
  }
  return std::optional<int64_t>(n);
}

ApiResult<int64_t> RequireIfMatch(const Request& req) {
  auto v = IfMatchVersion(req);
  if (!v) return v.error();
  if (!v->has_value()) {
    ApiError e = ApiError::Field(ErrorCode::kFailedPrecondition, "If-Match",
                                 "a write must send If-Match with the ETag of the version it read");
    e.status = 428;
    e.wire_code = "precondition_required";
    return e;
  }
  return **v;
}

}  // namespace highfence::server
