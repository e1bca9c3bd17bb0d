// SPDX-License-Identifier: Apache-2.0
#pragma once
// JSON codecs of domain/workflow: one shape per record, shared by storage (the document body of
// decision 0003), the HTTP API and the CLI's --format json. docs/workflow.md ("JSON") lists the
// fields. Writers emit every field, snake_case, in a fixed order, dates as "YYYY-MM-DD",
// timestamps as written, absent optionals as null; a measure also carries its derived "status".
// Readers accept what writers emit and fail with kInvalidArgument naming the field path
// ("case_snapshot.measures[1].consents[0].answer: unknown \"yes\" (known: consented, refused)"):
// malformed JSON, a wrong type, an unknown key, an unknown or missing enum value, a bad date, a
// "status" that disagrees with the history. Other missing keys take the struct's default; the
// record's Validate / Make* function judges the content.
//
//   std::string body = ToJson(measure);
//   auto back = FromJson<Measure>(body);   // Result<Measure>, == measure
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/workflow/case_snapshot.h"
#include "domain/workflow/measure_catalogue.h"
#include "domain/workflow/review.h"
#include "domain/workflow/risk_category.h"

namespace highfence::workflow {

std::string ToJson(const Evaluation& evaluation);
std::string ToJson(const Measure& measure);
std::string ToJson(const Review& review);
std::string ToJson(const Decision& decision);
std::string ToJson(const Appeal& appeal);
std::string ToJson(const FollowUp& followup);
std::string ToJson(const ListHit& hit);
std::string ToJson(const CaseSnapshot& snapshot);
std::string ToJson(const RiskCategory& category);
std::string ToJson(const MeasureKind& kind);
std::string ToJson(const ReviewStage& stage);

// Defined for each type above.
template <typename T>
Result<T> FromJson(std::string_view json);

template <>
Result<Evaluation> FromJson<Evaluation>(std::string_view json);
template <>
Result<Measure> FromJson<Measure>(std::string_view json);
template <>
Result<Review> FromJson<Review>(std::string_view json);
template <>
Result<Decision> FromJson<Decision>(std::string_view json);
template <>
Result<Appeal> FromJson<Appeal>(std::string_view json);
template <>
Result<FollowUp> FromJson<FollowUp>(std::string_view json);
template <>
Result<ListHit> FromJson<ListHit>(std::string_view json);
template <>
Result<CaseSnapshot> FromJson<CaseSnapshot>(std::string_view json);
template <>
Result<RiskCategory> FromJson<RiskCategory>(std::string_view json);
template <>
Result<MeasureKind> FromJson<MeasureKind>(std::string_view json);
template <>
Result<ReviewStage> FromJson<ReviewStage>(std::string_view json);

}  // namespace highfence::workflow
