// SPDX-License-Identifier: Apache-2.0
#include "domain/access/role.h"

#include <string>

namespace highfence::access {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdministrator:
      return "administrator";
    case Role::kSecurityOfficer:
      return "security_officer";
    case Role::kReviewer:
      return "reviewer";
    case Role::kExportControlOfficer:
      return "export_control_officer";
    case Role::kResearcher:
      return "researcher";
    case Role::kProgrammeOfficer:
      return "programme_officer";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

Result<Role> ParseRole(std::string_view name) {
  std::string known;
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
    known += known.empty() ? "" : ", ";
    known += RoleName(role);
  }
  return MakeError(ErrorCode::kInvalidArgument, "role: unknown \"" + std::string(name) + "\" (known: " + known + ")");
}

}  // namespace highfence::access
