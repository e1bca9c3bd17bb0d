// SPDX-License-Identifier: Apache-2.0
#pragma once
// EvaluationInputs: everything ② リスク評価 may look at for one subject of a case — the person
// and their current Disclosure, or the partner organisation, plus the screening evidence that
// concerns it (評価の入力). The only input that evaluations, scores and rules (domain/workflow,
// domain/rules) may take about a person.
//
//   auto in = InputsForPerson(c.id, person, current_disclosure, case_screenings);  // Result<…>
//   auto org = InputsForOrganisation(c.id, beihang, case_screenings);
//
// Non-discrimination by construction: it is built from a Person (no nationality field) and a
// Disclosure (items ① to ⑪ and e-Rad rows; no field for ⑫ 非居住者・特定類型 or ⑬ 国籍), and
// this header cannot include restricted_disclosure.h (tests/architecture_test.sh), so no path
// leads from the restricted items to an evaluation. Countries appear only as the country of an
// organisation. Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/screening_ref.h"
#include "domain/cases/subject.h"

namespace highfence::cases {

struct EvaluationInputs {
  std::string case_id;
  Subject subject;
  std::optional<Person> person;              // set for a person
  std::optional<Disclosure> disclosure;      // their current version; nullopt when none is on record
  std::optional<Organisation> organisation;  // set for an organisation
  // The keyword screenings of the proposal and the list checks of this subject, in the order given.
  std::vector<ScreeningRef> screenings;
  bool operator==(const EvaluationInputs&) const = default;
};

// Keeps, of `screenings`, the keyword screenings and the list checks whose subject is this
// person. kInvalidArgument when the disclosure is another person's, or a screening belongs to
// another case (naming it).
Result<EvaluationInputs> InputsForPerson(const std::string& case_id, const Person& person,
                                         const std::optional<Disclosure>& disclosure,
                                         const std::vector<ScreeningRef>& screenings);

// The same for a partner organisation (or institution) and its list checks.
Result<EvaluationInputs> InputsForOrganisation(const std::string& case_id, const Organisation& organisation,
                                               const std::vector<ScreeningRef>& screenings);

}  // namespace highfence::cases
