// SPDX-License-Identifier: Apache-2.0
#pragma once
// Disclosure: one version of what a researcher declares about themselves (研究者の情報開示):
// items ① to ⑪ of the RS questionnaire (RSアンケート) and e-Rad's rows (e-Rad外の研究費, 兼業,
// unpaid posts), as of a date, with the person's certification. Versions are immutable and
// numbered per person (seq 1, 2, …); Diff (disclosure_diff.h) compares any two.
//
//   Disclosure d{.person_id = "person_…", .seq = 2, .as_of = "2026-10-01"};
//   d.funding.push_back({.funder = {"日本学術振興会", "", "JP"}, .programme = "科研費 基盤研究(B)", …});
//   if (auto ok = ValidateDisclosure(d, {.today = "2026-11-30"}); !ok) Report(ok.error());
//
// Items ⑫ 非居住者・特定類型 and ⑬ 国籍 are NOT here and have no field here: they live in
// RestrictedDisclosure (restricted_disclosure.h), readable only by the export-control role, so
// that nothing built from a Disclosure — EvaluationInputs, rules, scores — can see them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cases/certification.h"
#include "domain/cases/disclosure_rows.h"

namespace highfence::cases {

// The row lists of a Disclosure, in questionnaire order; the id is the JSON field name.
enum class DisclosureItem {
  kEducation,            // ① 学歴
  kCareer,               // ② 職歴・研究経歴
  kFunding,              // ③ 研究費受給歴
  kOtherSupport,         // ④ 研究費以外の支援
  kPublications,         // ⑤ 発表論文
  kPatents,              // ⑥ 特許
  kTalentProgrammes,     // ⑦ 外国の人材採用プログラム
  kSanctions,            // ⑧ 処分歴
  kListAppearances,      // ⑨ 懸念先リストへの掲載
  kListedAffiliations,   // ⑩ 懸念先リスト掲載機関への過去の所属
  kListedRelationships,  // ⑪ 懸念先リスト掲載機関の研究者との関係
  kExternalFunding,      // e-Rad外の研究費
  kSideJobs,             // 兼業
  kUnpaidPosts,          // 無報酬の役職
};

struct DisclosureItemInfo {
  DisclosureItem item;
  std::string_view id;      // JSON field: "funding"
  std::string_view number;  // "③", or "e-Rad" for e-Rad's rows
  std::string_view ja;      // "研究費受給歴"
  std::string_view en;      // "funding received"
};

// Every item, in order.
const std::vector<DisclosureItemInfo>& DisclosureItems();
const DisclosureItemInfo& Info(DisclosureItem item);
// By id ("funding"), number ("③" or "3") or Japanese label ("研究費受給歴").
std::optional<DisclosureItem> ParseDisclosureItem(std::string_view text);

struct Disclosure {
  std::string id;  // opaque, e.g. "disc_" + 16 hex
  std::string tenant_id;
  std::string person_id;
  int seq = 0;        // 1, 2, … per person
  std::string as_of;  // YYYY-MM-DD: the date the answers describe
  Certification certification;

  std::vector<EducationRow> education;                      // ①
  std::vector<CareerRow> career;                            // ②
  std::vector<FundingRow> funding;                          // ③
  std::vector<SupportRow> other_support;                    // ④
  std::vector<PublicationRow> publications;                 // ⑤
  std::vector<PatentRow> patents;                           // ⑥
  std::vector<TalentProgrammeRow> talent_programmes;        // ⑦
  std::vector<SanctionRow> sanctions;                       // ⑧
  std::vector<ListAppearanceRow> list_appearances;          // ⑨
  std::vector<ListedAffiliationRow> listed_affiliations;    // ⑩
  std::vector<ListedRelationshipRow> listed_relationships;  // ⑪
  std::vector<ExternalFundingRow> external_funding;         // e-Rad外の研究費
  std::vector<PostRow> side_jobs;                           // 兼業
  std::vector<PostRow> unpaid_posts;                        // 無報酬の役職

  // Number of rows of one item.
  size_t RowCount(DisclosureItem item) const;
  bool operator==(const Disclosure&) const = default;
};

}  // namespace highfence::cases
