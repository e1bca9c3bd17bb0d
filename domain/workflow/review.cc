// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/review.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "domain/workflow/internal/catalogue_file.h"
#include "domain/workflow/internal/enum_names.h"
#include "domain/workflow/internal/text.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<Vote>, 5> kVotes{{
    {Vote::kApprove, "approve"},
    {Vote::kConditions, "conditions"},
    {Vote::kCorrection, "correction"},
    {Vote::kDecline, "decline"},
    {Vote::kAbstain, "abstain"},
}};
constexpr std::array<internal::EnumName<Outcome>, 4> kOutcomes{{
    {Outcome::kProceed, "proceed"},
    {Outcome::kProceedWithConditions, "proceed_with_conditions"},
    {Outcome::kCorrectionRequired, "correction_required"},
    {Outcome::kDecline, "decline"},
}};
constexpr std::array<internal::EnumName<CorrectionTarget>, 3> kTargets{{
    {CorrectionTarget::kNone, "none"},
    {CorrectionTarget::kIdentification, "identification"},
    {CorrectionTarget::kMitigation, "mitigation"},
}};
constexpr std::array<internal::EnumName<AppealStatus>, 3> kAppealStatuses{{
    {AppealStatus::kPending, "pending"},
    {AppealStatus::kGranted, "granted"},
    {AppealStatus::kDismissed, "dismissed"},
}};

constexpr std::array<std::string_view, 9> kColumns{"track",         "order",           "id",    "ja", "en", "roles",
                                                   "min_reviewers", "source_document", "source"};

Result<int> PositiveInt(const internal::CatalogueFile& file, const internal::CatalogueRow& row,
                        std::string_view column) {
  const std::string& text = file.Field(row, column);
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1)
    return file.Fail(row.line, column, "\"" + text + "\" is not a whole number ≥ 1");
  return n;
}

std::string Record(const std::string& kind, const std::string& id) {
  return kind + " " + (id.empty() ? "(new)" : id);
}

}  // namespace

std::string_view Name(Vote vote) {
  return internal::NameIn(kVotes, vote);
}
std::string_view Name(Outcome outcome) {
  return internal::NameIn(kOutcomes, outcome);
}
std::string_view Name(CorrectionTarget target) {
  return internal::NameIn(kTargets, target);
}
std::string_view Name(AppealStatus status) {
  return internal::NameIn(kAppealStatuses, status);
}
Result<Vote> ParseVote(std::string_view text) {
  return internal::ParseIn(kVotes, text, "vote");
}
Result<Outcome> ParseOutcome(std::string_view text) {
  return internal::ParseIn(kOutcomes, text, "outcome");
}
Result<CorrectionTarget> ParseCorrectionTarget(std::string_view text) {
  return internal::ParseIn(kTargets, text, "correction_target");
}
Result<AppealStatus> ParseAppealStatus(std::string_view text) {
  return internal::ParseIn(kAppealStatuses, text, "status");
}

std::vector<const ReviewStage*> ReviewPlan::Track(std::string_view track) const {
  std::vector<const ReviewStage*> out;
  for (const ReviewStage& stage : stages)
    if (stage.track == track) out.push_back(&stage);
  return out;
}

const ReviewStage* ReviewPlan::Find(std::string_view track, std::string_view stage_id) const {
  for (const ReviewStage& stage : stages)
    if (stage.track == track && stage.id == stage_id) return &stage;
  return nullptr;
}

