// SPDX-License-Identifier: Apache-2.0
#pragma once
// InstitutionGenerator: a generated research institution of realistic size for the case-store
// benchmarks (bench/storage/institution_bench.cc): a fictional university (東都科学技術大学) with
// 50,000 people, about 200,000 disclosure versions and 20,000 cases, each case with its proposal,
// team, screenings (flags), evaluations, measures and, once decided, reviews and a decision.
//
// Every person here is GENERATED TEST DATA: names are composed from lists of common family and
// given names written from general knowledge (Japanese in kanji + katakana + romaji; some
// researchers with Chinese, Korean or Latin-script names), with identifiers (e-Rad 研究者番号,
// ORCID with a valid check digit, researchmap id) drawn at random. A name's script says nothing
// else about a person, and there is no nationality field anywhere (decision: nationality is
// never a risk input; RestrictedDisclosure is not generated).
//
//   InstitutionGenerator gen({.seed = 7, .scale = 0.1});
//   for (int i = 0; i < gen.people(); ++i) {
//     cases::Person p = gen.Person(i);
//     for (int s = 1; s <= gen.DisclosureCount(i); ++s) Store(gen.Disclosure(i, s));
//   }
//   CaseBundle c = gen.Case(42);   // proposal, case, screenings, evaluations, measures, reviews
//
// Deterministic: every value is a pure function of (seed, kind, index), so records can be
// produced in any order, in parallel, or again later (the benchmark regenerates the ids it
// reads). Bodies are the domain structs; callers encode them with the domain codecs, so they
// are what the real store writes. Cost: a disclosure version takes ~20 µs to build.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/cases/case.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/institution.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"
#include "domain/cases/screening_ref.h"
#include "domain/workflow/evaluation.h"
#include "domain/workflow/measure.h"
#include "domain/workflow/review.h"

namespace highfence::bench {

struct InstitutionOptions {
  uint64_t seed = 20261130;  // Default: 20261130.
  // Multiplies people and cases (0.1 → 5,000 people, 2,000 cases). Default: 1.
  double scale = 1.0;
  int people = 50000;  // at scale 1. Default: 50,000.
  int cases = 20000;   // at scale 1. Default: 20,000.
  // Disclosure versions per person are 1 … 2 × average − 1 (uniform), so about
  // people × average in all. Default: 4.
  int average_disclosures = 4;
  std::string today = "2026-11-30";  // no date generated is later. Default: "2026-11-30".
};

// One case and everything recorded on it, in the order the store would receive it.
struct CaseBundle {
  cases::Proposal proposal;
  cases::Case kase;                             // kase.state is a domain/workflow state name
  std::vector<cases::ScreeningRef> screenings;  // one keyword screening + one list check per flag
  std::vector<workflow::Evaluation> evaluations;
  std::vector<workflow::Measure> measures;
  std::vector<workflow::Review> reviews;  // one per institution stage, for decided cases
  std::optional<workflow::Decision> decision;
  int flags = 0;  // list hits among the screenings
};

class InstitutionGenerator {
 public:
  explicit InstitutionGenerator(const InstitutionOptions& options);

  int people() const { return people_; }
  int cases() const { return cases_; }
  const InstitutionOptions& options() const { return options_; }

  // The university (the tenant of every person, disclosure and case) and the funding agencies.
  const cases::Institution& university() const { return university_; }
  const std::vector<cases::Institution>& agencies() const { return agencies_; }
  const std::vector<cases::Programme>& programmes() const { return programmes_; }

  // REQUIRES: 0 <= i < people().
  std::string PersonId(int i) const;
  cases::Person Person(int i) const;
  int DisclosureCount(int i) const;  // 1 … 2 × average − 1
  // REQUIRES: 1 <= seq <= DisclosureCount(i). Versions of one person grow over time (as_of
  // every six months from 2023-04-01): later ones add papers, grants and posts.
  cases::Disclosure Disclosure(int i, int seq) const;
  int64_t TotalDisclosures() const;

  // REQUIRES: 0 <= k < cases().
  std::string CaseId(int k) const;
  CaseBundle Case(int k) const;

 private:
  InstitutionOptions options_;
  int people_;
  int cases_;
  cases::Institution university_;
  std::vector<cases::Institution> agencies_;
  std::vector<cases::Programme> programmes_;
};

// A deterministic opaque id: prefix + "_" + 16 hex digits of a hash of (seed, prefix, index);
// the same shape as storage::NewId.
std::string GeneratedId(uint64_t seed, const std::string& prefix, uint64_t index);

}  // namespace highfence::bench
