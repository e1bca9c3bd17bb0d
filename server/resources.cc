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
  handlers::AddRegisterRoutes(server, services);
  handlers::AddDisclosureRoutes(server, services);
  handlers::AddCaseRoutes(server, services, options);
  handlers::AddImportRoutes(server, services, options);
  handlers::AddAuditRoutes(server, services);
  handlers::AddCheckRoutes(server, services, options);
  handlers::AddScreeningRoutes(server, services, options);
}

}  // namespace highfence::server
