// SPDX-License-Identifier: Apache-2.0
#include "server/resources.h"

#include "server/internal/handlers.h"

namespace highfence::server {

namespace handlers {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiError NotConfigured(const char* what) {
  return ApiError(MakeError(ErrorCode::kUnavailable, std::string(what) + " is not configured on this server"));
}

}  // namespace handlers

void AddResourceRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options) {
  handlers::AddCheckRoutes(server, services, options);
  handlers::AddScreeningRoutes(server, services, options);
}

}  // namespace highfence::server
