// SPDX-License-Identifier: Apache-2.0
#pragma once
// FollowUp: step ④ of the 手順書 procedure (フォローアップ). Four events open one: a member joins
// the team (① is re-run for that person), a list snapshot changes and a case gets a NEW list
// hit, a measure passes its due date, a change is reported to the funder. Pure functions turn
// an event into FollowUp records; the store saves them and the case moves on its own table.
//
//   for (FollowUp& f : OnListSnapshotChanged(case_id, previous_hits, current_hits, now)) Save(f);
//   for (FollowUp& f : OnMeasuresOverdue(case_id, measures, open_followups, today, now)) Save(f);
//   auto closed = CloseFollowUp(snapshot, f, "u_officer", now, "研究者の開示を受領し再スクリーニング済み", today);
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/workflow/date.h"
#include "domain/workflow/measure.h"
#include "domain/workflow/subject.h"

namespace highfence::workflow {

struct CaseSnapshot;  // case_snapshot.h

enum class FollowUpKind { kMemberAdded, kListSnapshotChanged, kMeasureOverdue, kChangeReportedToFunder };
enum class FollowUpStatus { kOpen, kDone };

struct FollowUp {
  std::string id;  // assigned by the store ("fu_…")
  FollowUpKind kind = FollowUpKind::kMemberAdded;
  std::string case_id;
  Subject subject;
  std::string ref;  // what it is about: the flag id of a list hit, the measure id, the change reference
  Timestamp opened_at;
  FollowUpStatus status = FollowUpStatus::kOpen;
  std::string note;  // why it was opened
  std::string closed_by;
  std::string closing_note;  // how it was resolved
  Timestamp closed_at;
  bool operator==(const FollowUp&) const = default;
};

// A list hit on a case's subject, as the entity check produced it against one list snapshot.
struct ListHit {
  std::string list_id;   // "jp_meti_eul"
  std::string entry_id;  // the entry's id within the list ("1234")
  Subject subject;       // whom it matched
  std::string snapshot;  // the list snapshot version that produced it
  std::string matched_name;
  bool operator==(const ListHit&) const = default;
};

// "lists:<list_id>:<entry_id>": the flag id a hit becomes on the case (with its subject).
std::string FlagId(const ListHit& hit);
// Hits of `current` whose key — list id + entry id + subject — is in no hit of `previous`, in
// `current` order, each key once. The snapshot version and matched name are not part of the
// key: a re-run on a newer snapshot that finds the same entry again is not new.
std::vector<ListHit> NewHits(std::span<const ListHit> previous, std::span<const ListHit> current);

FollowUp OnMemberAdded(std::string case_id, std::string person_id, Timestamp at);
// One follow-up per NEW hit (NewHits(previous, current)) of a re-run on a changed snapshot;
// the note names the list, entry, snapshot and matched name. None when nothing is new.
std::vector<FollowUp> OnListSnapshotChanged(const std::string& case_id, std::span<const ListHit> previous,
                                            std::span<const ListHit> current, const Timestamp& at);
// One follow-up per overdue measure that has no open measure_overdue follow-up already.
std::vector<FollowUp> OnMeasuresOverdue(const std::string& case_id, std::span<const Measure> measures,
                                        std::span<const FollowUp> existing, Date today, const Timestamp& at);
// kInvalidArgument when the description or reference is empty.
Result<FollowUp> OnChangeReportedToFunder(std::string case_id, Subject subject, std::string reference,
                                          std::string description, Timestamp at);

// Closes an open follow-up once what it asked for is true on `snapshot`:
//   member_added          the person has a current disclosure or a recorded reason, and was list-screened;
//   list_snapshot_changed an evaluation of the subject answers the flag (ref = FlagId(hit));
//   measure_overdue       the measure is done, cancelled or no longer overdue on `today`;
//   change_reported_to_funder  nothing beyond the note.
// kFailedPrecondition naming what is missing; kInvalidArgument for an empty note or by, a bad
// timestamp; kFailedPrecondition when already done.
Result<FollowUp> CloseFollowUp(const CaseSnapshot& snapshot, FollowUp followup, std::string by, Timestamp at,
                               std::string note, Date today);

std::string_view Name(FollowUpKind kind);      // "member_added", "list_snapshot_changed", …
std::string_view Name(FollowUpStatus status);  // "open", "done"
Result<FollowUpKind> ParseFollowUpKind(std::string_view text);
Result<FollowUpStatus> ParseFollowUpStatus(std::string_view text);

}  // namespace highfence::workflow
