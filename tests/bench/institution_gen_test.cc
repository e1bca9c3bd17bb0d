// SPDX-License-Identifier: Apache-2.0
// The generated institution of the case-store benchmark must be what the real store accepts:
// deterministic for a seed, and every record valid under the domain validators and codecs.
#include "bench/storage/institution_gen.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>

#include "domain/cases/codec.h"
#include "domain/cases/disclosure_validation.h"
#include "domain/workflow/codec.h"
#include "domain/workflow/measure_catalogue.h"
#include "domain/workflow/risk_category.h"
#include "tests/support/data.h"

namespace highfence::bench {
namespace {

// Round trip through the codec: decodes, and the decoded value encodes to the same bytes.
template <typename T>
void ExpectCasesRoundTrip(const T& value, const std::string& what) {
  const std::string body = cases::ToJson(value);
  auto back = cases::FromJson<T>(body);
  ASSERT_TRUE(back.has_value()) << what << ": " << back.error().message;
  EXPECT_EQ(*back, value) << what;
  EXPECT_EQ(body.find("nationality"), std::string::npos) << what;
}
template <typename T>
void ExpectWorkflowRoundTrip(const T& value, const std::string& what) {
  const std::string body = workflow::ToJson(value);
  auto back = workflow::FromJson<T>(body);
  ASSERT_TRUE(back.has_value()) << what << ": " << back.error().message;
  EXPECT_EQ(*back, value) << what;
}

TEST(InstitutionGenTest, SameSeedGivesSameBytesAndAnotherSeedDiffers) {
  InstitutionGenerator a({.seed = 11, .scale = 0.01});
  InstitutionGenerator b({.seed = 11, .scale = 0.01});
  InstitutionGenerator c({.seed = 12, .scale = 0.01});
  ASSERT_EQ(a.people(), 500);
  ASSERT_EQ(a.cases(), 200);
  int differing = 0;
  for (int i = 0; i < a.people(); i += 7) {
    EXPECT_EQ(cases::ToJson(a.Person(i)), cases::ToJson(b.Person(i))) << i;
    ASSERT_EQ(a.DisclosureCount(i), b.DisclosureCount(i));
    const int last = a.DisclosureCount(i);
    EXPECT_EQ(cases::ToJson(a.Disclosure(i, last)), cases::ToJson(b.Disclosure(i, last))) << i;
    differing += cases::ToJson(a.Person(i)) != cases::ToJson(c.Person(i));
  }
  EXPECT_GT(differing, 60);  // of 72 sampled: another seed is another institution
  for (int k = 0; k < a.cases(); k += 13) {
    const CaseBundle x = a.Case(k), y = b.Case(k);
    EXPECT_EQ(cases::ToJson(x.kase), cases::ToJson(y.kase));
    EXPECT_EQ(cases::ToJson(x.proposal), cases::ToJson(y.proposal));
    ASSERT_EQ(x.measures.size(), y.measures.size());
    for (size_t m = 0; m < x.measures.size(); ++m) {
      EXPECT_EQ(workflow::ToJson(x.measures[m]), workflow::ToJson(y.measures[m]));
    }
  }
  // Order does not matter: a record generated again later is the same.
  EXPECT_EQ(cases::ToJson(a.Disclosure(3, 1)),
            cases::ToJson(InstitutionGenerator({.seed = 11, .scale = 0.01}).Disclosure(3, 1)));
}

TEST(InstitutionGenTest, PeopleAndDisclosuresPassTheValidatorsAndRoundTrip) {
  InstitutionGenerator gen({.scale = 0.01});
  std::map<cases::NameScript, int> scripts;
  int64_t versions = 0;
  for (int i = 0; i < gen.people(); ++i) {
    const cases::Person p = gen.Person(i);
    ASSERT_TRUE(cases::ValidatePerson(p).has_value()) << p.id << ": " << cases::ValidatePerson(p).error().message;
    ExpectCasesRoundTrip(p, p.id);
    scripts[p.names[0].script]++;
    if (p.names[0].script == cases::NameScript::kKanji && p.names.size() >= 3) {
      EXPECT_EQ(p.names[1].script, cases::NameScript::kKana) << p.id;
      EXPECT_EQ(p.names[2].script, cases::NameScript::kLatin) << p.id;
    }
    std::string previous_as_of;
    for (int s = 1; s <= gen.DisclosureCount(i); ++s) {
      const cases::Disclosure d = gen.Disclosure(i, s);
      auto ok = cases::ValidateDisclosure(d, {.today = gen.options().today});
      ASSERT_TRUE(ok.has_value()) << p.id << " v" << s << ": " << ok.error().message;
      ExpectCasesRoundTrip(d, d.id);
      EXPECT_EQ(d.person_id, p.id);
      EXPECT_GT(d.as_of, previous_as_of);
      previous_as_of = d.as_of;
      ++versions;
    }
  }
  EXPECT_EQ(versions, gen.TotalDisclosures());
  // About four versions a person (1 … 7, uniform).
  EXPECT_GT(versions, gen.people() * 35 / 10);
  EXPECT_LT(versions, gen.people() * 45 / 10);
  // Mostly Japanese names in kanji, some in hangul and Latin script.
  EXPECT_GT(scripts[cases::NameScript::kKanji], gen.people() * 8 / 10);
  EXPECT_GT(scripts[cases::NameScript::kLatin], 0);
  EXPECT_GT(scripts[cases::NameScript::kHangul], 0);
}

TEST(InstitutionGenTest, CasesPassTheValidatorsAndCoverEveryState) {
  auto categories = workflow::LoadRiskCategories(testing::RepoPath("data/workflow/risk_categories.tsv"));
  ASSERT_TRUE(categories.has_value()) << categories.error().message;
  auto catalogue = workflow::LoadMeasureCatalogue(testing::RepoPath("data/workflow/measures.tsv"));
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  InstitutionGenerator gen({.scale = 0.05});
  ASSERT_EQ(gen.cases(), 1000);
  std::map<std::string, int> states;
  std::set<std::string> ids;
  int flags = 0;
  for (int k = 0; k < gen.cases(); ++k) {
    const CaseBundle b = gen.Case(k);
    const std::string& id = b.kase.id;
    ASSERT_TRUE(ids.insert(id).second) << id << " repeated";
    ASSERT_TRUE(cases::ValidateProposal(b.proposal).has_value())
        << id << ": " << cases::ValidateProposal(b.proposal).error().message;
    ASSERT_TRUE(cases::ValidateCase(b.kase).has_value()) << id << ": " << cases::ValidateCase(b.kase).error().message;
    ExpectCasesRoundTrip(b.proposal, id);
    ExpectCasesRoundTrip(b.kase, id);
    EXPECT_GE(b.proposal.team.size(), 3u);
    EXPECT_LE(b.proposal.team.size(), 8u);
    EXPECT_LE(b.flags, 5);
    EXPECT_EQ(b.kase.screening_ids.size(), b.screenings.size());
    for (const auto& s : b.screenings) ExpectCasesRoundTrip(s, s.id);
    EXPECT_LE(b.evaluations.size(), 4u);
    for (const auto& e : b.evaluations) {
      auto ok = workflow::Validate(e, *categories);
      ASSERT_TRUE(ok.has_value()) << e.id << ": " << ok.error().message;
      ExpectWorkflowRoundTrip(e, e.id);
    }
    EXPECT_LE(b.measures.size(), 3u);
    for (const auto& m : b.measures) {
      auto ok = workflow::ValidateNew(m, *catalogue, m.history.front().at);
      ASSERT_TRUE(ok.has_value()) << m.id << ": " << ok.error().message;
      EXPECT_EQ(*ok, m);
      ExpectWorkflowRoundTrip(m, m.id);
    }
    const bool decided = b.kase.state == "decided" || b.kase.state == "appeal" || b.kase.state == "follow_up" ||
                         b.kase.state == "closed";
    EXPECT_EQ(b.decision.has_value(), decided) << id << " " << b.kase.state;
    EXPECT_EQ(b.reviews.size(), decided ? 3u : 0u) << id;
    for (const auto& r : b.reviews) ExpectWorkflowRoundTrip(r, r.id);
    if (b.decision) ExpectWorkflowRoundTrip(*b.decision, b.decision->id);
    states[b.kase.state]++;
    flags += b.flags;
  }
  for (const char* s :
       {"opened", "identification", "evaluation", "mitigation", "review", "decided", "appeal", "follow_up", "closed"}) {
    EXPECT_GT(states[s], 0) << s;
  }
  EXPECT_GT(flags, gen.cases() / 2);
}

}  // namespace
}  // namespace highfence::bench
