// SPDX-License-Identifier: Apache-2.0
#pragma once
// ReadinessAnswers: the programme officer's answers about a proposal's technology readiness
// (技術成熟度の確認), read from a small TOML file beside the proposal (docs/formats/answers.md).
// Text cues may suggest answers; only these answers decide the realisation question.
//
//   auto a = ParseReadinessAnswers(bytes, "proposals/a.answers.toml");
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/rules/risk_level.h"

namespace highfence::rules {

enum class DevelopmentScope {
  kSystem,   // システムレベルの開発
  kElement,  // 要素技術の研究
};

struct ReadinessAnswers {
  std::string file;                       // where they were read
  std::optional<int> trl_start;           // TRL 1–9 at the start of the research period
  std::optional<int> trl_end;             // TRL 1–9 expected at the end
  std::optional<DevelopmentScope> scope;  // system-level development or element technology
  // Is there an implementation scenario (社会実装のシナリオ) within the period?
  std::optional<bool> implementation_within_period;
  std::string scenario;  // the scenario in the officer's words
  // The officer's own call on question 1, overriding the keyword screening, with a reason.
  std::optional<KeywordHit> keyword_hit;
  std::string keyword_hit_reason;
  std::string officer;      // who answered
  std::string answered_on;  // ISO date
};

// Fails with kInvalidArgument naming the file, line and key: unknown keys, wrong types,
// TRL outside 1–9, trl_end < trl_start, a keyword_hit without keyword_hit_reason.
Result<ReadinessAnswers> ParseReadinessAnswers(std::string_view bytes, std::string_view name);

}  // namespace highfence::rules
