// SPDX-License-Identifier: Apache-2.0
#include "domain/access/permission_table.h"

#include <array>

#include "base/check.h"

namespace highfence::access {
namespace {

// Columns in the order of kAllRoles: administrator, security_officer, reviewer,
// export_control_officer, researcher, programme_officer, auditor.
constexpr Grant D = Grant::kDeny;
constexpr Grant A = Grant::kAllow;
constexpr Grant O = Grant::kOwn;
constexpr Grant S = Grant::kAssigned;

struct Row {
  Action action;
  std::array<Grant, 7> grants;
};

// Least privilege: the administrator manages accounts and tenants but reads no case content;
// the auditor reads everything of its tenant (the audit chain included) and writes nothing;
// only the export-control officer reads the restricted items ⑫ ⑬. Review votes and case
// transitions follow the review stages (data/workflow/review_stages.tsv) and the state machine:
// security and export-control officers vote in the compliance stage they are assigned to, and an
// assigned reviewer takes the `decide` transition (domain/workflow checks which transition).
// A funding agency's programme officer decides on proposals submitted to its programmes
// (proposal.decide: shortlist / award / decline) and takes the agency's transitions of their
// cases (case.advance; the state machine allows the programme officer only its own rows:
// start / close / withdraw as an officer, decide and the appeal decision as a decider), and
// votes where it is assigned: the programme_officer stage of the funding-agency review track.
// Assigning reviewers (review.assign) belongs to whoever runs the review: the institution's
// security officer, and the agency's programme officer for cases submitted to its programmes (the
// store's visibility limits it to those, and the reviewers to accounts of the assigner's tenant).
constexpr std::array<Row, kAllActions.size()> kTable = {{
    //                           admin sec rev exp res prog aud
    {Action::kInstitutionRead, {A, A, A, A, A, A, A}},   {Action::kInstitutionWrite, {A, D, D, D, D, D, D}},
    {Action::kPersonRead, {D, A, S, A, O, A, A}},        {Action::kPersonWrite, {D, A, D, D, D, D, D}},
    {Action::kDisclosureReadOwn, {D, D, D, D, O, D, D}}, {Action::kDisclosureWriteOwn, {D, D, D, D, O, D, D}},
    {Action::kDisclosureRead, {D, A, S, A, D, A, A}},    {Action::kDisclosureWrite, {D, A, D, D, D, D, D}},
    {Action::kRestrictedRead, {D, D, D, A, D, D, D}},    {Action::kProgrammeRead, {D, A, A, A, A, A, A}},
    {Action::kProgrammeWrite, {D, D, D, D, D, A, D}},    {Action::kProposalRead, {D, A, S, A, O, A, A}},
    {Action::kProposalWrite, {D, A, D, D, O, D, D}},     {Action::kProposalSubmit, {D, A, D, D, O, D, D}},
    {Action::kProposalDecide, {D, A, D, D, D, A, D}},    {Action::kCaseRead, {D, A, S, A, D, A, A}},
    {Action::kCaseWrite, {D, A, D, D, D, D, D}},         {Action::kCaseAdvance, {D, A, S, D, D, A, D}},
    {Action::kCaseDecide, {D, A, D, D, D, A, D}},        {Action::kEvaluationRead, {D, A, S, A, D, A, A}},
    {Action::kEvaluationWrite, {D, A, D, A, D, D, D}},   {Action::kMeasureRead, {D, A, S, A, D, A, A}},
    {Action::kMeasureWrite, {D, A, D, D, D, D, D}},      {Action::kReviewRead, {D, A, S, D, D, A, A}},
    {Action::kReviewAssign, {D, A, D, D, D, A, D}},      {Action::kReviewVote, {D, S, S, S, D, S, D}},
    {Action::kFollowupRead, {D, A, D, A, D, A, A}},      {Action::kFollowupWrite, {D, A, D, D, D, D, D}},
    {Action::kAuditRead, {D, D, D, D, D, D, A}},         {Action::kScreeningRun, {D, A, D, A, O, A, D}},
    {Action::kListsCheck, {D, A, D, A, D, A, D}},        {Action::kListsRead, {A, A, A, A, D, A, A}},
    {Action::kImportRun, {D, A, D, D, D, D, D}},         {Action::kUserAdmin, {A, D, D, D, D, D, D}},
    {Action::kTokenManage, {A, A, A, A, A, A, A}},
}};

size_t RoleIndex(Role role) {
  for (size_t i = 0; i < kAllRoles.size(); ++i)
    if (kAllRoles[i] == role) return i;
  HF_CHECK(false);
  return 0;
}

}  // namespace

Grant GrantFor(Role role, Action action) {
  const Row& row = kTable[static_cast<size_t>(action)];
  HF_CHECK(row.action == action);  // the table lists actions in enum order
  return row.grants[RoleIndex(role)];
}

std::string_view GrantName(Grant grant) {
  switch (grant) {
    case Grant::kDeny:
      return "deny";
    case Grant::kAllow:
      return "allow";
    case Grant::kOwn:
      return "own";
    case Grant::kAssigned:
      return "assigned";
  }
  return "deny";
}

std::string RenderPermissionMatrix() {
  std::string out = "| action |";
  std::string rule = "|---|";
  for (Role role : kAllRoles) {
    out += " ";
    out += RoleName(role);
    out += " |";
    rule += ":-:|";
  }
  out += "\n" + rule + "\n";
  for (Action action : kAllActions) {
    out += "| `";
    out += ActionName(action);
    out += "` |";
    for (Role role : kAllRoles) {
      Grant g = GrantFor(role, action);
      out += " ";
      out += g == Grant::kDeny ? "—" : GrantName(g);
      out += " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace highfence::access
