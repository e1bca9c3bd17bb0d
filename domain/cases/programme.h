// SPDX-License-Identifier: Apache-2.0
#pragma once
// Programme: a funding agency's research programme (研究開発プログラム), and whether it is
// designated a 特定研究開発プログラム — the programmes whose shortlisted proposals go through the
// research-security procedure. A designation rests on three conditions; each is recorded as a
// flag with the agency's own wording and the document it comes from. highfence does not
// paraphrase the official conditions: the official wording is not in ../shared/data, so the
// label and reference are what the agency enters.
//
//   Programme p{.id = "prog_…", .agency_id = "inst_jst", .name_ja = "戦略的創造研究推進事業 CREST",
//               .name_en = "CREST", .designated = true, .designation_conditions = {…three…}};
#include <string>
#include <vector>

#include "base/result.h"

namespace highfence::cases {

inline constexpr int kDesignationConditionCount = 3;

struct DesignationCondition {
  std::string label;      // the condition as the agency records it (free text)
  bool met = false;       // does the programme meet it?
  std::string reference;  // where the condition is stated, e.g. "CSTI 手順書 (2026) §2.1"
  std::string note;       // the agency's reasoning
  bool operator==(const DesignationCondition&) const = default;
};

struct Programme {
  std::string id;         // opaque, e.g. "prog_" + 16 hex
  std::string agency_id;  // the funding agency's tenant
  std::string name_ja;
  std::string name_en;
  bool designated = false;                                   // 特定研究開発プログラム
  std::vector<DesignationCondition> designation_conditions;  // three when designated
  bool operator==(const Programme&) const = default;
};

// kInvalidArgument naming the field: empty id or agency, no name, a designated programme
// without exactly three conditions, each with a label and a reference. How the conditions
// combine into a designation is the agency's call, recorded, not computed here.
Result<void> ValidateProgramme(const Programme& programme);

}  // namespace highfence::cases
