// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/evaluation.h"

#include <set>

#include "domain/workflow/internal/enum_names.h"
#include "domain/workflow/internal/text.h"

namespace highfence::workflow {
namespace {

constexpr std::array<internal::EnumName<RiskAnswer>, 3> kRiskAnswers{{
    {RiskAnswer::kYes, "yes"},
    {RiskAnswer::kNo, "no"},
    {RiskAnswer::kUnsure, "unsure"},
}};

constexpr std::array<internal::EnumName<DueDiligenceState>, 3> kDueDiligenceStates{{
    {DueDiligenceState::kDone, "done"},
    {DueDiligenceState::kNotDone, "not_done"},
    {DueDiligenceState::kPartial, "partial"},
}};

}  // namespace

std::string_view Name(RiskAnswer risk) {
  return internal::NameIn(kRiskAnswers, risk);
}
std::string_view Name(DueDiligenceState state) {
  return internal::NameIn(kDueDiligenceStates, state);
}
Result<RiskAnswer> ParseRiskAnswer(std::string_view text) {
  return internal::ParseIn(kRiskAnswers, text, "risk");
}
Result<DueDiligenceState> ParseDueDiligenceState(std::string_view text) {
  return internal::ParseIn(kDueDiligenceStates, text, "due_diligence.state");
}

Result<void> Validate(const Evaluation& e, const RiskCategoryCatalogue& categories) {
  const std::string record = "evaluation " + (e.id.empty() ? "(new)" : e.id) + " of " + Describe(e.subject);
  using internal::FieldError;
  using internal::RequireText;
  for (auto [field, value] : {std::pair{"case_id", &e.case_id}, std::pair{"subject.id", &e.subject.id},
                              std::pair{"rationale", &e.rationale}, std::pair{"evaluator", &e.evaluator}}) {
    if (auto ok = RequireText(record, field, *value); !ok) return ok;
  }
  if (auto at = TimestampDate(e.at, record + ": field \"at\""); !at) return at.error();
  std::set<std::string_view> seen;
  for (const std::string& id : e.categories) {
    if (!categories.Find(id))
      return FieldError(record, "categories",
                        "\"" + id + "\" is not in the risk-category catalogue " + categories.file);
    if (!seen.insert(id).second) return FieldError(record, "categories", "\"" + id + "\" is listed twice");
  }
  if (e.risk == RiskAnswer::kYes && e.categories.empty())
    return FieldError(record, "categories", "a risk answered \"yes\" names at least one risk category");
  for (const std::string& flag : e.flag_ids)
    if (!internal::HasText(flag)) return FieldError(record, "flag_ids", "an empty flag id");
  const DueDiligence& dd = e.due_diligence;
  switch (dd.state) {
    case DueDiligenceState::kPartial:
      if (dd.unobtainable.empty())
        return FieldError(record, "due_diligence.unobtainable",
                          "a partial due diligence lists what could not be obtained and why");
      for (size_t i = 0; i < dd.unobtainable.size(); ++i) {
        const std::string prefix = "due_diligence.unobtainable[" + std::to_string(i) + "].";
        if (auto ok = RequireText(record, prefix + "what", dd.unobtainable[i].what); !ok) return ok;
        if (auto ok = RequireText(record, prefix + "why", dd.unobtainable[i].why); !ok) return ok;
      }
      break;
    case DueDiligenceState::kNotDone:
      if (auto ok = RequireText(record, "due_diligence.note", dd.note); !ok) return ok;
      [[fallthrough]];
    case DueDiligenceState::kDone:
      if (!dd.unobtainable.empty())
        return FieldError(record, "due_diligence.unobtainable",
                          "gaps are recorded only with state \"partial\", not \"" + std::string(Name(dd.state)) + "\"");
      break;
  }
  return Ok();
}

const Evaluation* LatestEvaluation(std::span<const Evaluation> evaluations, const Subject& subject) {
  const Evaluation* latest = nullptr;
  for (const Evaluation& e : evaluations)
    if (e.subject == subject) latest = &e;
  return latest;
}

}  // namespace highfence::workflow
