// SPDX-License-Identifier: Apache-2.0
#pragma once
// Review, Decision, Appeal: the review of a case (審査), the decision it ends in (判定) and the
// appeal against a decline (異議申立て). Stages are configured per track in a catalogue file
// (data/workflow/review_stages.tsv: an institution's compliance review → academic committee →
// senior risk group, after MIT's elevated-risk review; a funding agency's programme officer →
// RS committee). Each stage of a case has assigned reviewers who each record one opinion. A
// decision is proceed / proceed with conditions / correction required (是正, back to ① or ③) /
// decline; a decline needs a reason and opens an appeal window (DecisionOptions::appeal_days).
//
//   auto plan = LoadReviewPlan("data/workflow/review_stages.tsv");
//   auto r = OpenReview(case_id, 1, *plan->Find("institution", "compliance"), {"u_kato"});
//   auto voted = RecordOpinion(*r, {"u_kato", Vote::kConditions, "データ管理計画の提出を条件とする", at});
//   auto decision = MakeDecision(draft, {});   // fills the appeal deadline of a decline
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/source_ref.h"
#include "domain/access/role.h"
#include "domain/workflow/date.h"

namespace highfence::workflow {

struct ReviewStage {
  std::string track;  // "institution", "funding_agency" or an institution's own
  int order = 0;      // 1, 2, … within the track
  std::string id;     // "compliance"
  std::string ja;
  std::string en;
  std::vector<access::Role> roles;  // who may be assigned and vote
  int min_reviewers = 1;
  SourceRef source;
  int line = 0;
};

struct ReviewPlan {
  std::string file;
  std::vector<ReviewStage> stages;  // by track, then order
  std::vector<const ReviewStage*> Track(std::string_view track) const;
  const ReviewStage* Find(std::string_view track, std::string_view stage_id) const;
};

// kInvalidArgument "<name>:<line>: column \"<col>\": …" for a bad header or row, an unknown
// role, a duplicate (track, id) or (track, order), orders that are not 1..n, min_reviewers < 1.
Result<ReviewPlan> ParseReviewPlan(std::string_view bytes, std::string_view name);
Result<ReviewPlan> LoadReviewPlan(const std::filesystem::path& path);

enum class Vote { kApprove, kConditions, kCorrection, kDecline, kAbstain };

struct Opinion {
  std::string reviewer;
  Vote vote = Vote::kAbstain;
  std::string text;  // required for conditions, correction and decline
  Timestamp at;
  bool operator==(const Opinion&) const = default;
};

struct Review {
  std::string id;  // assigned by the store ("rv_…")
  std::string case_id;
  std::string stage_id;
  int order = 0;                       // the stage's order in its track
  int round = 1;                       // CaseSnapshot::round it belongs to
  std::vector<std::string> reviewers;  // assigned user ids
  std::vector<Opinion> opinions;
  bool operator==(const Review&) const = default;
};

// A review of `stage` with `reviewers` assigned. kInvalidArgument when fewer than the
// stage's min_reviewers, or a reviewer is empty or repeated.
Result<Review> OpenReview(std::string case_id, int round, const ReviewStage& stage, std::vector<std::string> reviewers);
// kPermissionDenied when the reviewer is not assigned; kAlreadyExists when they already voted;
// kInvalidArgument for a missing text (conditions, correction, decline) or a bad timestamp.
Result<Review> RecordOpinion(Review review, const Opinion& opinion);
// Every assigned reviewer has recorded an opinion.
bool StageComplete(const Review& review);
// Assigned reviewers with no opinion yet.
std::vector<std::string> PendingReviewers(const Review& review);

enum class Outcome { kProceed, kProceedWithConditions, kCorrectionRequired, kDecline };
enum class CorrectionTarget { kNone, kIdentification, kMitigation };

struct Decision {
  std::string id;  // assigned by the store ("dc_…")
  std::string case_id;
  int round = 1;  // CaseSnapshot::round it decides
  Outcome outcome = Outcome::kProceed;
  std::vector<std::string> reasons;                              // required for correction_required and decline
  std::vector<std::string> conditions;                           // required for proceed_with_conditions
  CorrectionTarget correction_target = CorrectionTarget::kNone;  // required for correction_required
  std::string decided_by;
  Timestamp at;
  std::optional<Date> appeal_deadline;  // set by MakeDecision for a decline
  bool operator==(const Decision&) const = default;
};

struct DecisionOptions {
  // Days after the decision's date within which a decline may be appealed (the deadline day
  // included). Default: 30 — a highfence default, not an official figure (docs/workflow.md).
  int appeal_days = 30;
};

// Validates a draft and fills appeal_deadline for a decline. kInvalidArgument naming the field:
// a decline or correction without a reason, a correction without its target (or a target on
// another outcome), conditions missing or out of place, an empty decided_by, a bad timestamp.
Result<Decision> MakeDecision(Decision draft, const DecisionOptions& options);

enum class AppealStatus { kPending, kGranted, kDismissed };

struct Appeal {
  std::string id;  // assigned by the store ("ap_…")
  std::string case_id;
  std::string decision_id;
  std::string filed_by;
  std::string grounds;
  Timestamp filed_at;
  AppealStatus status = AppealStatus::kPending;
  std::string outcome_reason;  // required once granted or dismissed
  std::string decided_by;
  Timestamp decided_at;
  bool operator==(const Appeal&) const = default;
};

// kFailedPrecondition when the decision is not a decline or `today` is past its deadline
// ("the appeal window closed on 2027-01-14"); kInvalidArgument for empty grounds / filed_by.
Result<Appeal> FileAppeal(const Decision& decision, Appeal appeal, Date today);
// Grants or dismisses a pending appeal. kFailedPrecondition when it is not pending;
// kInvalidArgument for kPending, an empty reason or decided_by, or a bad timestamp.
Result<Appeal> DecideAppeal(Appeal appeal, AppealStatus status, std::string reason, std::string decided_by,
                            Timestamp at);

std::string_view Name(Vote vote);                // "approve", "conditions", "correction", "decline", "abstain"
std::string_view Name(Outcome outcome);          // "proceed", "proceed_with_conditions", …
std::string_view Name(CorrectionTarget target);  // "none", "identification", "mitigation"
std::string_view Name(AppealStatus status);      // "pending", "granted", "dismissed"
Result<Vote> ParseVote(std::string_view text);
Result<Outcome> ParseOutcome(std::string_view text);
Result<CorrectionTarget> ParseCorrectionTarget(std::string_view text);
Result<AppealStatus> ParseAppealStatus(std::string_view text);

}  // namespace highfence::workflow
