// SPDX-License-Identifier: Apache-2.0
#pragma once
// The account endpoints and the server's authenticator, over auth::Accounts:
//   POST   /v1/session        sign in {username, password} → session cookie + csrf_token (public)
//   GET    /v1/session        who am I (any signed-in user or token)
//   DELETE /v1/session        sign out: the session is revoked server-side, the cookie cleared
//   POST   /v1/tokens         create an API token {name, scopes, expires_in_days} (token.manage)
//   GET    /v1/tokens         the caller's tokens, without secrets (token.manage)
//   DELETE /v1/tokens/{id}    revoke one (token.manage)
// and the administrator's /v1/users endpoints (user_routes.h).
// Requests authenticate with the session cookie (HttpOnly, SameSite=Strict, Secure when the
// request came over TLS or from a trusted proxy that saw https) or "Authorization: Bearer hfk_…".
//
//   auth::Accounts accounts(store, throttle, {});
//   AddAccountRoutes(server, accounts, {});
#include <string>

#include "server/auth/accounts.h"
#include "server/server.h"
#include "server/user_routes.h"

namespace highfence::server {

struct AccountRoutesOptions {
  std::string cookie_name = "hf_session";  // Default: hf_session.
  // Checks the person record an administrator links to a user (user_routes.h). Default: none,
  // and linking a person is refused.
  PersonCheck person_exists = {};
};

// REQUIRES: before server.Start(); `accounts` outlives the server.
void AddAccountRoutes(Server& server, auth::Accounts& accounts, const AccountRoutesOptions& options);

}  // namespace highfence::server
