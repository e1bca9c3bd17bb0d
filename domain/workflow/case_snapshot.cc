// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/case_snapshot.h"

#include "domain/workflow/internal/enum_names.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<CaseState>, 9> kStates{{
    {CaseState::kOpened, "opened"},
    {CaseState::kIdentification, "identification"},
    {CaseState::kEvaluation, "evaluation"},
    {CaseState::kMitigation, "mitigation"},
    {CaseState::kReview, "review"},
    {CaseState::kDecided, "decided"},
    {CaseState::kAppeal, "appeal"},
    {CaseState::kFollowUp, "follow_up"},
    {CaseState::kClosed, "closed"},
}};

}  // namespace

std::string_view Name(CaseState state) {
  return internal::NameIn(kStates, state);
}

Result<CaseState> ParseCaseState(std::string_view text) {
  return internal::ParseIn(kStates, text, "state");
}

}  // namespace highfence::workflow
