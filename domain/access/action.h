// SPDX-License-Identifier: Apache-2.0
#pragma once
// Action: one operation a user can ask highfence to do (操作), named "resource.verb" as in the
// HTTP API's role table ("case.decide", "restricted.read"). The permission table
// (permission_table.h) says, per role, whether each action is allowed, allowed on the user's own
// records only, on the cases assigned to them only, or denied; authorize.h adds the tenant rules.
//
//   access::Action a = *access::ParseAction("case.read");
//   std::string_view n = access::ActionName(access::Action::kRestrictedRead);  // "restricted.read"
#include <array>
#include <string_view>

#include "base/result.h"

namespace highfence::access {

enum class Action {
  kInstitutionRead,     // institution profile (機関)
  kInstitutionWrite,    // create / edit institutions, tenants and hub memberships
  kPersonRead,          // people (研究者等) and their team roles
  kPersonWrite,         // create / edit people
  kDisclosureReadOwn,   // a researcher reads their own disclosures (情報開示)
  kDisclosureWriteOwn,  // a researcher files or corrects their own disclosure
  kDisclosureRead,      // anyone's disclosures and their diffs (items ①–⑪)
  kDisclosureWrite,     // edit any disclosure on a researcher's behalf
  kRestrictedRead,      // the restricted items ⑫ 非居住者・特定類型 and ⑬ 国籍 (audited)
  kProgrammeRead,       // funding programmes (公募)
  kProgrammeWrite,      // create / edit programmes, designate them
  kProposalRead,        // proposals (研究提案)
  kProposalWrite,       // create / edit / upload proposals
  kProposalSubmit,      // submit a proposal to a programme (提出)
  kProposalDecide,      // shortlist, award or decline a proposal (採択候補・採択・不採択)
  kCaseRead,            // cases and their transitions (案件)
  kCaseWrite,           // open / edit cases, attach screenings
  kCaseAdvance,         // take a workflow transition (①→②→③→④)
  kCaseDecide,          // record a decision (判断)
  kEvaluationRead,      // risk evaluations (リスク評価)
  kEvaluationWrite,     // write an evaluation of a flag
  kMeasureRead,         // mitigation measures (リスク軽減措置)
  kMeasureWrite,        // agree / change measures
  kReviewRead,          // committee reviews (審査)
  kReviewAssign,        // open a review stage of a case and assign its reviewers (審査員の指名)
  kReviewVote,          // cast a reviewer's vote on an assigned case
  kFollowupRead,        // follow-ups (フォローアップ)
  kFollowupWrite,       // record follow-up reports
  kAuditRead,           // the audit chain (監査ログ)
  kScreeningRun,        // screen an uploaded proposal for technology keywords
  kListsCheck,          // check names against the lists of entities of concern
  kListsRead,           // list snapshots and keyword-list versions
  kImportRun,           // import disclosures and teams from CSV / XLSX
  kUserAdmin,           // create users, assign roles, reset passwords
  kTokenManage,         // create, list and revoke one's own API tokens
};

inline constexpr std::array<Action, 35> kAllActions = {
    Action::kInstitutionRead,   Action::kInstitutionWrite,   Action::kPersonRead,     Action::kPersonWrite,
    Action::kDisclosureReadOwn, Action::kDisclosureWriteOwn, Action::kDisclosureRead, Action::kDisclosureWrite,
    Action::kRestrictedRead,    Action::kProgrammeRead,      Action::kProgrammeWrite, Action::kProposalRead,
    Action::kProposalWrite,     Action::kProposalSubmit,     Action::kProposalDecide, Action::kCaseRead,
    Action::kCaseWrite,         Action::kCaseAdvance,        Action::kCaseDecide,     Action::kEvaluationRead,
    Action::kEvaluationWrite,   Action::kMeasureRead,        Action::kMeasureWrite,   Action::kReviewRead,
    Action::kReviewAssign,      Action::kReviewVote,         Action::kFollowupRead,   Action::kFollowupWrite,
    Action::kAuditRead,         Action::kScreeningRun,       Action::kListsCheck,     Action::kListsRead,
    Action::kImportRun,         Action::kUserAdmin,          Action::kTokenManage};

// Stable "resource.verb" name used in the role table, API token scopes and docs/security.md.
std::string_view ActionName(Action action);
// Fails with kInvalidArgument naming the unknown action.
Result<Action> ParseAction(std::string_view name);
// True for actions that only read (what an auditor, a hub or an agency may do across tenants).
bool IsReadOnly(Action action);

}  // namespace highfence::access
