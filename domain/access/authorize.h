// SPDX-License-Identifier: Apache-2.0
#pragma once
// Authorize: may this user do this action on this record? (アクセス制御) The permission table
// (permission_table.h) combined with tenant visibility:
//   - an institution's data is invisible to other institutions' users;
//   - a funding agency sees what institutions submitted to its programmes: it reads them, decides
//     on the proposals (proposal.decide), records decisions (case.decide), takes the agency's
//     transitions of the cases (case.advance; domain/workflow limits which), assigns its own
//     users as reviewers (review.assign) and votes in reviews it is assigned to (review.vote);
//     nothing else;
//   - a support hub sees its member institutions' data (read only).
// Invisible records answer kNotVisible (HTTP 404, as if the id did not exist, so guessing another
// tenant's ids tells nothing); visible but not permitted answers kDeny (HTTP 403). Records of
// someone else under an own-only grant, and cases not assigned to a reviewer, are invisible too.
//
//   Decision d = access::Authorize(principal, Action::kCaseRead, scope);
//   if (!d.allowed()) return d.ToError();   // kPermissionDenied or kNotFound, with the reason
//
// Pure: no I/O. The caller loads the record's scope (tenant, owner, assignees, agencies).
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/access/action.h"
#include "domain/access/permission_table.h"
#include "domain/access/role.h"

namespace highfence::access {

enum class TenantKind {
  kInstitution,  // 研究機関: a university, a research institute, a company
  kAgency,       // 資金配分機関: a funding agency
  kHub,          // 支援拠点: a support hub serving member institutions
};

// Who is asking: an authenticated user.
struct Principal {
  std::string user_id;
  std::string person_id;  // the user's own person record, if any ("own" records)
  std::vector<Role> roles;
  std::string tenant_id;
  TenantKind tenant_kind = TenantKind::kInstitution;
  std::vector<std::string> member_tenants;  // for a hub: the institutions it serves
};

// What is asked about: the record's ownership, loaded by the caller.
struct ResourceScope {
  std::string tenant_id;                       // the owning institution
  std::string owner_person_id;                 // the researcher a disclosure / proposal belongs to
  std::vector<std::string> assigned_user_ids;  // reviewers assigned to the case
  std::vector<std::string> submitted_to;       // agency tenants the case / proposal was submitted to
};

enum class Outcome { kAllow, kDeny, kNotVisible };

struct Decision {
  Outcome outcome = Outcome::kDeny;
  std::string reason;  // names the role(s), the action and the rule that decided

  bool allowed() const { return outcome == Outcome::kAllow; }
  // kPermissionDenied (deny) or kNotFound (not visible); REQUIRES: !allowed().
  Error ToError() const;
};

// Does any of the principal's roles grant the action at all (before any record is loaded)?
// kDeny answers 403 for a whole route; otherwise the handler calls Authorize per record.
Decision Permits(const Principal& principal, Action action);

// The full check on one record.
Decision Authorize(const Principal& principal, Action action, const ResourceScope& scope);

// Is the record visible to the principal's tenant at all (ignoring roles)? For list filters.
bool TenantCanSee(const Principal& principal, const ResourceScope& scope);

}  // namespace highfence::access
