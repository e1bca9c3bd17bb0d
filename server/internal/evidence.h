// SPDX-License-Identifier: Apache-2.0
#pragma once
// The subject of a list check (storage::CheckSubject) as the store holds it: every written name
// of the person, organisation or institution, for checking::CheckNames (domain/checking/
// list_check.h). Used by POST /v1/cases/{id}/checks.
#include "storage/case_store.h"

namespace highfence::server::internal {

// The subject's names from the store: a person, an organisation, or an institution (tenant).
// kNotFound when none is visible under that id.
Result<storage::CheckSubject> CheckSubjectOf(storage::CaseStore& store, const storage::Visibility& visible,
                                             const cases::Subject& subject);

}  // namespace highfence::server::internal
