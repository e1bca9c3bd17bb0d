// SPDX-License-Identifier: Apache-2.0
#pragma once
// Role: what a user of highfence is in the procedure (役割). The one list of roles shared by the
// case state machine (domain/workflow: who may take a transition), the permission table
// (domain/access: who may call what) and the HTTP API. A user holds one or more roles within one
// tenant (an institution, a funding agency or a support hub).
//
//   auto role = access::ParseRole("export_control_officer");   // Result<Role>
//   std::string_view name = access::RoleName(access::Role::kReviewer);  // "reviewer"
#include <array>
#include <string_view>

#include "base/result.h"

namespace highfence::access {

enum class Role {
  kAdministrator,         // 管理者: accounts, tenants, configuration; no case content by default
  kSecurityOfficer,       // 研究セキュリティ担当者: runs the procedure for the institution
  kReviewer,              // 審査委員: sees only the cases assigned to them
  kExportControlOfficer,  // 安全保障輸出管理担当者: the only role that reads items ⑫ and ⑬
  kResearcher,            // 研究者: own disclosures and own proposals only
  kProgrammeOfficer,      // 資金配分機関 プログラムオフィサー: cases submitted to its programmes
  kAuditor,               // 監査: read-only, including the audit trail
};

inline constexpr std::array<Role, 7> kAllRoles = {
    Role::kAdministrator, Role::kSecurityOfficer,  Role::kReviewer, Role::kExportControlOfficer,
    Role::kResearcher,    Role::kProgrammeOfficer, Role::kAuditor};

// Stable snake_case name used in JSON, the CLI and configuration ("security_officer").
std::string_view RoleName(Role role);
// Fails with kInvalidArgument naming the unknown role and listing the known ones.
Result<Role> ParseRole(std::string_view name);

}  // namespace highfence::access
