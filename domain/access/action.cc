// SPDX-License-Identifier: Apache-2.0
#include "domain/access/action.h"

#include <string>

namespace highfence::access {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kInstitutionRead:
      return "institution.read";
    case Action::kInstitutionWrite:
      return "institution.write";
    case Action::kPersonRead:
      return "person.read";
    case Action::kPersonWrite:
      return "person.write";
    case Action::kDisclosureReadOwn:
      return "disclosure.read_own";
    case Action::kDisclosureWriteOwn:
      return "disclosure.write_own";
    case Action::kDisclosureRead:
      return "disclosure.read";
    case Action::kDisclosureWrite:
      return "disclosure.write";
    case Action::kRestrictedRead:
      return "restricted.read";
    case Action::kProgrammeRead:
      return "programme.read";
    case Action::kProgrammeWrite:
      return "programme.write";
    case Action::kProposalRead:
      return "proposal.read";
    case Action::kProposalWrite:
      return "proposal.write";
    case Action::kProposalSubmit:
      return "proposal.submit";
    case Action::kProposalDecide:
      return "proposal.decide";
    case Action::kCaseRead:
      return "case.read";
    case Action::kCaseWrite:
      return "case.write";
    case Action::kCaseAdvance:
      return "case.advance";
    case Action::kCaseDecide:
      return "case.decide";
    case Action::kEvaluationRead:
      return "evaluation.read";
    case Action::kEvaluationWrite:
      return "evaluation.write";
    case Action::kMeasureRead:
      return "measure.read";
    case Action::kMeasureWrite:
      return "measure.write";
    case Action::kReviewRead:
      return "review.read";
    case Action::kReviewAssign:
      return "review.assign";
    case Action::kReviewVote:
      return "review.vote";
    case Action::kFollowupRead:
      return "followup.read";
    case Action::kFollowupWrite:
      return "followup.write";
    case Action::kAuditRead:
      return "audit.read";
    case Action::kScreeningRun:
      return "screening.run";
    case Action::kListsCheck:
      return "lists.check";
    case Action::kListsRead:
      return "lists.read";
    case Action::kImportRun:
      return "import.run";
    case Action::kUserAdmin:
      return "user.admin";
    case Action::kTokenManage:
      return "token.manage";
  }
  return "unknown";
}

Result<Action> ParseAction(std::string_view name) {
  for (Action action : kAllActions)
    if (ActionName(action) == name) return action;
  return MakeError(ErrorCode::kInvalidArgument,
                   "action: unknown \"" + std::string(name) + "\" (expected resource.verb, e.g. case.read)");
}

bool IsReadOnly(Action action) {
  std::string_view name = ActionName(action);
  return name.ends_with(".read") || name.ends_with(".read_own");
}

}  // namespace highfence::access
