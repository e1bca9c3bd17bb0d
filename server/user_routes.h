// SPDX-License-Identifier: Apache-2.0
#pragma once
// The administrator's user endpoints (利用者管理), over auth::Accounts, action user.admin, each
// within the administrator's own tenant (another tenant's user id answers 404, as if absent):
//   GET   /v1/users                 the tenant's users, paged (?limit&offset&sort), filtered by
//                                   ?role=, ?disabled=true|false, ?person_id=
//   POST  /v1/users                 create {username, password, roles, display_name, email,
//                                   person_id}: the initial password is the administrator's, as
//                                   with `highfence user add` (password policy: password.h)
//   GET   /v1/users/{id}            one user, with ETag
//   PATCH /v1/users/{id}            roles, disabled, person_id, display_name, email; If-Match
//                                   required (stale → 409); disabling revokes the user's sessions
//   POST  /v1/users/{id}/password   reset {password}: revokes every session of the user
// Password hashes are never sent. Every write is audited by the account store with the
// administrator's user id and the request id. AddAccountRoutes (account_routes.h) registers them.
//
//   AddUserRoutes(server, accounts, PersonCheckOn(*case_store));
#include <functional>
#include <string_view>

#include "base/result.h"
#include "server/auth/accounts.h"
#include "server/server.h"

namespace highfence::storage {
class CaseStore;
}

namespace highfence::server {

// Ok if the person record exists in the tenant (kNotFound otherwise): what a user may be
// linked to. Empty: the server has no case store, and linking a person is refused (422).
using PersonCheck = std::function<Result<void>(std::string_view tenant_id, std::string_view person_id)>;

// The check on a case store: CaseStore::GetPerson within the tenant. REQUIRES: cases outlives
// the check.
PersonCheck PersonCheckOn(storage::CaseStore& cases);

// REQUIRES: before server.Start(); `accounts` outlives the server.
void AddUserRoutes(Server& server, auth::Accounts& accounts, PersonCheck person_exists);

}  // namespace highfence::server
