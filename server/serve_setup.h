// SPDX-License-Identifier: Apache-2.0
#pragma once
// What `highfence serve` puts behind its Server, in one place so that the CLI and the in-process
// API fuzzer (tests/fuzz/api_routes_fuzzer.cc) run the same services and the same route table:
//   - LoadServeServices: the case store with the shipped workflow catalogues
//     (<data>/workflow/*.tsv), the list checker over <data>/lists/*.jsonl and the keyword
//     screener over <data>/keywords, each loaded once;
//   - AddServeRoutes: the database's readiness check and pool gauges, the account and user
//     routes (a linked person checked in the case store) and every /v1 resource route.
//
//   auto services = server::LoadServeServices(*db, DefaultDataDir());   // Result<ServeServices>
//   server::AddServeRoutes(http, *db, accounts, *services);
//   http.Start();
#include <filesystem>
#include <memory>

#include "base/result.h"
#include "server/auth/accounts.h"
#include "server/resources.h"
#include "server/server.h"
#include "storage/database.h"

namespace highfence::server {

struct ServeServices {
  std::unique_ptr<storage::CaseStore> cases;
  std::unique_ptr<checking::EntityChecker> checker;
  std::unique_ptr<screening::Screener> screener;

  ServeServices();
  ServeServices(ServeServices&&) noexcept;
  ServeServices& operator=(ServeServices&&) noexcept;
  ~ServeServices();
  ResourceServices resources() const { return {cases.get(), checker.get(), screener.get()}; }
};

// Loads the services from data_dir (the shipped data/ tree). Errors name the file that failed
// (a missing catalogue, an unreadable list snapshot, a bad keyword list). REQUIRES: db is
// migrated and outlives the services.
Result<ServeServices> LoadServeServices(storage::Database& db, const std::filesystem::path& data_dir);

// REQUIRES: before server.Start(); db, accounts and services outlive the server.
void AddServeRoutes(Server& server, storage::Database& db, auth::Accounts& accounts, const ServeServices& services);

}  // namespace highfence::server
