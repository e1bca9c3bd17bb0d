// SPDX-License-Identifier: Apache-2.0
#include "domain/access/authorize.h"

#include <algorithm>

#include "base/check.h"

namespace highfence::access {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return !s.empty() && std::find(v.begin(), v.end(), s) != v.end();
}

std::string RolesText(const Principal& p) {
  if (p.roles.empty()) return "no role";
  std::string out;
  for (Role r : p.roles) {
    out += out.empty() ? "" : "+";
    out += RoleName(r);
  }
  return out;
}

// How the record is visible: through the principal's own tenant, an agency submission or a hub
// membership; kNone if not at all.
enum class Via { kNone, kOwnTenant, kAgency, kHub };

Via Visibility(const Principal& p, const ResourceScope& s) {
  if (!p.tenant_id.empty() && p.tenant_id == s.tenant_id) return Via::kOwnTenant;
  if (p.tenant_kind == TenantKind::kAgency && Contains(s.submitted_to, p.tenant_id)) return Via::kAgency;
  if (p.tenant_kind == TenantKind::kHub && Contains(p.member_tenants, s.tenant_id)) return Via::kHub;
  return Via::kNone;
}

// The writes a funding agency may make on records submitted to its programmes: decide on the
// proposal (shortlist / award / decline), record the case's decision and the appeal decision,
// take the transitions the state machine gives its programme officer, set up its own review
// stages (assign its own users as reviewers: storage checks their tenant) and vote where its users
// are assigned (the funding-agency review track: programme officer → RS committee).
bool AgencyMay(Action action) {
  return action == Action::kProposalDecide || action == Action::kCaseDecide || action == Action::kCaseAdvance ||
         action == Action::kReviewAssign || action == Action::kReviewVote;
}

Decision Make(Outcome o, std::string reason) {
  return Decision{o, std::move(reason)};
}

}  // namespace

Error Decision::ToError() const {
  HF_CHECK(outcome != Outcome::kAllow);
  if (outcome == Outcome::kNotVisible) return MakeError(ErrorCode::kNotFound, reason);
  return MakeError(ErrorCode::kPermissionDenied, reason);
}

Decision Permits(const Principal& principal, Action action) {
  for (Role r : principal.roles)
    if (GrantFor(r, action) != Grant::kDeny)
      return Make(Outcome::kAllow, std::string(RoleName(r)) + " may " + std::string(ActionName(action)));
  return Make(Outcome::kDeny, "role " + RolesText(principal) + " may not " + std::string(ActionName(action)));
}

bool TenantCanSee(const Principal& principal, const ResourceScope& scope) {
  return Visibility(principal, scope) != Via::kNone;
}

Decision Authorize(const Principal& principal, Action action, const ResourceScope& scope) {
  Decision any = Permits(principal, action);
  if (!any.allowed()) return any;
  const std::string name(ActionName(action));
  Via via = Visibility(principal, scope);
  if (via == Via::kNone) return Make(Outcome::kNotVisible, "not visible to tenant " + principal.tenant_id);
  // Across tenants: an agency reads what was submitted to it, decides on the proposals and takes
  // the agency's steps of their cases (AgencyMay); a hub only reads.
  if (via == Via::kAgency && !IsReadOnly(action) && !AgencyMay(action))
    return Make(Outcome::kDeny, "agency " + principal.tenant_id +
                                    " may only read, decide, advance and review what was submitted to it, not " + name);
  if (via == Via::kHub && !IsReadOnly(action))
    return Make(Outcome::kDeny, "hub " + principal.tenant_id + " may only read its members' data, not " + name);
  bool conditional_refused = false;
  for (Role r : principal.roles) {
    switch (GrantFor(r, action)) {
      case Grant::kAllow:
        return Make(Outcome::kAllow, std::string(RoleName(r)) + " may " + name);
      case Grant::kOwn:
        if (!principal.person_id.empty() && principal.person_id == scope.owner_person_id)
          return Make(Outcome::kAllow, std::string(RoleName(r)) + " may " + name + " on own records");
        conditional_refused = true;
        break;
      case Grant::kAssigned:
        if (Contains(scope.assigned_user_ids, principal.user_id))
          return Make(Outcome::kAllow, std::string(RoleName(r)) + " may " + name + " on assigned cases");
        conditional_refused = true;
        break;
      case Grant::kDeny:
        break;
    }
  }
  HF_CHECK(conditional_refused);  // Permits() found a non-deny grant
  return Make(Outcome::kNotVisible, "role " + RolesText(principal) + " may " + name +
                                        " only on own records or assigned cases; this one is neither");
}

}  // namespace highfence::access
