// SPDX-License-Identifier: Apache-2.0
#pragma once
// ValidateDisclosure: whether a disclosure version can be stored (開示内容の検証) — required
// fields of every row, dates, amounts, the certification, and the effort rule of e-Rad: the
// efforts (エフォート) of everything ongoing on the as-of date — the main post, research funding
// inside and outside e-Rad, foreign talent programmes, side jobs and unpaid posts — may not
// total more than 100 %. The error names every row that counts, so the researcher sees what to
// correct:
//
//   auto ok = ValidateDisclosure(d, {.today = "2026-11-30"});
//   // kInvalidArgument: "effort totals 130 % on 2026-10-01 (at most 100 %): career[0] '東北大学 准教授' 50 %,
//   //                    funding[1] 'JST CREST' 40 %, side_jobs[0] '株式会社仙台アロイ 技術顧問' 40 %"
//
// Pure: `today` comes from the caller's clock. Linear in the number of rows; thread-safe.
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/cases/disclosure.h"

namespace highfence::cases {

struct DisclosureValidationOptions {
  std::string today;                  // YYYY-MM-DD; as_of may not be later. REQUIRES: a full date.
  bool require_certification = true;  // false for drafts (an import before signing). Default: true.
  int max_effort_percent = 100;       // Default: 100.
};

// One row's share of working time on the as-of date.
struct EffortShare {
  std::string row;    // "funding[1]"
  std::string label;  // "JST CREST"
  int percent = 0;
};

// The rows ongoing on d.as_of that carry an effort, in item order.
std::vector<EffortShare> CurrentEffort(const Disclosure& d);

// Ok, or kInvalidArgument naming the first problem by its path ("funding[0].end: …",
// "certification.certified_at: …") or, for the effort rule, the total and every row counted.
Result<void> ValidateDisclosure(const Disclosure& d, const DisclosureValidationOptions& options);

}  // namespace highfence::cases
