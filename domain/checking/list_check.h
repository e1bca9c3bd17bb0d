// SPDX-License-Identifier: Apache-2.0
#pragma once
// CheckNames: one subject of a case — a team member or a partner — checked against the lists of
// entities of concern (懸念先リストとの照合) under every written form of its name on record
// (漢字, カナ, romanised, English …). EntityChecker hits → one cases::ListCheck: the hits merged
// per list entry (the best score kept), best first, pinned to the snapshots the checker holds.
// This is the evidence `highfence case check`, POST /v1/cases/{id}/checks and the follow-up run
// after a list update (storage::SubjectChecker) attach to a case.
//
//   cases::ListCheck lc = checking::CheckNames(*checker, {cases::SubjectKind::kOrganisation, org.id},
//                                              org.names, org.country);
//   for (const cases::ListHitRef& h : lc.hits) Show(h.entry_id, h.score, h.explanation);
//
// Cost: one EntityChecker::Check per name. Thread-safe as EntityChecker::Check is. Deciding what a
// hit means is the evaluation's (② リスク評価); the country only disambiguates (never a risk input).
#include <span>
#include <string_view>

#include "domain/cases/name.h"
#include "domain/cases/screening_ref.h"
#include "domain/cases/subject.h"
#include "domain/checking/entity_checker.h"

namespace highfence::checking {

// Checks each of `names` (as people for a person subject, as organisations otherwise, with
// `country` — ISO alpha-2 or "" — to disambiguate). The result's query is the first name, its
// snapshots every snapshot of the checker; a list entry matched under several names appears
// once with its best score. Hits are ordered by score, best first; equal scores by list id,
// then entry id. No names: no hits.
cases::ListCheck CheckNames(const EntityChecker& checker, const cases::Subject& subject,
                            std::span<const cases::Name> names, std::string_view country);

}  // namespace highfence::checking
