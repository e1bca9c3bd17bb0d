// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/followup.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/workflow/case_snapshot.h"
#include "domain/workflow/internal/enum_names.h"
#include "domain/workflow/internal/text.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<FollowUpKind>, 4> kKinds{{
    {FollowUpKind::kMemberAdded, "member_added"},
    {FollowUpKind::kListSnapshotChanged, "list_snapshot_changed"},
    {FollowUpKind::kMeasureOverdue, "measure_overdue"},
    {FollowUpKind::kChangeReportedToFunder, "change_reported_to_funder"},
}};
constexpr std::array<internal::EnumName<FollowUpStatus>, 2> kStatuses{{
    {FollowUpStatus::kOpen, "open"},
    {FollowUpStatus::kDone, "done"},
}};

using HitIdentity = std::tuple<std::string_view, std::string_view, SubjectKind, std::string_view>;

HitIdentity Identity(const ListHit& hit) {
  return {hit.list_id, hit.entry_id, hit.subject.kind, hit.subject.id};
}

FollowUp Open(FollowUpKind kind, std::string case_id, Subject subject, std::string ref, Timestamp at,
              std::string note) {
  FollowUp f;
  f.kind = kind;
  f.case_id = std::move(case_id);
  f.subject = std::move(subject);
  f.ref = std::move(ref);
  f.opened_at = std::move(at);
  f.note = std::move(note);
  return f;
}

// What must be true before `f` may close; empty when nothing is missing.
std::string Missing(const CaseSnapshot& s, const FollowUp& f, Date today) {
  switch (f.kind) {
    case FollowUpKind::kMemberAdded: {
      auto member =
          std::find_if(s.team.begin(), s.team.end(), [&](const TeamMember& m) { return m.person_id == f.subject.id; });
      if (member == s.team.end()) return "person " + f.subject.id + " is not on the team";
      std::string missing;
      if (!member->has_current_disclosure && !internal::HasText(member->no_disclosure_reason))
        missing = "person " + f.subject.id + " has no current disclosure and no recorded reason";
      if (!member->list_screened)
        missing +=
            (missing.empty() ? "" : "; ") + ("person " + f.subject.id + " has not been checked against the lists");
      return missing;
    }
    case FollowUpKind::kListSnapshotChanged: {
      bool answered = std::any_of(s.evaluations.begin(), s.evaluations.end(), [&](const Evaluation& e) {
        return e.subject == f.subject && std::find(e.flag_ids.begin(), e.flag_ids.end(), f.ref) != e.flag_ids.end();
      });
      return answered ? "" : "flag " + f.ref + " on " + Describe(f.subject) + " has no evaluation";
    }
    case FollowUpKind::kMeasureOverdue: {
      auto m = std::find_if(s.measures.begin(), s.measures.end(), [&](const Measure& x) { return x.id == f.ref; });
      if (m == s.measures.end()) return "measure " + f.ref + " is not on the case";
      return IsOverdue(*m, today) ? "measure " + f.ref + " is still overdue (due " + FormatDate(*m->due_date) + ", " +
                                        std::string(Name(CurrentStatus(*m))) + ")"
                                  : "";
    }
    case FollowUpKind::kChangeReportedToFunder:
      return "";
  }
  return "";
}

}  // namespace

std::string_view Name(FollowUpKind kind) {
  return internal::NameIn(kKinds, kind);
}
std::string_view Name(FollowUpStatus status) {
  return internal::NameIn(kStatuses, status);
}
Result<FollowUpKind> ParseFollowUpKind(std::string_view text) {
  return internal::ParseIn(kKinds, text, "kind");
}
Result<FollowUpStatus> ParseFollowUpStatus(std::string_view text) {
  return internal::ParseIn(kStatuses, text, "status");
}

std::string FlagId(const ListHit& hit) {
  return "lists:" + hit.list_id + ":" + hit.entry_id;
}

