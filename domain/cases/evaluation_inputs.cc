// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/evaluation_inputs.h"

#include "domain/cases/internal/invalid.h"

namespace highfence::cases {

namespace {

Result<std::vector<ScreeningRef>> Relevant(const std::string& case_id, const Subject& subject,
                                           const std::vector<ScreeningRef>& screenings) {
  std::vector<ScreeningRef> kept;
  for (size_t i = 0; i < screenings.size(); ++i) {
    const ScreeningRef& s = screenings[i];
    if (s.case_id != case_id) {
      return internal::Invalid(internal::Indexed("screenings", i),
                               s.id + " belongs to case " + internal::Quote(s.case_id) + ", not " + case_id);
    }
    bool about_subject = s.kind == ScreeningKind::kKeywords || (s.lists && s.lists->subject == subject);
    if (about_subject) kept.push_back(s);
  }
  return kept;
}

}  // namespace

Result<EvaluationInputs> InputsForPerson(const std::string& case_id, const Person& person,
                                         const std::optional<Disclosure>& disclosure,
                                         const std::vector<ScreeningRef>& screenings) {
  if (disclosure && disclosure->person_id != person.id) {
    return internal::Invalid("disclosure.person_id", internal::Quote(disclosure->person_id) + " is not " + person.id);
  }
  EvaluationInputs in;
  in.case_id = case_id;
  in.subject = {SubjectKind::kPerson, person.id};
  auto kept = Relevant(case_id, in.subject, screenings);
  if (!kept) return kept.error();
  in.person = person;
  in.disclosure = disclosure;
  in.screenings = std::move(*kept);
  return in;
}

Result<EvaluationInputs> InputsForOrganisation(const std::string& case_id, const Organisation& organisation,
                                               const std::vector<ScreeningRef>& screenings) {
  EvaluationInputs in;
  in.case_id = case_id;
  in.subject = {SubjectKind::kOrganisation, organisation.id};
  auto kept = Relevant(case_id, in.subject, screenings);
  if (!kept) return kept.error();
  in.organisation = organisation;
  in.screenings = std::move(*kept);
  return in;
}

}  // namespace highfence::cases
