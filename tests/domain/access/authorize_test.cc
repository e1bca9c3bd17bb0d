// SPDX-License-Identifier: Apache-2.0
#include "domain/access/authorize.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "tests/support/data.h"

namespace highfence::access {
namespace {

// Tohoku University (an institution), JST (an agency) and a regional support hub.
Principal User(Role role, std::string tenant = "inst_tohoku", TenantKind kind = TenantKind::kInstitution) {
  Principal p;
  p.user_id = "user_" + std::string(RoleName(role));
  p.person_id = "person_" + std::string(RoleName(role));
  p.roles = {role};
  p.tenant_id = std::move(tenant);
  p.tenant_kind = kind;
  return p;
}

ResourceScope CaseOf(std::string tenant) {
  ResourceScope s;
  s.tenant_id = std::move(tenant);
  s.owner_person_id = "person_yamada";
  s.assigned_user_ids = {"user_sato"};
  return s;
}

TEST(ActionTest, EveryActionRoundTripsThroughItsUniqueName) {
  std::set<std::string> names;
  for (Action a : kAllActions) {
    auto parsed = ParseAction(ActionName(a));
    ASSERT_TRUE(parsed.has_value()) << ActionName(a);
    EXPECT_EQ(*parsed, a);
    names.insert(std::string(ActionName(a)));
  }
  EXPECT_EQ(names.size(), kAllActions.size());
  auto bad = ParseAction("case.delete");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("case.delete"), std::string::npos);
}

TEST(PermissionTableTest, OnlyTheExportControlOfficerReadsRestrictedItems) {
  for (Role r : kAllRoles)
    EXPECT_EQ(GrantFor(r, Action::kRestrictedRead) != Grant::kDeny, r == Role::kExportControlOfficer) << RoleName(r);
}

TEST(PermissionTableTest, AuditorWritesNothingAndReadsTheAuditTrail) {
  EXPECT_EQ(GrantFor(Role::kAuditor, Action::kAuditRead), Grant::kAllow);
  for (Action a : kAllActions) {
    if (IsReadOnly(a) || a == Action::kTokenManage) continue;
    EXPECT_EQ(GrantFor(Role::kAuditor, a), Grant::kDeny) << ActionName(a);
  }
}

TEST(PermissionTableTest, ReviewerSeesOnlyAssignedCasesAndResearcherOnlyOwnRecords) {
  for (Action a : {Action::kCaseRead, Action::kEvaluationRead, Action::kReviewVote})
    EXPECT_EQ(GrantFor(Role::kReviewer, a), Grant::kAssigned) << ActionName(a);
  for (Action a :
       {Action::kDisclosureReadOwn, Action::kDisclosureWriteOwn, Action::kProposalRead, Action::kProposalWrite})
    EXPECT_EQ(GrantFor(Role::kResearcher, a), Grant::kOwn) << ActionName(a);
  EXPECT_EQ(GrantFor(Role::kResearcher, Action::kCaseRead), Grant::kDeny);
  EXPECT_EQ(GrantFor(Role::kResearcher, Action::kDisclosureRead), Grant::kDeny);
}

TEST(PermissionTableTest, AdministratorManagesAccountsButReadsNoCaseContent) {
  EXPECT_EQ(GrantFor(Role::kAdministrator, Action::kUserAdmin), Grant::kAllow);
  for (Action a : {Action::kCaseRead, Action::kDisclosureRead, Action::kRestrictedRead, Action::kPersonRead})
    EXPECT_EQ(GrantFor(Role::kAdministrator, a), Grant::kDeny) << ActionName(a);
}

// docs/security.md prints the table; regenerate with HF_UPDATE_DOCS=1.
TEST(PermissionTableTest, SecurityDocPrintsTheTableAsItIs) {
  const std::string kBegin = "<!-- permission-matrix:begin (generated from domain/access/permission_table.cc) -->\n";
  const std::string kEnd = "<!-- permission-matrix:end -->";
  auto path = testing::RepoPath("docs/security.md");
  std::string doc = testing::ReadFileOrFail(path);
  size_t b = doc.find(kBegin);
  size_t e = doc.find(kEnd);
  ASSERT_NE(b, std::string::npos) << path << " lacks the matrix markers";
  ASSERT_NE(e, std::string::npos);
  std::string printed = doc.substr(b + kBegin.size(), e - b - kBegin.size());
  std::string expected = RenderPermissionMatrix();
  if (printed != expected && std::getenv("HF_UPDATE_DOCS")) {
    doc.replace(b + kBegin.size(), e - b - kBegin.size(), expected);
    std::ofstream(path) << doc;
    return;
  }
  EXPECT_EQ(printed, expected) << "docs/security.md is stale: run with HF_UPDATE_DOCS=1";
}

// The combination of table and ownership, generated from the table: on a record of the user's
// own tenant that is theirs and assigned to them every non-deny grant allows; on one that is
// neither, only kAllow does and the conditional grants answer not-visible (404).
TEST(AuthorizeTest, EveryCellOfTheTableHoldsOnOwnAndForeignRecords) {
  for (Role r : kAllRoles) {
    Principal p = User(r);
    ResourceScope mine = CaseOf("inst_tohoku");
    mine.owner_person_id = p.person_id;
    mine.assigned_user_ids = {p.user_id};
    ResourceScope others = CaseOf("inst_tohoku");
    for (Action a : kAllActions) {
      Grant g = GrantFor(r, a);
      std::string cell = std::string(RoleName(r)) + " × " + std::string(ActionName(a));
      Decision on_mine = Authorize(p, a, mine);
      Decision on_others = Authorize(p, a, others);
      EXPECT_EQ(on_mine.allowed(), g != Grant::kDeny) << cell << ": " << on_mine.reason;
      EXPECT_EQ(on_others.allowed(), g == Grant::kAllow) << cell << ": " << on_others.reason;
      if (g == Grant::kDeny) {
        EXPECT_EQ(on_others.outcome, Outcome::kDeny) << cell;
      }
      if (g == Grant::kOwn || g == Grant::kAssigned) {
        EXPECT_EQ(on_others.outcome, Outcome::kNotVisible) << cell;
      }
    }
  }
}

TEST(AuthorizeTest, AnotherInstitutionsCaseIsNotVisibleNotForbidden) {
  Decision d = Authorize(User(Role::kSecurityOfficer), Action::kCaseRead, CaseOf("inst_kyoto"));
  EXPECT_EQ(d.outcome, Outcome::kNotVisible);
  Error e = d.ToError();
  EXPECT_EQ(e.code, ErrorCode::kNotFound);
  EXPECT_NE(e.message.find("inst_tohoku"), std::string::npos);
}

TEST(AuthorizeTest, AgencyReadsAndDecidesSubmittedCasesOnly) {
  Principal po = User(Role::kProgrammeOfficer, "agency_jst", TenantKind::kAgency);
  ResourceScope submitted = CaseOf("inst_tohoku");
  submitted.submitted_to = {"agency_jst"};
  EXPECT_TRUE(Authorize(po, Action::kCaseRead, submitted).allowed());
  EXPECT_TRUE(Authorize(po, Action::kCaseDecide, submitted).allowed());
  EXPECT_EQ(Authorize(po, Action::kCaseWrite, submitted).outcome, Outcome::kDeny);  // role denies
  Principal officer = po;
  officer.roles = {Role::kSecurityOfficer};
  Decision write = Authorize(officer, Action::kMeasureWrite, submitted);
  EXPECT_EQ(write.outcome, Outcome::kDeny);
  EXPECT_NE(write.reason.find("agency agency_jst"), std::string::npos);
  ResourceScope elsewhere = CaseOf("inst_tohoku");
  elsewhere.submitted_to = {"agency_amed"};
  EXPECT_EQ(Authorize(po, Action::kCaseRead, elsewhere).outcome, Outcome::kNotVisible);
}

TEST(AuthorizeTest, AgencyDecidesProposalsAndAdvancesCasesSubmittedToItsProgrammesOnly) {
  Principal po = User(Role::kProgrammeOfficer, "agency_jst", TenantKind::kAgency);
  ResourceScope proposal;  // a proposal of Tohoku University to a JST programme
  proposal.tenant_id = "inst_tohoku";
  proposal.submitted_to = {"agency_jst"};
  EXPECT_TRUE(Authorize(po, Action::kProposalDecide, proposal).allowed());
  EXPECT_TRUE(Authorize(po, Action::kCaseAdvance, proposal).allowed());
  Decision write = Authorize(po, Action::kProposalWrite, proposal);  // editing it stays the institution's
  EXPECT_EQ(write.outcome, Outcome::kDeny);
  ResourceScope amed = proposal;  // submitted to another agency's programme
  amed.submitted_to = {"agency_amed"};
  Decision other = Authorize(po, Action::kProposalDecide, amed);
  EXPECT_EQ(other.outcome, Outcome::kNotVisible);
  EXPECT_EQ(other.ToError().code, ErrorCode::kNotFound);
  // An agency security officer (not a programme officer) may decide proposals by role, but an
  // agency auditor may not: the table still decides per role.
  Principal auditor = User(Role::kAuditor, "agency_jst", TenantKind::kAgency);
  Decision d = Authorize(auditor, Action::kProposalDecide, proposal);
  EXPECT_EQ(d.outcome, Outcome::kDeny);
  EXPECT_NE(d.reason.find("proposal.decide"), std::string::npos);
  // Votes: only where assigned (the funding-agency review track's programme_officer stage).
  ResourceScope assigned = proposal;
  assigned.assigned_user_ids = {po.user_id};
  EXPECT_TRUE(Authorize(po, Action::kReviewVote, assigned).allowed());
  EXPECT_EQ(Authorize(po, Action::kReviewVote, proposal).outcome, Outcome::kNotVisible);
  // It sets up its own review stages of a submitted case (storage checks the reviewers' tenant),
  // not another agency's, and its auditor does not.
  EXPECT_TRUE(Authorize(po, Action::kReviewAssign, proposal).allowed());
  EXPECT_EQ(Authorize(po, Action::kReviewAssign, amed).outcome, Outcome::kNotVisible);
  EXPECT_EQ(Authorize(auditor, Action::kReviewAssign, proposal).outcome, Outcome::kDeny);
  // A hub still only reads.
  Principal hub = User(Role::kSecurityOfficer, "hub_tohoku_region", TenantKind::kHub);
  hub.member_tenants = {"inst_tohoku"};
  EXPECT_EQ(Authorize(hub, Action::kProposalDecide, proposal).outcome, Outcome::kDeny);
  EXPECT_EQ(Authorize(hub, Action::kReviewAssign, proposal).outcome, Outcome::kDeny);
}

TEST(AuthorizeTest, HubReadsItsMembersOnly) {
  Principal hub = User(Role::kSecurityOfficer, "hub_tohoku_region", TenantKind::kHub);
  hub.member_tenants = {"inst_tohoku", "inst_iwate"};
  EXPECT_TRUE(Authorize(hub, Action::kCaseRead, CaseOf("inst_iwate")).allowed());
  EXPECT_EQ(Authorize(hub, Action::kCaseWrite, CaseOf("inst_iwate")).outcome, Outcome::kDeny);
  EXPECT_EQ(Authorize(hub, Action::kCaseRead, CaseOf("inst_kyoto")).outcome, Outcome::kNotVisible);
}

TEST(AuthorizeTest, AnInstitutionCannotReachAnotherBySubmissionOrMembershipFields) {
  // Only an agency tenant benefits from submitted_to, only a hub from member_tenants.
  Principal inst = User(Role::kSecurityOfficer, "inst_kyoto");
  inst.member_tenants = {"inst_tohoku"};
  ResourceScope s = CaseOf("inst_tohoku");
  s.submitted_to = {"inst_kyoto"};
  EXPECT_EQ(Authorize(inst, Action::kCaseRead, s).outcome, Outcome::kNotVisible);
}

TEST(AuthorizeTest, ReviewerAssignedVersusNotAssigned) {
  Principal sato = User(Role::kReviewer);
  sato.user_id = "user_sato";
  EXPECT_TRUE(Authorize(sato, Action::kReviewVote, CaseOf("inst_tohoku")).allowed());
  Principal suzuki = User(Role::kReviewer);
  suzuki.user_id = "user_suzuki";
  Decision d = Authorize(suzuki, Action::kCaseRead, CaseOf("inst_tohoku"));
  EXPECT_EQ(d.outcome, Outcome::kNotVisible);
  EXPECT_NE(d.reason.find("reviewer"), std::string::npos);
}

TEST(AuthorizeTest, SeveralRolesUnion) {
  Principal p = User(Role::kResearcher);
  p.roles.push_back(Role::kReviewer);
  ResourceScope s = CaseOf("inst_tohoku");
  s.assigned_user_ids = {p.user_id};
  EXPECT_TRUE(Authorize(p, Action::kCaseRead, s).allowed());  // as reviewer
  s.assigned_user_ids.clear();
  EXPECT_EQ(Authorize(p, Action::kCaseRead, s).outcome, Outcome::kNotVisible);
  EXPECT_EQ(Authorize(Principal{}, Action::kCaseRead, s).outcome, Outcome::kDeny);
}

}  // namespace
}  // namespace highfence::access
