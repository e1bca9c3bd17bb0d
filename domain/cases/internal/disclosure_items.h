// SPDX-License-Identifier: Apache-2.0
#pragma once
// ForEachItem: visits the row list of every item of a Disclosure, in questionnaire order, with
// the item's tag, so validation, diff and import treat the fourteen lists alike.
#include "domain/cases/disclosure.h"

namespace highfence::cases::internal {

template <typename D, typename F>
void ForEachItem(D& d, F&& f) {
  f(DisclosureItem::kEducation, d.education);
  f(DisclosureItem::kCareer, d.career);
  f(DisclosureItem::kFunding, d.funding);
  f(DisclosureItem::kOtherSupport, d.other_support);
  f(DisclosureItem::kPublications, d.publications);
  f(DisclosureItem::kPatents, d.patents);
  f(DisclosureItem::kTalentProgrammes, d.talent_programmes);
  f(DisclosureItem::kSanctions, d.sanctions);
  f(DisclosureItem::kListAppearances, d.list_appearances);
  f(DisclosureItem::kListedAffiliations, d.listed_affiliations);
  f(DisclosureItem::kListedRelationships, d.listed_relationships);
  f(DisclosureItem::kExternalFunding, d.external_funding);
  f(DisclosureItem::kSideJobs, d.side_jobs);
  f(DisclosureItem::kUnpaidPosts, d.unpaid_posts);
}

}  // namespace highfence::cases::internal
