// SPDX-License-Identifier: Apache-2.0
#pragma once
// List checks of a case's subjects as evidence (cases::ListCheck): every written name of the
// person or organisation checked, the hits merged per list entry (best score kept) and pinned
// to the list snapshots the checker holds. Used by POST /v1/cases/{id}/checks and by the
// follow-up run after a list update (storage::SubjectChecker).
#include "domain/cases/screening_ref.h"
#include "domain/checking/entity_checker.h"
#include "storage/case_store.h"

namespace highfence::server::internal {

// The subject's names from the store: a person, an organisation, or an institution (tenant).
// kNotFound when none is visible under that id.
Result<storage::CheckSubject> CheckSubjectOf(storage::CaseStore& store, const storage::Visibility& visible,
                                             const cases::Subject& subject);
cases::ListCheck CheckNames(const checking::EntityChecker& checker, const storage::CheckSubject& subject);

}  // namespace highfence::server::internal