Result<ReviewPlan> ParseReviewPlan(std::string_view bytes, std::string_view name) {
  auto file = internal::CatalogueFile::Read(bytes, name, kColumns);
  if (!file) return file.error();
  ReviewPlan plan;
  plan.file = std::string(name);
  std::set<std::pair<std::string, std::string>> ids;
  std::map<std::string, std::vector<std::pair<int, int>>> orders;  // track → (order, line)
  for (const internal::CatalogueRow& row : file->rows()) {
    ReviewStage stage;
    stage.line = row.line;
    if (auto ok = file->RequireAll(row, {{"track", &stage.track},
                                         {"id", &stage.id},
                                         {"ja", &stage.ja},
                                         {"en", &stage.en},
                                         {"source_document", &stage.source.document},
                                         {"source", &stage.source.address}});
        !ok)
      return ok.error();
    if (!internal::IsCatalogueId(stage.track))
      return file->Fail(row.line, "track", "\"" + stage.track + "\" is not a lower-case [a-z0-9_] id");
    if (!internal::IsCatalogueId(stage.id))
      return file->Fail(row.line, "id", "\"" + stage.id + "\" is not a lower-case [a-z0-9_] id");
    if (!ids.insert({stage.track, stage.id}).second)
      return file->Fail(row.line, "id", "stage \"" + stage.id + "\" appears twice in track \"" + stage.track + "\"");
    auto order = PositiveInt(*file, row, "order");
    if (!order) return order.error();
    stage.order = *order;
    auto min = PositiveInt(*file, row, "min_reviewers");
    if (!min) return min.error();
    stage.min_reviewers = *min;
    const std::string& roles = file->Field(row, "roles");
    size_t start = 0;
    while (start <= roles.size()) {
      size_t comma = roles.find(',', start);
      std::string_view one =
          std::string_view(roles).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
      while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
      auto role = access::ParseRole(one);
      if (!role) return file->Fail(row.line, "roles", role.error().message);
      stage.roles.push_back(*role);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    orders[stage.track].push_back({stage.order, row.line});
    plan.stages.push_back(std::move(stage));
  }
  for (auto& [track, list] : orders) {
    std::sort(list.begin(), list.end());
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i].first != static_cast<int>(i) + 1)
        return file->Fail(list[i].second, "order",
                          "track \"" + track + "\" must number its stages 1.." + std::to_string(list.size()) +
                              " once each; found " + std::to_string(list[i].first) + " where " + std::to_string(i + 1) +
                              " was expected");
  }
  std::stable_sort(plan.stages.begin(), plan.stages.end(), [](const ReviewStage& a, const ReviewStage& b) {
    return a.track != b.track ? a.track < b.track : a.order < b.order;
  });
  return plan;
}

Result<ReviewPlan> LoadReviewPlan(const std::filesystem::path& path) {
  return internal::LoadFile(path, &ParseReviewPlan);
}

Result<Review> OpenReview(std::string case_id, int round, const ReviewStage& stage,
                          std::vector<std::string> reviewers) {
  Review review;
  review.case_id = std::move(case_id);
  review.round = round;
  review.stage_id = stage.id;
  review.order = stage.order;
  const std::string record = "review of stage " + stage.id;
  if (auto ok = internal::RequireText(record, "case_id", review.case_id); !ok) return ok.error();
  if (round < 1) return internal::FieldError(record, "round", "rounds count from 1");
  std::set<std::string_view> seen;
  for (const std::string& r : reviewers) {
    if (!internal::HasText(r)) return internal::FieldError(record, "reviewers", "an empty reviewer id");
    if (!seen.insert(r).second) return internal::FieldError(record, "reviewers", r + " is assigned twice");
  }
  if (static_cast<int>(reviewers.size()) < stage.min_reviewers)
    return internal::FieldError(record, "reviewers",
                                "stage " + stage.id + " needs at least " + std::to_string(stage.min_reviewers) +
                                    " reviewers, " + std::to_string(reviewers.size()) + " assigned");
  review.reviewers = std::move(reviewers);
  return review;
}

Result<Review> RecordOpinion(Review review, const Opinion& opinion) {
  const std::string record = Record("review", review.id) + " (stage " + review.stage_id + ")";
  if (std::find(review.reviewers.begin(), review.reviewers.end(), opinion.reviewer) == review.reviewers.end())
    return MakeError(ErrorCode::kPermissionDenied,
                     record + ": " + opinion.reviewer +
                         " is not an assigned reviewer (assigned: " + internal::Join(review.reviewers) + ")");
  for (const Opinion& o : review.opinions)
    if (o.reviewer == opinion.reviewer)
      return MakeError(ErrorCode::kAlreadyExists, record + ": " + opinion.reviewer + " already voted " +
                                                      std::string(Name(o.vote)) + " at " + o.at);
  if (opinion.vote == Vote::kConditions || opinion.vote == Vote::kCorrection || opinion.vote == Vote::kDecline)
    if (auto ok = internal::RequireText(record, "text", opinion.text); !ok)
      return MakeError(ErrorCode::kInvalidArgument,
                       ok.error().message + " for a vote of " + std::string(Name(opinion.vote)));
  if (auto at = TimestampDate(opinion.at, record + ": field \"at\""); !at) return at.error();
  review.opinions.push_back(opinion);
  return review;
}

