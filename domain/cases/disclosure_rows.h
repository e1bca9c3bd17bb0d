// SPDX-License-Identifier: Apache-2.0
#pragma once
// The rows of a Disclosure (disclosure.h): one struct per kind of row of the RS questionnaire
// (RSアンケート) items ① to ⑪ and of e-Rad's declarations. Each row names the organisation
// involved and that ORGANISATION's country — a fact about the body (which 东北大学?), never
// about the person. Dates are ISO 8601 text: "YYYY", "YYYY-MM" or "YYYY-MM-DD"; an empty
// `end` means ongoing. Plain structs; ValidateDisclosure checks them, Diff compares them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace highfence::cases {

// An organisation as the person named it, resolved to a record when possible.
struct OrgRef {
  std::string name;             // as written, e.g. "北京航空航天大学", "JSPS"
  std::string organisation_id;  // an Organisation or Institution id, "" if not resolved
  std::string country;          // ISO 3166-1 alpha-2 of the organisation, "" if unknown
  bool operator==(const OrgRef&) const = default;
};

struct Money {
  std::int64_t amount = 0;  // in the currency's unit (yen, dollars)
  std::string currency;     // ISO 4217, e.g. "JPY", "USD", "CNY"
  bool operator==(const Money&) const = default;
};

// A co-author, co-inventor or co-applicant: a person with their organisation, or (applicant)
// an organisation alone.
struct Contributor {
  std::string name;
  OrgRef organisation;
  bool operator==(const Contributor&) const = default;
};

struct EducationRow {  // ① 学歴
  OrgRef organisation;
  std::string degree;  // "博士（工学）", "PhD"
  std::string field;
  std::string start, end;
  bool operator==(const EducationRow&) const = default;
};

struct CareerRow {  // ② 職歴・研究経歴
  OrgRef organisation;
  std::string department;
  std::string position;
  std::string start, end;
  bool main_post = false;             // 本務
  std::optional<int> effort_percent;  // for the current main post: its share of working time
  bool operator==(const CareerRow&) const = default;
};

struct FundingRow {  // ③ 研究費受給歴 (e-Rad 内の研究費を含む)
  OrgRef funder;
  std::string programme;  // "科研費 基盤研究(B)", "CREST"
  std::string title;
  std::string role;        // "研究代表者", "co-investigator"
  std::string project_id;  // e-Rad 課題番号 or the funder's grant number
  std::optional<Money> amount;
  std::string start, end;
  std::optional<int> effort_percent;  // エフォート
  bool operator==(const FundingRow&) const = default;
};

struct SupportRow {  // ④ 研究費以外の支援 (in-kind: equipment, space, staff, travel …)
  OrgRef provider;
  std::string kind;  // "equipment", "lab space", "visiting post", …
  std::string description;
  std::optional<Money> value;
  std::string start, end;
  bool operator==(const SupportRow&) const = default;
};

struct PublicationRow {  // ⑤ 発表論文
  std::string title;
  std::string venue;
  std::string published;  // date
  std::string doi;
  std::vector<Contributor> co_authors;
  bool operator==(const PublicationRow&) const = default;
};

struct PatentRow {  // ⑥ 特許
  std::string title;
  std::string number;  // application or registration number, e.g. "特願2023-012345", "CN115000000A"
  std::string office;  // "JP", "CN", "WO", …
  std::string filed;   // date
  std::vector<Contributor> co_inventors;
  std::vector<Contributor> co_applicants;
  bool operator==(const PatentRow&) const = default;
};

struct TalentProgrammeRow {  // ⑦ 外国の人材採用プログラム (also e-Rad's talent-programme rows)
  std::string programme;
  OrgRef sponsor;
  std::string role;
  std::optional<Money> amount;
  std::string start, end;
  std::optional<int> effort_percent;
  bool operator==(const TalentProgrammeRow&) const = default;
};

struct SanctionRow {  // ⑧ 処分歴
  OrgRef authority;   // who imposed it
  std::string kind;   // "懲戒処分", "funding suspension", …
  std::string description;
  std::string date;
  bool operator==(const SanctionRow&) const = default;
};

struct ListAppearanceRow {  // ⑨ 懸念先リストへの掲載
  std::string list;         // list id or title as the person gave it
  std::string entry_id;     // "" if unknown
  std::string name_listed;  // the name under which they appear
  std::string listed_on;    // date
  std::string description;
  bool operator==(const ListAppearanceRow&) const = default;
};

struct ListedAffiliationRow {  // ⑩ 懸念先リスト掲載機関への過去の所属
  OrgRef organisation;
  std::string list;
  std::string position;
  std::string start, end;
  bool operator==(const ListedAffiliationRow&) const = default;
};

struct ListedRelationshipRow {  // ⑪ 懸念先リスト掲載機関の研究者との関係
  std::string researcher;
  OrgRef organisation;
  std::string list;
  std::string nature;  // "共同研究", "co-author", "former supervisor", …
  std::string start, end;
  bool operator==(const ListedRelationshipRow&) const = default;
};

struct ExternalFundingRow {  // e-Rad外の研究費 (funding not registered in e-Rad)
  OrgRef funder;
  std::string title;
  std::string role;
  std::optional<Money> amount;
  std::optional<int> effort_percent;
  bool nda = false;  // under a non-disclosure agreement (秘密保持契約)
  std::string start, end;
  bool operator==(const ExternalFundingRow&) const = default;
};

struct PostRow {  // e-Rad 兼業 (side jobs) and unpaid posts (無報酬の役職)
  OrgRef organisation;
  std::string position;
  std::optional<Money> remuneration;  // per year; none for an unpaid post
  std::optional<int> effort_percent;
  std::string start, end;
  bool operator==(const PostRow&) const = default;
};

}  // namespace highfence::cases
