// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/proposal.h"

#include <algorithm>
#include <map>

#include "domain/cases/internal/enums.h"
#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

std::string_view TeamRoleId(TeamRole role) {
  return internal::kTeamRoles.Id(role);
}
std::optional<TeamRole> ParseTeamRole(std::string_view id) {
  return internal::kTeamRoles.Parse(id);
}
std::string_view TeamRoleLabel(TeamRole role) {
  return internal::kTeamRoleLabels.Id(role);
}
std::string_view ProposalStateId(ProposalState state) {
  return internal::kProposalStates.Id(state);
}
std::optional<ProposalState> ParseProposalState(std::string_view id) {
  return internal::kProposalStates.Parse(id);
}

std::vector<ProposalState> NextProposalStates(ProposalState from) {
  switch (from) {
    case ProposalState::kSubmitted:
      return {ProposalState::kShortlisted, ProposalState::kDeclined};
    case ProposalState::kShortlisted:
      return {ProposalState::kAwarded, ProposalState::kDeclined};
    case ProposalState::kAwarded:
    case ProposalState::kDeclined:
      return {};
  }
  return {};
}

Result<void> CheckProposalTransition(ProposalState from, ProposalState to) {
  std::vector<ProposalState> next = NextProposalStates(from);
  if (std::find(next.begin(), next.end(), to) != next.end()) return Ok();
  std::string allowed;
  for (ProposalState s : next) allowed += (allowed.empty() ? "" : ", ") + std::string(ProposalStateId(s));
  return MakeError(ErrorCode::kFailedPrecondition,
                   "proposal: " + std::string(ProposalStateId(from)) + " → " + std::string(ProposalStateId(to)) +
                       " is not allowed (" +
                       (allowed.empty() ? std::string(ProposalStateId(from)) + " is final" : "allowed: " + allowed) +
                       ")");
}

Result<void> ValidateProposal(const Proposal& proposal) {
  if (proposal.id.empty()) return Invalid("id", "empty");
  if (proposal.programme_id.empty()) return Invalid("programme_id", "empty");
  if (internal::Trim(proposal.title).empty()) return Invalid("title", "empty");
  if (proposal.lead_institution_id.empty()) return Invalid("lead_institution_id", "empty");
  std::map<std::string, size_t> seen;
  int pis = 0;
  for (size_t i = 0; i < proposal.team.size(); ++i) {
    const TeamMember& m = proposal.team[i];
    std::string where = Indexed("team", i);
    if (m.person_id.empty()) return Invalid(where + ".person_id", "empty");
    if (m.institution_id.empty()) return Invalid(where + ".institution_id", "empty");
    auto [it, inserted] = seen.emplace(m.person_id, i);
    if (!inserted) {
      return Invalid(where + ".person_id", Quote(m.person_id) + " is already " + Indexed("team", it->second));
    }
    if (m.role == TeamRole::kPi && ++pis > 1)
      return Invalid(where + ".role", "a second PI (研究代表者): a team has one");
  }
  if (!proposal.team.empty() && pis == 0) return Invalid("team", "no PI (研究代表者)");
  for (size_t i = 0; i < proposal.partner_institution_ids.size(); ++i) {
    const std::string& partner = proposal.partner_institution_ids[i];
    if (partner.empty()) return Invalid(Indexed("partner_institution_ids", i), "empty");
    if (partner == proposal.lead_institution_id) {
      return Invalid(Indexed("partner_institution_ids", i), "the lead institution is not its own partner");
    }
  }
  return Ok();
}

}  // namespace highfence::cases
