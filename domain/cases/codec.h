// SPDX-License-Identifier: Apache-2.0
#pragma once
// JSON codecs of domain/cases (JSON 変換): the one JSON shape of every record of the procedure,
// shared by storage bodies (decision 0003), the HTTP API and the CLI's --format json. Fields are
// snake_case, named as the struct fields; enums are their snake_case ids ("co_pi", "red");
// absent optionals are null; every field is written, so the shape is stable.
//
//   std::string body = cases::ToJson(proposal);                    // compact, fields in struct order
//   auto back = cases::FromJson<cases::Proposal>(body);            // Result<Proposal>
//   // error: kInvalidArgument "team[2].role: unknown value \"PI?\" (expected pi, co_pi, participant, student)"
//
// FromJson checks shape, not meaning: types, required keys, enum values, and unknown keys (a
// typo, or an item that belongs elsewhere, is refused with its path, never dropped). Meaning is
// checked by the ValidateXxx functions. Output is deterministic (same value → same bytes), so
// storage can digest it. A body written before a field was added still decodes (the field takes
// its default); a field removed from a struct must stay readable here until every stored body
// is rewritten. RestrictedDisclosure has its own codec (restricted_disclosure_codec.h)
// so that including this header never gives access to items ⑫ and ⑬. Linear; thread-safe.
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/cases/case.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/disclosure_diff.h"
#include "domain/cases/evaluation_inputs.h"
#include "domain/cases/institution.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"
#include "domain/cases/screening_ref.h"

namespace highfence::cases {

struct JsonOptions {
  int indent = -1;  // spaces per level; < 0 writes one line. Default: -1.
};

std::string ToJson(const Institution& value, const JsonOptions& options = {});
std::string ToJson(const Person& value, const JsonOptions& options = {});
std::string ToJson(const Organisation& value, const JsonOptions& options = {});
std::string ToJson(const Programme& value, const JsonOptions& options = {});
std::string ToJson(const Proposal& value, const JsonOptions& options = {});
std::string ToJson(const Case& value, const JsonOptions& options = {});
std::string ToJson(const ScreeningRef& value, const JsonOptions& options = {});
std::string ToJson(const Disclosure& value, const JsonOptions& options = {});
std::string ToJson(const DisclosureDiff& value, const JsonOptions& options = {});
std::string ToJson(const EvaluationInputs& value, const JsonOptions& options = {});

// T is one of the types ToJson takes. Errors: kInvalidArgument naming the path of the first
// problem ("team[2].role: …", "funding[0].amount.amount: 1.5 is not a whole number"), or
// "JSON: …" with the parser's position for text that is not JSON.
template <typename T>
Result<T> FromJson(std::string_view json);

extern template Result<Institution> FromJson<Institution>(std::string_view);
extern template Result<Person> FromJson<Person>(std::string_view);
extern template Result<Organisation> FromJson<Organisation>(std::string_view);
extern template Result<Programme> FromJson<Programme>(std::string_view);
extern template Result<Proposal> FromJson<Proposal>(std::string_view);
extern template Result<Case> FromJson<Case>(std::string_view);
extern template Result<ScreeningRef> FromJson<ScreeningRef>(std::string_view);
extern template Result<Disclosure> FromJson<Disclosure>(std::string_view);
extern template Result<DisclosureDiff> FromJson<DisclosureDiff>(std::string_view);
extern template Result<EvaluationInputs> FromJson<EvaluationInputs>(std::string_view);

}  // namespace highfence::cases
