// SPDX-License-Identifier: Apache-2.0
// Validation of the plain records of domain/cases: identifiers (ORCID, e-Rad, ROR), hubs,
// programmes, proposals and their states, cases.
#include "domain/cases/case.h"
#include "domain/cases/institution.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engines/tables/gzip_lines.h"
#include "tests/domain/cases/fixtures.h"
#include "tests/support/data.h"

namespace highfence::cases {
namespace {

using testing::Aoba;

void ExpectInvalid(const Result<void>& r, const std::string& fragment) {
  ASSERT_FALSE(r.has_value()) << "expected an error containing " << fragment;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

TEST(PersonTest, RealisticJapaneseResearcherIsValid) {
  EXPECT_TRUE(ValidatePerson(Aoba()).has_value());
  EXPECT_TRUE(ValidatePerson(testing::LiWei()).has_value());
}

TEST(PersonTest, OrcidCheckCharacterFollowsIso7064Mod112) {
  EXPECT_TRUE(IsValidOrcid("0000-0002-1825-0097"));  // ORCID's documented example
  EXPECT_TRUE(IsValidOrcid("https://orcid.org/0000-0002-1825-0097"));
  EXPECT_TRUE(IsValidOrcid("0000-0002-4701-005X"));  // check value 10 is written X
  EXPECT_FALSE(IsValidOrcid("0000-0002-1825-0098"));
  EXPECT_FALSE(IsValidOrcid("0000-0002-4701-0050"));
  EXPECT_FALSE(IsValidOrcid("0000000218250097"));     // hyphens required
  EXPECT_FALSE(IsValidOrcid("0000-0002-1825-009x"));  // upper-case X only
  EXPECT_FALSE(IsValidOrcid("0000-000X-1825-0097"));  // X only last
}

TEST(PersonTest, WrongOrcidCheckCharacterIsRejectedNamingTheExpectedOne) {
  Person p = Aoba();
  p.orcid = "0000-0002-1825-0098";
  auto r = ValidatePerson(p);
  ExpectInvalid(r, "orcid: \"0000-0002-1825-0098\" has check character 8, expected 7");
}

TEST(PersonTest, EradIdMustBeEightAsciiDigits) {
  EXPECT_TRUE(IsValidEradId("70451234"));
  EXPECT_FALSE(IsValidEradId("7045123"));
  EXPECT_FALSE(IsValidEradId("704512345"));
  EXPECT_FALSE(IsValidEradId("７０４５１２３４"));  // full-width digits as typed in a Japanese form
  Person p = Aoba();
  p.erad_id = "7045-1234";
  ExpectInvalid(ValidatePerson(p), "erad_id: \"7045-1234\" is not an e-Rad researcher number (8 digits)");
}

TEST(PersonTest, EmptyNameAndBareAffiliationAreRejectedWithTheirPath) {
  Person p = Aoba();
  p.names[2].text = "  ";
  ExpectInvalid(ValidatePerson(p), "names[2].text: empty");
  p = Aoba();
  p.affiliations.push_back({});
  ExpectInvalid(ValidatePerson(p), "affiliations[1]: neither an institution, an organisation nor a name");
  p = Aoba();
  p.researchmap_id = "https://researchmap.jp/h_aoba";
  ExpectInvalid(ValidatePerson(p), "researchmap_id");
}

TEST(InstitutionTest, EveryRorIdInTheSharedRegistryPassesTheChecksum) {
  std::string bytes = highfence::testing::ReadFileOrFail(highfence::testing::SharedData("registry/ror_names.tsv.gz"));
  std::set<std::string> ids;
  auto read =
      tables::ForEachGzipLine(bytes, "ror_names.tsv.gz", {}, [&](int line, std::string_view text) -> Result<void> {
        if (line > 1) ids.insert(std::string(text.substr(0, text.find('\t'))));
        return Ok();
      });
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_GT(ids.size(), 50000u);
  for (const std::string& id : ids) EXPECT_TRUE(IsValidRorId(id)) << id;
}

TEST(InstitutionTest, RorIdWithWrongCheckDigitsOrLettersIsRejected) {
  EXPECT_TRUE(IsValidRorId("https://ror.org/01dq60k83"));
  EXPECT_TRUE(IsValidRorId("01dq60k83"));
  EXPECT_FALSE(IsValidRorId("01dq60k84"));
  EXPECT_FALSE(IsValidRorId("01dq60l83"));  // 'l' is not Crockford base 32
  EXPECT_FALSE(IsValidRorId("11dq60k83"));
  Institution i = testing::Tohoku();
  i.ror_id = "https://ror.org/01dq60k38";
  ExpectInvalid(ValidateInstitution(i), "ror_id: \"https://ror.org/01dq60k38\" is not a ROR id");
}

TEST(InstitutionTest, OnlyAHubHasMembersAndNeverItself) {
  Institution tohoku = testing::Tohoku();
  tohoku.member_ids = {"inst_other"};
  ExpectInvalid(ValidateInstitution(tohoku), "member_ids: only a hub has members; this institution is a university");
  Institution hub{.id = "inst_hub_tohoku",
                  .name_ja = "東北地区研究セキュリティ支援拠点",
                  .kind = InstitutionKind::kHub,
                  .member_ids = {"inst_a", "inst_b", "inst_a"}};
  ExpectInvalid(ValidateInstitution(hub), "member_ids[2]: \"inst_a\" listed twice");
  hub.member_ids = {"inst_a", "inst_hub_tohoku"};
  ExpectInvalid(ValidateInstitution(hub), "member_ids[1]: a hub cannot be its own member");
  hub.member_ids = {"inst_a", "inst_b"};
  EXPECT_TRUE(ValidateInstitution(hub).has_value());
}

TEST(OrganisationTest, ListMembershipMustNameItsSnapshot) {
  EXPECT_TRUE(ValidateOrganisation(testing::Beihang()).has_value());
  Organisation o = testing::Beihang();
  o.list_memberships[0].content_hash.clear();
  ExpectInvalid(ValidateOrganisation(o), "list_memberships[0].content_hash: empty");
  o = testing::Beihang();
  o.country = "China";
  ExpectInvalid(ValidateOrganisation(o), "country: \"China\" is not an ISO 3166-1 alpha-2 code");
}

TEST(ProgrammeTest, DesignatedProgrammeRecordsThreeConditionsWithReferences) {
  EXPECT_TRUE(ValidateProgramme(testing::Crest()).has_value());
  Programme p = testing::Crest();
  p.designation_conditions.pop_back();
  ExpectInvalid(ValidateProgramme(p), "designation_conditions: a designated programme records 3 conditions, found 2");
  p = testing::Crest();
  p.designation_conditions[1].reference = "";
  ExpectInvalid(ValidateProgramme(p), "designation_conditions[1].reference: empty");
  p.designated = false;
  p.designation_conditions.clear();
  EXPECT_TRUE(ValidateProgramme(p).has_value());
}

TEST(ProposalTest, StatesMoveOnlyForward) {
  struct Row {
    ProposalState from, to;
    bool ok;
  };
  const Row rows[] = {
      {ProposalState::kSubmitted, ProposalState::kShortlisted, true},
      {ProposalState::kSubmitted, ProposalState::kDeclined, true},
      {ProposalState::kShortlisted, ProposalState::kAwarded, true},
      {ProposalState::kShortlisted, ProposalState::kDeclined, true},
      {ProposalState::kSubmitted, ProposalState::kAwarded, false},
      {ProposalState::kShortlisted, ProposalState::kSubmitted, false},
      {ProposalState::kAwarded, ProposalState::kDeclined, false},
      {ProposalState::kDeclined, ProposalState::kShortlisted, false},
      {ProposalState::kShortlisted, ProposalState::kShortlisted, false},
  };
  for (const Row& row : rows) {
    auto r = CheckProposalTransition(row.from, row.to);
    EXPECT_EQ(r.has_value(), row.ok) << ProposalStateId(row.from) << " → " << ProposalStateId(row.to);
    if (!row.ok) {
      EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
    }
  }
}

TEST(ProposalTest, IllegalTransitionNamesTheAllowedStates) {
  auto r = CheckProposalTransition(ProposalState::kSubmitted, ProposalState::kAwarded);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "proposal: submitted → awarded is not allowed (allowed: shortlisted, declined)");
  r = CheckProposalTransition(ProposalState::kAwarded, ProposalState::kDeclined);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "proposal: awarded → declined is not allowed (awarded is final)");
}

TEST(ProposalTest, TeamNeedsExactlyOnePiAndNoPersonTwice) {
  EXPECT_TRUE(ValidateProposal(testing::HydrogenProposal()).has_value());
  Proposal p = testing::HydrogenProposal();
  p.team[1].role = TeamRole::kPi;
  ExpectInvalid(ValidateProposal(p), "team[1].role: a second PI");
  p = testing::HydrogenProposal();
  p.team[0].role = TeamRole::kCoPi;
  ExpectInvalid(ValidateProposal(p), "team: no PI");
  p = testing::HydrogenProposal();
  p.team.push_back({Aoba().id, testing::Tohoku().id, TeamRole::kParticipant});
  ExpectInvalid(ValidateProposal(p), "team[4].person_id: \"person_3e8a11c0d2f94b5a\" is already team[0]");
  p = testing::HydrogenProposal();
  p.team[2].institution_id.clear();
  ExpectInvalid(ValidateProposal(p), "team[2].institution_id: empty");
}

TEST(ProposalTest, RoleNamesAsOfficersWriteThem) {
  EXPECT_EQ(TeamRoleLabel(TeamRole::kCoPi), "Co-PI");
  EXPECT_EQ(TeamRoleId(TeamRole::kCoPi), "co_pi");
  EXPECT_EQ(ParseTeamRole("co_pi"), TeamRole::kCoPi);
  EXPECT_FALSE(ParseTeamRole("Co-PI").has_value());  // JSON takes ids; imports accept labels
}

TEST(CaseTest, OpenedAtMustBeAnRfc3339Time) {
  EXPECT_TRUE(ValidateCase(testing::HydrogenCase()).has_value());
  Case c = testing::HydrogenCase();
  c.opened_at = "2026/10/02 10:15";
  ExpectInvalid(ValidateCase(c), "opened_at: \"2026/10/02 10:15\" is not an RFC 3339 time");
  c = testing::HydrogenCase();
  c.screening_ids.push_back(c.screening_ids[0]);
  ExpectInvalid(ValidateCase(c), "screening_ids[2]: \"scr_1111222233334444\" attached twice");
}

}  // namespace
}  // namespace highfence::cases
