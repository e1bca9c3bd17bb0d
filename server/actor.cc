// SPDX-License-Identifier: Apache-2.0
#include "server/actor.h"

namespace highfence::server {

storage::Actor ActorOf(const Identity& identity, const std::string& request_id) {
  storage::Actor actor;
  actor.id = identity.method == AuthMethod::kNone || identity.principal.user_id.empty() ? std::string(kAnonymousActor)
                                                                                        : identity.principal.user_id;
  actor.request_id = request_id;
  return actor;
}

storage::Actor ActorOf(const Request& req) {
  return ActorOf(req.identity(), req.request_id());
}

}  // namespace highfence::server
