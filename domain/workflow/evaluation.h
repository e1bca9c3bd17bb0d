// SPDX-License-Identifier: Apache-2.0
#pragma once
// Evaluation: step ② of the 手順書 procedure (リスク評価), one record per subject (a team member
// or a partner institution) of a case: is there a risk (yes / no / unsure), why, which risk
// categories it concerns, which flags (screening hits) it answers, who evaluated and when, and
// the due-diligence result (デューデリジェンス) as a first-class state. "Partial" — done, but
// some information could not be obtained — must say what and why; it is never hidden.
//
//   Evaluation e{.id = "ev_1", .case_id = "case_9", .subject = {SubjectKind::kPerson, "p_42"},
//                .risk = RiskAnswer::kUnsure, .rationale = "共著者が外国ユーザーリスト掲載機関に所属", …};
//   if (auto ok = Validate(e, categories); !ok) Show(ok.error().message);
//
// Evaluations are immutable records: a re-evaluation is a new record, the latest per subject
// counts (LatestEvaluation). Nationality is not a field and never an input.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/workflow/date.h"
#include "domain/workflow/risk_category.h"
#include "domain/workflow/subject.h"

namespace highfence::workflow {

enum class RiskAnswer {
  kYes,     // リスクあり
  kNo,      // リスクなし
  kUnsure,  // 判断できない (needs mitigation or more information, like yes)
};

enum class DueDiligenceState {
  kDone,     // 実施済み
  kNotDone,  // 未実施 (the note says why)
  kPartial,  // 実施したが一部の情報を入手できなかった (each gap listed)
};

// One piece of information that could not be obtained, and why.
struct Unobtainable {
  std::string what;  // e.g. "2019年以前の兼業先" / "funding before 2019"
  std::string why;   // e.g. "本人が記録を保持しておらず、先方機関も回答しない"
  bool operator==(const Unobtainable&) const = default;
};

struct DueDiligence {
  DueDiligenceState state = DueDiligenceState::kNotDone;
  std::vector<Unobtainable> unobtainable;  // non-empty exactly when state is kPartial
  std::string note;                        // required when kNotDone
  bool operator==(const DueDiligence&) const = default;
};

struct Evaluation {
  std::string id;  // assigned by the store ("ev_…")
  std::string case_id;
  Subject subject;
  RiskAnswer risk = RiskAnswer::kUnsure;
  std::string rationale;                // required, in the evaluator's words
  std::vector<std::string> categories;  // RiskCategory ids; at least one when risk is yes
  std::vector<std::string> flag_ids;    // screening flags on this subject that this answers
  DueDiligence due_diligence;
  std::string evaluator;  // user id
  Timestamp at;
  bool operator==(const Evaluation&) const = default;
};

std::string_view Name(RiskAnswer risk);          // "yes", "no", "unsure"
std::string_view Name(DueDiligenceState state);  // "done", "not_done", "partial"
Result<RiskAnswer> ParseRiskAnswer(std::string_view text);
Result<DueDiligenceState> ParseDueDiligenceState(std::string_view text);

// Checks one evaluation on its own. kInvalidArgument naming the evaluation and the field:
// empty case_id / subject id / rationale / evaluator, a bad timestamp, an unknown or repeated
// category, a "yes" without a category, a partial due diligence without gaps (or a gap without
// what / why), gaps on a done or not-done result, a not-done result without a note.
Result<void> Validate(const Evaluation& evaluation, const RiskCategoryCatalogue& categories);

// The latest evaluation of `subject`, or null. Spans are in recording order (the store keeps
// them so), so the latest is the last one; timestamps in different offsets are not compared.
const Evaluation* LatestEvaluation(std::span<const Evaluation> evaluations, const Subject& subject);

}  // namespace highfence::workflow