std::vector<ListHit> NewHits(std::span<const ListHit> previous, std::span<const ListHit> current) {
  std::set<HitIdentity> seen;
  for (const ListHit& hit : previous) seen.insert(Identity(hit));
  std::vector<ListHit> out;
  for (const ListHit& hit : current)
    if (seen.insert(Identity(hit)).second) out.push_back(hit);
  return out;
}

FollowUp OnMemberAdded(std::string case_id, std::string person_id, Timestamp at) {
  std::string note = "person " + person_id + " joined the team: ① risk identification is re-run for them";
  std::string ref = person_id;
  return Open(FollowUpKind::kMemberAdded, std::move(case_id), {SubjectKind::kPerson, std::move(person_id)},
              std::move(ref), std::move(at), std::move(note));
}

std::vector<FollowUp> OnListSnapshotChanged(const std::string& case_id, std::span<const ListHit> previous,
                                            std::span<const ListHit> current, const Timestamp& at) {
  std::vector<FollowUp> out;
  for (const ListHit& hit : NewHits(previous, current))
    out.push_back(Open(FollowUpKind::kListSnapshotChanged, case_id, hit.subject, FlagId(hit), at,
                       "new hit on list " + hit.list_id + " entry " + hit.entry_id + " (snapshot " + hit.snapshot +
                           ", matched \"" + hit.matched_name + "\")"));
  return out;
}

std::vector<FollowUp> OnMeasuresOverdue(const std::string& case_id, std::span<const Measure> measures,
                                        std::span<const FollowUp> existing, Date today, const Timestamp& at) {
  std::vector<FollowUp> out;
  for (const Measure& m : measures) {
    if (!IsOverdue(m, today)) continue;
    bool open = std::any_of(existing.begin(), existing.end(), [&](const FollowUp& f) {
      return f.kind == FollowUpKind::kMeasureOverdue && f.ref == m.id && f.status == FollowUpStatus::kOpen;
    });
    if (open) continue;
    out.push_back(Open(FollowUpKind::kMeasureOverdue, case_id, m.subject, m.id, at,
                       "measure " + m.id + " (" + m.catalogue_id + ") was due " + FormatDate(*m.due_date) + " and is " +
                           std::string(Name(CurrentStatus(m)))));
  }
  return out;
}

Result<FollowUp> OnChangeReportedToFunder(std::string case_id, Subject subject, std::string reference,
                                          std::string description, Timestamp at) {
  const std::string record = "follow-up (change reported to the funder)";
  if (auto ok = internal::RequireText(record, "ref", reference); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "note", description); !ok) return ok.error();
  if (auto day = TimestampDate(at, record + ": field \"opened_at\""); !day) return day.error();
  return Open(FollowUpKind::kChangeReportedToFunder, std::move(case_id), std::move(subject), std::move(reference),
              std::move(at), std::move(description));
}

Result<FollowUp> CloseFollowUp(const CaseSnapshot& snapshot, FollowUp followup, std::string by, Timestamp at,
                               std::string note, Date today) {
  const std::string record = "follow-up " + (followup.id.empty() ? "(new)" : followup.id);
  if (followup.status != FollowUpStatus::kOpen)
    return MakeError(ErrorCode::kFailedPrecondition, record + ": already done on " + followup.closed_at);
  if (auto ok = internal::RequireText(record, "closed_by", by); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "note", note); !ok) return ok.error();
  if (auto day = TimestampDate(at, record + ": field \"closed_at\""); !day) return day.error();
  if (std::string missing = Missing(snapshot, followup, today); !missing.empty())
    return MakeError(ErrorCode::kFailedPrecondition,
                     record + " (" + std::string(Name(followup.kind)) + ") cannot close: " + missing);
  followup.status = FollowUpStatus::kDone;
  followup.closed_by = std::move(by);
  followup.closed_at = std::move(at);
  followup.closing_note = std::move(note);
  return followup;
}

}  // namespace highfence::workflow
