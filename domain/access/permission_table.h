// SPDX-License-Identifier: Apache-2.0
#pragma once
// The permission table (権限表): for every role and every action, one Grant. This is the only
// place in highfence that says who may do what; the HTTP server checks it on every route, the
// role-matrix test calls every endpoint as every role from it, and docs/security.md prints it
// (RenderPermissionMatrix, checked by a test).
//
//   if (access::GrantFor(Role::kReviewer, Action::kCaseRead) == Grant::kAssigned) ...
//
// Tenant visibility (another institution's data is invisible) is not in the table: see
// authorize.h, which combines both.
#include <string>
#include <string_view>

#include "domain/access/action.h"
#include "domain/access/role.h"

namespace highfence::access {

enum class Grant {
  kDeny,      // never
  kAllow,     // on anything visible to the user's tenant
  kOwn,       // only on records of the user themself (their disclosures, their proposals)
  kAssigned,  // only on cases assigned to the user (and what hangs off those cases)
};

// The table's cell. Pure and total: every (role, action) has exactly one grant.
Grant GrantFor(Role role, Action action);
// "allow", "own", "assigned", "deny".
std::string_view GrantName(Grant grant);
// The table as a Markdown table, one row per action and one column per role, for docs/security.md.
std::string RenderPermissionMatrix();

}  // namespace highfence::access
