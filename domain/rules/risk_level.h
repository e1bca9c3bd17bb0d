// SPDX-License-Identifier: Apache-2.0
#pragma once
// The vocabulary of the JST-TRUST classification (リスク区分): the two questions asked of a
// proposal, the red / yellow / green level they give, and the actions each level requires.
#include <optional>
#include <string_view>

namespace highfence::rules {

// Question 1: does the proposal touch a technology named in the government documents?
enum class KeywordHit {
  kYes,      // ○ 該当
  kPartial,  // △ 一部該当 (element technology only, or only mid-specificity keywords)
  kNo,       // × 非該当
};
// Question 2: will it reach a level fit for social implementation within the research period?
enum class Realisation {
  kYes,  // ○ 研究期間内に社会実装可能なレベルに到達する
  kNo,   // ×
};
enum class RiskLevel { kGreen, kYellow, kRed };  // ordered: kGreen < kYellow < kRed
enum class Requirement { kNone, kAsNeeded, kRequired };

struct Actions {
  Requirement rs_questionnaire = Requirement::kNone;        // RSアンケート
  Requirement publication_management = Requirement::kNone;  // 成果公開の管理
};

std::string_view KeywordHitSymbol(KeywordHit h);                // "○" "△" "×"
std::string_view KeywordHitId(KeywordHit h);                    // "yes" "partial" "no"
std::optional<KeywordHit> ParseKeywordHit(std::string_view s);  // yes/partial/no or ○/△/×
std::string_view RealisationSymbol(Realisation r);
std::string_view RealisationId(Realisation r);  // "yes" "no"
std::string_view RiskLevelId(RiskLevel l);      // "red" "yellow" "green"
std::string_view RiskLevelJa(RiskLevel l);      // "赤" "黄" "緑"
std::string_view RequirementId(Requirement r);  // "required" "as_needed" "none"
std::string_view RequirementJa(Requirement r);  // "必須" "必要に応じて" "不要"

}  // namespace highfence::rules
