// SPDX-License-Identifier: Apache-2.0
#pragma once
// The route groups of server/resources.h, one per file in server/handlers/, and what they share.
#include <string>

#include <nlohmann/json.hpp>

#include "server/resources.h"

namespace highfence::server::handlers {

void AddCheckRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options);
void AddScreeningRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options);
void AddRegisterRoutes(Server& server, const ResourceServices& services);
void AddDisclosureRoutes(Server& server, const ResourceServices& services);
void AddCaseRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options);
void AddAuditRoutes(Server& server, const ResourceServices& services);
void AddImportRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options);

// Compact JSON, invalid UTF-8 replaced (never throws).
std::string Dump(const nlohmann::json& j);
// 503 naming the service the server was started without.
ApiError NotConfigured(const char* what);

}  // namespace highfence::server::handlers
