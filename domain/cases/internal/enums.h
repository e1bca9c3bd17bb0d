// SPDX-License-Identifier: Apache-2.0
#pragma once
// The name tables of every enum in domain/cases (and the rules enums the cases carry): the
// public XxxId / ParseXxx functions, the codecs and the importers all read these.
#include "domain/cases/disclosure.h"
#include "domain/cases/disclosure_diff.h"
#include "domain/cases/institution.h"
#include "domain/cases/internal/enum_table.h"
#include "domain/cases/name.h"
#include "domain/cases/proposal.h"
#include "domain/cases/screening_ref.h"
#include "domain/cases/subject.h"
#include "domain/rules/risk_level.h"

namespace highfence::cases::internal {

inline constexpr EnumTable<NameScript, 5> kNameScripts{{{{NameScript::kKanji, "kanji"},
                                                         {NameScript::kKana, "kana"},
                                                         {NameScript::kLatin, "latin"},
                                                         {NameScript::kHangul, "hangul"},
                                                         {NameScript::kOther, "other"}}}};
inline constexpr EnumTable<NameKind, 4> kNameKinds{{{{NameKind::kLegal, "legal"},
                                                     {NameKind::kRomanised, "romanised"},
                                                     {NameKind::kFormer, "former"},
                                                     {NameKind::kAlias, "alias"}}}};
inline constexpr EnumTable<InstitutionKind, 4> kInstitutionKinds{{{{InstitutionKind::kUniversity, "university"},
                                                                   {InstitutionKind::kAgency, "agency"},
                                                                   {InstitutionKind::kHub, "hub"},
                                                                   {InstitutionKind::kCompany, "company"}}}};
inline constexpr EnumTable<TeamRole, 4> kTeamRoles{{{{TeamRole::kPi, "pi"},
                                                     {TeamRole::kCoPi, "co_pi"},
                                                     {TeamRole::kParticipant, "participant"},
                                                     {TeamRole::kStudent, "student"}}}};
inline constexpr EnumTable<TeamRole, 4> kTeamRoleLabels{{{{TeamRole::kPi, "PI"},
                                                          {TeamRole::kCoPi, "Co-PI"},
                                                          {TeamRole::kParticipant, "participant"},
                                                          {TeamRole::kStudent, "student"}}}};
inline constexpr EnumTable<ProposalState, 4> kProposalStates{{{{ProposalState::kSubmitted, "submitted"},
                                                               {ProposalState::kShortlisted, "shortlisted"},
                                                               {ProposalState::kAwarded, "awarded"},
                                                               {ProposalState::kDeclined, "declined"}}}};
inline constexpr EnumTable<SubjectKind, 2> kSubjectKinds{
    {{{SubjectKind::kPerson, "person"}, {SubjectKind::kOrganisation, "organisation"}}}};
inline constexpr EnumTable<ScreeningKind, 2> kScreeningKinds{
    {{{ScreeningKind::kKeywords, "keywords"}, {ScreeningKind::kLists, "lists"}}}};
inline constexpr EnumTable<rules::RiskLevel, 3> kRiskLevels{
    {{{rules::RiskLevel::kRed, "red"}, {rules::RiskLevel::kYellow, "yellow"}, {rules::RiskLevel::kGreen, "green"}}}};
inline constexpr EnumTable<rules::KeywordHit, 3> kKeywordHits{
    {{{rules::KeywordHit::kYes, "yes"}, {rules::KeywordHit::kPartial, "partial"}, {rules::KeywordHit::kNo, "no"}}}};
inline constexpr EnumTable<RowChangeKind, 3> kRowChangeKinds{
    {{{RowChangeKind::kAdded, "added"}, {RowChangeKind::kRemoved, "removed"}, {RowChangeKind::kChanged, "changed"}}}};

}  // namespace highfence::cases::internal
