// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/measure.h"

#include <algorithm>
#include <set>

#include "domain/workflow/internal/enum_names.h"
#include "domain/workflow/internal/text.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<MeasureStatus>, 4> kStatuses{{
    {MeasureStatus::kPlanned, "planned"},
    {MeasureStatus::kInProgress, "in_progress"},
    {MeasureStatus::kDone, "done"},
    {MeasureStatus::kCancelled, "cancelled"},
}};

constexpr std::array<internal::EnumName<ConsentAnswer>, 2> kConsentAnswers{{
    {ConsentAnswer::kConsented, "consented"},
    {ConsentAnswer::kRefused, "refused"},
}};

// The legal steps: planned → in_progress → done; planned or in_progress → cancelled.
std::vector<MeasureStatus> NextStatuses(MeasureStatus from) {
  switch (from) {
    case MeasureStatus::kPlanned:
      return {MeasureStatus::kInProgress, MeasureStatus::kCancelled};
    case MeasureStatus::kInProgress:
      return {MeasureStatus::kDone, MeasureStatus::kCancelled};
    case MeasureStatus::kDone:
    case MeasureStatus::kCancelled:
      return {};
  }
  return {};
}

std::string Record(const Measure& m) {
  return "measure " + (m.id.empty() ? "(new)" : m.id);
}

Result<void> CheckAt(const std::string& record, std::string_view field, const Timestamp& at) {
  if (auto date = TimestampDate(at, record + ": field \"" + std::string(field) + "\""); !date) return date.error();
  return Ok();
}

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool Terminal(MeasureStatus status) {
  return status == MeasureStatus::kDone || status == MeasureStatus::kCancelled;
}

}  // namespace

std::string_view Name(MeasureStatus status) {
  return internal::NameIn(kStatuses, status);
}
std::string_view Name(ConsentAnswer answer) {
  return internal::NameIn(kConsentAnswers, answer);
}
Result<MeasureStatus> ParseMeasureStatus(std::string_view text) {
  return internal::ParseIn(kStatuses, text, "status");
}
Result<ConsentAnswer> ParseConsentAnswer(std::string_view text) {
  return internal::ParseIn(kConsentAnswers, text, "answer");
}

MeasureStatus CurrentStatus(const Measure& measure) {
  return measure.history.empty() ? MeasureStatus::kPlanned : measure.history.back().status;
}

bool IsOverdue(const Measure& measure, Date today) {
  return measure.due_date && *measure.due_date < today && !Terminal(CurrentStatus(measure));
}

Result<Measure> ChangeStatus(Measure measure, const StatusChange& change) {
  const std::string record = Record(measure);
  if (auto ok = internal::RequireText(record, "by", change.by); !ok) return ok.error();
  if (auto ok = CheckAt(record, "at", change.at); !ok) return ok.error();
  MeasureStatus from = CurrentStatus(measure);
  std::vector<MeasureStatus> next = NextStatuses(from);
  if (std::find(next.begin(), next.end(), change.status) == next.end()) {
    std::string legal;
    for (MeasureStatus s : next) legal += (legal.empty() ? "" : ", ") + std::string(Name(s));
    return MakeError(ErrorCode::kFailedPrecondition,
                     record + ": " + std::string(Name(from)) + " → " + std::string(Name(change.status)) +
                         " is not allowed (next: " + (legal.empty() ? "none, it is final" : legal) + ")");
  }
  if (change.status == MeasureStatus::kDone && measure.evidence.empty())
    return MakeError(ErrorCode::kFailedPrecondition,
                     record + ": cannot be done without evidence (attach at least one file first)");
  if (change.status == MeasureStatus::kCancelled)
    if (auto ok = internal::RequireText(record, "note", change.note); !ok) return ok.error();
  measure.history.push_back(change);
  return measure;
}

Result<Measure> AddEvidence(Measure measure, const Evidence& evidence) {
  const std::string record = Record(measure);
  if (auto ok = internal::RequireText(record, "evidence.file_name", evidence.file_name); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "evidence.uploaded_by", evidence.uploaded_by); !ok) return ok.error();
  if (!IsSha256Hex(evidence.sha256))
    return internal::FieldError(record, "evidence.sha256",
                                "\"" + evidence.sha256 + "\" is not 64 lower-case hex digits");
  if (auto ok = CheckAt(record, "evidence.at", evidence.at); !ok) return ok.error();
  if (Terminal(CurrentStatus(measure)))
    return MakeError(ErrorCode::kFailedPrecondition, record + ": is " + std::string(Name(CurrentStatus(measure))) +
                                                         "; evidence can no longer be added");
  measure.evidence.push_back(evidence);
  return measure;
}

