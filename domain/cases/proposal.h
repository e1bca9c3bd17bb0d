// SPDX-License-Identifier: Apache-2.0
#pragma once
// Proposal: an application to a programme (研究開発課題の提案): its lead institution, its team
// (each member with their institution and role) and partner institutions, and where it stands
// in the agency's selection: submitted → shortlisted (採択候補) → awarded / declined. The case
// (case.h) is opened when a proposal of a designated programme is shortlisted.
//
//   if (auto ok = CheckProposalTransition(ProposalState::kSubmitted, ProposalState::kAwarded); !ok)
//     Report(ok.error());   // kFailedPrecondition: "proposal: submitted → awarded is not allowed …"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::cases {

enum class TeamRole {
  kPi,           // 研究代表者
  kCoPi,         // 研究分担者 / 主たる共同研究者
  kParticipant,  // 研究参加者
  kStudent,      // 学生
};

enum class ProposalState { kSubmitted, kShortlisted, kAwarded, kDeclined };

struct TeamMember {
  std::string person_id;
  std::string institution_id;  // a tenant or an Organisation id (partner abroad)
  TeamRole role = TeamRole::kParticipant;
  bool operator==(const TeamMember&) const = default;
};

struct Proposal {
  std::string id;  // opaque, e.g. "prop_" + 16 hex
  std::string programme_id;
  std::string title;
  std::string lead_institution_id;  // the tenant that owns the case
  std::vector<TeamMember> team;
  std::vector<std::string> partner_institution_ids;  // institutions or organisations taking part
  ProposalState state = ProposalState::kSubmitted;
  bool operator==(const Proposal&) const = default;
};

std::string_view TeamRoleId(TeamRole role);  // "pi", "co_pi", "participant", "student"
std::optional<TeamRole> ParseTeamRole(std::string_view id);
std::string_view TeamRoleLabel(TeamRole role);          // as officers write it: "PI", "Co-PI", "participant", "student"
std::string_view ProposalStateId(ProposalState state);  // "submitted", "shortlisted", "awarded", "declined"
std::optional<ProposalState> ParseProposalState(std::string_view id);

// The states reachable in one step: submitted → shortlisted | declined; shortlisted → awarded |
// declined; awarded and declined are final.
std::vector<ProposalState> NextProposalStates(ProposalState from);
// Ok, or kFailedPrecondition naming both states and the allowed next states.
Result<void> CheckProposalTransition(ProposalState from, ProposalState to);

// kInvalidArgument naming the field ("team[2].person_id"): empty id, programme, title or lead;
// a member without person or institution; the same person twice; two PIs, or a team without one.
Result<void> ValidateProposal(const Proposal& proposal);

}  // namespace highfence::cases
