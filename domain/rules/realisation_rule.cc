// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/realisation_rule.h"

namespace highfence::rules {

RealisationOutcome EvaluateRealisation(const std::optional<ReadinessAnswers>& answers,
                                       const RealisationOptions& options) {
  RealisationOutcome out;
  if (!answers) {
    out.missing = {"scope", "implementation_within_period", "trl_start", "trl_end"};
    out.reasons.push_back("realisation.unanswered: no readiness answers for this proposal");
    return out;
  }
  const ReadinessAnswers& a = *answers;
  const std::string trl_text =
      a.trl_end
          ? "TRL " + (a.trl_start ? std::to_string(*a.trl_start) + " → " : std::string()) + std::to_string(*a.trl_end)
          : std::string("TRL not given");
  if (!a.scope) {
    out.missing.push_back("scope");
    if (!a.implementation_within_period) out.missing.push_back("implementation_within_period");
    if (!a.trl_end) out.missing.push_back("trl_end");
    out.reasons.push_back(
        "realisation.unanswered: the answers do not say whether this is system-level development or "
        "element technology");
    return out;
  }
  if (*a.scope == DevelopmentScope::kElement) {
    out.realisation = Realisation::kNo;
    out.reasons.push_back("realisation.element_only: element technology research (" + trl_text +
                          "); an element alone does not reach social implementation within the period");
    if (a.implementation_within_period.value_or(false))
      out.warnings.push_back("implementation_within_period = true contradicts scope = \"element\"; scope decided");
  } else if (a.implementation_within_period) {
    out.realisation = *a.implementation_within_period ? Realisation::kYes : Realisation::kNo;
    out.reasons.push_back(std::string("realisation.scenario: system-level development; the officer ") +
                          (*a.implementation_within_period ? "expects" : "does not expect") +
                          " social implementation within the period (" + trl_text + ")" +
                          (a.scenario.empty() ? "" : ": " + a.scenario));
    if (*a.implementation_within_period && a.trl_end && *a.trl_end < options.implementation_trl - 2)
      out.warnings.push_back("an implementation scenario within the period with trl_end = " +
                             std::to_string(*a.trl_end) + " is unusual; check the answers");
  } else if (a.trl_end) {
    bool yes = *a.trl_end >= options.implementation_trl;
    out.realisation = yes ? Realisation::kYes : Realisation::kNo;
    out.reasons.push_back("realisation.trl: system-level development reaching " + trl_text + (yes ? " ≥ " : " < ") +
                          "TRL " + std::to_string(options.implementation_trl));
  } else {
    out.missing = {"implementation_within_period", "trl_end"};
    out.reasons.push_back(
        "realisation.unanswered: system-level development, but neither an implementation scenario nor "
        "the TRL at the end is given");
  }
  if (!a.trl_start && !out.realisation) out.missing.push_back("trl_start");
  return out;
}

}  // namespace highfence::rules