Result<Measure> ConfirmFeasibility(Measure measure, const Feasibility& feasibility) {
  const std::string record = Record(measure);
  if (auto ok = internal::RequireText(record, "feasibility.by", feasibility.by); !ok) return ok.error();
  if (auto ok = CheckAt(record, "feasibility.at", feasibility.at); !ok) return ok.error();
  measure.feasibility = feasibility;
  return measure;
}

Result<Measure> RecordConsent(Measure measure, const Consent& consent) {
  const std::string record = Record(measure);
  if (std::find(measure.binds.begin(), measure.binds.end(), consent.person_id) == measure.binds.end())
    return internal::FieldError(record, "consents.person_id",
                                "person " + consent.person_id + " is not bound by this measure (binds: " +
                                    internal::Join(measure.binds, "nobody") + ")");
  if (consent.answer == ConsentAnswer::kRefused)
    if (auto ok = internal::RequireText(record, "consents.note", consent.note); !ok) return ok.error();
  if (auto ok = CheckAt(record, "consents.at", consent.at); !ok) return ok.error();
  measure.consents.push_back(consent);
  return measure;
}

std::optional<ConsentAnswer> ConsentOf(const Measure& measure, std::string_view person_id) {
  std::optional<ConsentAnswer> answer;
  for (const Consent& c : measure.consents)
    if (c.person_id == person_id) answer = c.answer;
  return answer;
}

Result<Measure> ValidateNew(Measure measure, const MeasureCatalogue& catalogue, const Timestamp& planned_at) {
  const std::string record = Record(measure);
  using internal::FieldError;
  for (auto [field, value] : {std::pair{"case_id", &measure.case_id}, std::pair{"subject.id", &measure.subject.id},
                              std::pair{"description", &measure.description}, std::pair{"owner", &measure.owner}}) {
    if (auto ok = internal::RequireText(record, field, *value); !ok) return ok.error();
  }
  if (!catalogue.Find(measure.catalogue_id))
    return FieldError(record, "catalogue_id",
                      "\"" + measure.catalogue_id + "\" is not in the measure catalogue " + catalogue.file);
  std::set<std::string_view> bound;
  for (const std::string& person : measure.binds) {
    if (!internal::HasText(person)) return FieldError(record, "binds", "an empty person id");
    if (!bound.insert(person).second) return FieldError(record, "binds", "person " + person + " is listed twice");
  }
  // Replay the recorded history, evidence, consents and feasibility through the same rules.
  std::vector<StatusChange> history = std::move(measure.history);
  std::vector<Evidence> evidence = std::move(measure.evidence);
  std::vector<Consent> consents = std::move(measure.consents);
  std::optional<Feasibility> feasibility = std::move(measure.feasibility);
  measure.history.clear();
  measure.evidence.clear();
  measure.consents.clear();
  measure.feasibility.reset();
  if (history.empty()) history.push_back({MeasureStatus::kPlanned, measure.owner, planned_at, ""});
  if (history.front().status != MeasureStatus::kPlanned)
    return FieldError(record, "history[0].status",
                      "a measure starts planned, not " + std::string(Name(history.front().status)));
  if (auto ok = internal::RequireText(record, "history[0].by", history.front().by); !ok) return ok.error();
  if (auto ok = CheckAt(record, "history[0].at", history.front().at); !ok) return ok.error();
  measure.history.push_back(history.front());
  for (const Evidence& e : evidence) {
    auto next = AddEvidence(std::move(measure), e);
    if (!next) return next.error();
    measure = std::move(*next);
  }
  for (size_t i = 1; i < history.size(); ++i) {
    auto next = ChangeStatus(std::move(measure), history[i]);
    if (!next)
      return MakeError(ErrorCode::kInvalidArgument, next.error().message + " (history[" + std::to_string(i) + "])");
    measure = std::move(*next);
  }
  for (const Consent& c : consents) {
    auto next = RecordConsent(std::move(measure), c);
    if (!next) return next.error();
    measure = std::move(*next);
  }
  if (feasibility) {
    auto next = ConfirmFeasibility(std::move(measure), *feasibility);
    if (!next) return next.error();
    measure = std::move(*next);
  }
  return measure;
}

}  // namespace highfence::workflow
