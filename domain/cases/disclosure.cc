// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure.h"

#include "base/check.h"

namespace highfence::cases {

const std::vector<DisclosureItemInfo>& DisclosureItems() {
  static const std::vector<DisclosureItemInfo> kItems = {
      {DisclosureItem::kEducation, "education", "①", "学歴", "education"},
      {DisclosureItem::kCareer, "career", "②", "職歴・研究経歴", "career and research history"},
      {DisclosureItem::kFunding, "funding", "③", "研究費受給歴", "research funding received"},
      {DisclosureItem::kOtherSupport, "other_support", "④", "研究費以外の支援", "support other than funding"},
      {DisclosureItem::kPublications, "publications", "⑤", "発表論文", "publications"},
      {DisclosureItem::kPatents, "patents", "⑥", "特許", "patents"},
      {DisclosureItem::kTalentProgrammes, "talent_programmes", "⑦", "外国の人材採用プログラム",
       "foreign talent programmes"},
      {DisclosureItem::kSanctions, "sanctions", "⑧", "処分歴", "sanctions and disciplinary actions"},
      {DisclosureItem::kListAppearances, "list_appearances", "⑨", "懸念先リストへの掲載", "appearance on a list"},
      {DisclosureItem::kListedAffiliations, "listed_affiliations", "⑩", "懸念先リスト掲載機関への過去の所属",
       "past affiliation with a listed body"},
      {DisclosureItem::kListedRelationships, "listed_relationships", "⑪", "懸念先リスト掲載機関の研究者との関係",
       "relationships with researchers of listed bodies"},
      {DisclosureItem::kExternalFunding, "external_funding", "e-Rad", "e-Rad外の研究費",
       "funding not registered in e-Rad"},
      {DisclosureItem::kSideJobs, "side_jobs", "e-Rad", "兼業", "side jobs"},
      {DisclosureItem::kUnpaidPosts, "unpaid_posts", "e-Rad", "無報酬の役職", "unpaid posts"},
  };
  return kItems;
}

const DisclosureItemInfo& Info(DisclosureItem item) {
  for (const DisclosureItemInfo& info : DisclosureItems()) {
    if (info.item == item) return info;
  }
  HF_CHECK(false && "DisclosureItem missing from DisclosureItems()");
  return DisclosureItems().front();
}

std::optional<DisclosureItem> ParseDisclosureItem(std::string_view text) {
  static constexpr std::string_view kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};
  size_t index = 0;
  for (const DisclosureItemInfo& info : DisclosureItems()) {
    if (text == info.id || text == info.ja || (info.number != "e-Rad" && text == info.number) ||
        (index < std::size(kDigits) && text == kDigits[index])) {
      return info.item;
    }
    ++index;
  }
  return std::nullopt;
}

size_t Disclosure::RowCount(DisclosureItem item) const {
  switch (item) {
    case DisclosureItem::kEducation:
      return education.size();
    case DisclosureItem::kCareer:
      return career.size();
    case DisclosureItem::kFunding:
      return funding.size();
    case DisclosureItem::kOtherSupport:
      return other_support.size();
    case DisclosureItem::kPublications:
      return publications.size();
    case DisclosureItem::kPatents:
      return patents.size();
    case DisclosureItem::kTalentProgrammes:
      return talent_programmes.size();
    case DisclosureItem::kSanctions:
      return sanctions.size();
    case DisclosureItem::kListAppearances:
      return list_appearances.size();
    case DisclosureItem::kListedAffiliations:
      return listed_affiliations.size();
    case DisclosureItem::kListedRelationships:
      return listed_relationships.size();
    case DisclosureItem::kExternalFunding:
      return external_funding.size();
    case DisclosureItem::kSideJobs:
      return side_jobs.size();
    case DisclosureItem::kUnpaidPosts:
      return unpaid_posts.size();
  }
  return 0;
}

}  // namespace highfence::cases