std::vector<std::string> PendingReviewers(const Review& review) {
  std::vector<std::string> pending;
  for (const std::string& r : review.reviewers) {
    bool voted =
        std::any_of(review.opinions.begin(), review.opinions.end(), [&](const Opinion& o) { return o.reviewer == r; });
    if (!voted) pending.push_back(r);
  }
  return pending;
}

bool StageComplete(const Review& review) {
  return !review.reviewers.empty() && PendingReviewers(review).empty();
}

Result<Decision> MakeDecision(Decision d, const DecisionOptions& options) {
  const std::string record = Record("decision", d.id);
  using internal::FieldError;
  if (auto ok = internal::RequireText(record, "case_id", d.case_id); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "decided_by", d.decided_by); !ok) return ok.error();
  auto day = TimestampDate(d.at, record + ": field \"at\"");
  if (!day) return day.error();
  bool has_reason = std::any_of(d.reasons.begin(), d.reasons.end(), internal::HasText);
  bool needs_reason = d.outcome == Outcome::kDecline || d.outcome == Outcome::kCorrectionRequired;
  if (needs_reason && !has_reason)
    return FieldError(record, "reasons", "a decision of " + std::string(Name(d.outcome)) + " needs a reason");
  bool has_condition = std::any_of(d.conditions.begin(), d.conditions.end(), internal::HasText);
  if (d.outcome == Outcome::kProceedWithConditions && !has_condition)
    return FieldError(record, "conditions", "proceed_with_conditions lists at least one condition");
  if (d.outcome != Outcome::kProceedWithConditions && !d.conditions.empty())
    return FieldError(record, "conditions", "conditions belong only to proceed_with_conditions");
  if (d.outcome == Outcome::kCorrectionRequired && d.correction_target == CorrectionTarget::kNone)
    return FieldError(record, "correction_target",
                      "correction_required says where the case goes back to: identification or mitigation");
  if (d.outcome != Outcome::kCorrectionRequired && d.correction_target != CorrectionTarget::kNone)
    return FieldError(record, "correction_target", "only correction_required has a correction target");
  if (d.round < 1) return FieldError(record, "round", "rounds count from 1");
  if (options.appeal_days < 0) return FieldError(record, "appeal_days", "must not be negative");
  d.appeal_deadline.reset();
  if (d.outcome == Outcome::kDecline) d.appeal_deadline = AddDays(*day, options.appeal_days);
  return d;
}

Result<Appeal> FileAppeal(const Decision& decision, Appeal appeal, Date today) {
  const std::string record = Record("appeal", appeal.id) + " against decision " + decision.id;
  if (decision.outcome != Outcome::kDecline || !decision.appeal_deadline)
    return MakeError(ErrorCode::kFailedPrecondition, record + ": only a decline can be appealed; the decision was " +
                                                         std::string(Name(decision.outcome)));
  if (today > *decision.appeal_deadline)
    return MakeError(ErrorCode::kFailedPrecondition, record + ": the appeal window closed on " +
                                                         FormatDate(*decision.appeal_deadline) + " (today is " +
                                                         FormatDate(today) + ")");
  if (auto ok = internal::RequireText(record, "filed_by", appeal.filed_by); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "grounds", appeal.grounds); !ok) return ok.error();
  if (auto at = TimestampDate(appeal.filed_at, record + ": field \"filed_at\""); !at) return at.error();
  appeal.case_id = decision.case_id;
  appeal.decision_id = decision.id;
  appeal.status = AppealStatus::kPending;
  return appeal;
}

Result<Appeal> DecideAppeal(Appeal appeal, AppealStatus status, std::string reason, std::string decided_by,
                            Timestamp at) {
  const std::string record = Record("appeal", appeal.id);
  if (appeal.status != AppealStatus::kPending)
    return MakeError(ErrorCode::kFailedPrecondition,
                     record + ": already " + std::string(Name(appeal.status)) + " on " + appeal.decided_at);
  if (status == AppealStatus::kPending)
    return internal::FieldError(record, "status", "an appeal is decided as granted or dismissed");
  if (auto ok = internal::RequireText(record, "outcome_reason", reason); !ok) return ok.error();
  if (auto ok = internal::RequireText(record, "decided_by", decided_by); !ok) return ok.error();
  if (auto day = TimestampDate(at, record + ": field \"decided_at\""); !day) return day.error();
  appeal.status = status;
  appeal.outcome_reason = std::move(reason);
  appeal.decided_by = std::move(decided_by);
  appeal.decided_at = std::move(at);
  return appeal;
}

}  // namespace highfence::workflow
