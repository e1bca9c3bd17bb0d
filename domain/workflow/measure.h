// SPDX-License-Identifier: Apache-2.0
#pragma once
// Measure: step ③ of the 手順書 procedure (リスク軽減措置), one mitigation measure on a case, of a
// catalogue kind (measure_catalogue.h), with its subject, owner, due date, evidence, status
// history, the feasibility confirmation (実施可能性の確認) and the consent (同意) of each person it
// binds. Status: planned → in_progress → done, or → cancelled from either; "overdue" is derived
// from the due date and today, never stored. Changes are pure functions returning the new value.
//
//   auto m = ValidateNew(draft, catalogue);                            // Result<Measure>
//   m = ChangeStatus(*m, {MeasureStatus::kInProgress, "u_officer", "2026-12-02T10:00:00+09:00"});
//   m = RecordConsent(*m, {"p_42", ConsentAnswer::kConsented, "2026-12-03T09:00:00+09:00"});
//   bool late = IsOverdue(*m, today);
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/workflow/date.h"
#include "domain/workflow/measure_catalogue.h"
#include "domain/workflow/subject.h"

namespace highfence::workflow {

enum class MeasureStatus { kPlanned, kInProgress, kDone, kCancelled };
enum class ConsentAnswer { kConsented, kRefused };

struct Evidence {         // 証跡: a file kept by the store, named by its hash
  std::string file_name;  // "立入管理記録_2026-12.pdf"
  std::string sha256;     // 64 lower-case hex digits
  std::string uploaded_by;
  Timestamp at;
  bool operator==(const Evidence&) const = default;
};

struct StatusChange {
  MeasureStatus status = MeasureStatus::kPlanned;
  std::string by;
  Timestamp at;
  std::string note;  // required for kCancelled
  bool operator==(const StatusChange&) const = default;
};

struct Feasibility {  // the owner or the unit that must carry it out confirms it can be done
  std::string by;
  Timestamp at;
  std::string note;
  bool operator==(const Feasibility&) const = default;
};

struct Consent {
  std::string person_id;
  ConsentAnswer answer = ConsentAnswer::kConsented;
  Timestamp at;
  std::string note;  // required for kRefused
  bool operator==(const Consent&) const = default;
};

struct Measure {
  std::string id;  // assigned by the store ("ms_…")
  std::string case_id;
  std::string catalogue_id;  // MeasureKind id
  Subject subject;
  std::string description;  // 「未発表データへのアクセスを研究室メンバーに限定する」
  std::string owner;        // user id responsible for carrying it out
  std::optional<Date> due_date;
  std::vector<std::string> binds;  // person ids whose consent it needs
  std::vector<Evidence> evidence;
  std::vector<StatusChange> history;  // first entry is kPlanned
  std::optional<Feasibility> feasibility;
  std::vector<Consent> consents;  // every answer kept; the latest per person counts
  bool operator==(const Measure&) const = default;
};

std::string_view Name(MeasureStatus status);  // "planned", "in_progress", "done", "cancelled"
std::string_view Name(ConsentAnswer answer);  // "consented", "refused"
Result<MeasureStatus> ParseMeasureStatus(std::string_view text);
Result<ConsentAnswer> ParseConsentAnswer(std::string_view text);

// Checks a measure as proposed (or as loaded): kInvalidArgument naming the field for an empty
// case_id, subject id, description or owner, an unknown catalogue_id, a repeated or empty
// person in binds, a history that does not start with kPlanned or takes an illegal step, and
// any evidence / consent / feasibility that the functions below would refuse. A measure with
// an empty history gets its first entry {kPlanned, owner, planned_at}.
Result<Measure> ValidateNew(Measure measure, const MeasureCatalogue& catalogue, const Timestamp& planned_at);

// The last status in the history (kPlanned when there is none).
MeasureStatus CurrentStatus(const Measure& measure);
// due_date < today and the measure is neither done nor cancelled.
bool IsOverdue(const Measure& measure, Date today);

// Appends a legal status change. kFailedPrecondition naming the measure, both statuses and the
// legal next ones ("ms_1: planned → done is not allowed (next: in_progress, cancelled)"), or
// when done has no evidence yet; kInvalidArgument for an empty by, a bad at, or a cancellation
// without a note.
Result<Measure> ChangeStatus(Measure measure, const StatusChange& change);
// kInvalidArgument for an empty file name or uploader, a sha256 that is not 64 hex digits or a
// bad timestamp; kFailedPrecondition when the measure is done or cancelled.
Result<Measure> AddEvidence(Measure measure, const Evidence& evidence);
// kInvalidArgument for an empty by or a bad timestamp.
Result<Measure> ConfirmFeasibility(Measure measure, const Feasibility& feasibility);
// kInvalidArgument when the person is not in binds, a refusal has no note, or at is bad.
Result<Measure> RecordConsent(Measure measure, const Consent& consent);
// The latest answer of `person_id`, or nullopt when they have not answered.
std::optional<ConsentAnswer> ConsentOf(const Measure& measure, std::string_view person_id);

}  // namespace highfence::workflow
