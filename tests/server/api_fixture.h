// SPDX-License-Identifier: Apache-2.0
#pragma once
// A real server on a loopback port with accounts (in-memory store), the resource routes and the
// services the test gives, plus one signed-in user per role in tenant "inst_tohoku" and a
// security officer of another institution ("inst_kyoto"). With a case store, every user is also
// a row of its database's users table (as `serve --db` keeps them), where the case store checks
// assigned reviewers. For the resource e2e and role-matrix tests. The list checker and keyword screener over data/ are
// built once per test binary.
#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "domain/checking/entity_checker.h"
#include "domain/screening/screener.h"
#include "server/account_routes.h"
#include "server/resources.h"
#include "server/server.h"
#include "storage/case_store.h"
#include "tests/server/in_memory_account_store.h"
#include "tests/server/openapi_contract.h"
#include "tests/support/data.h"

namespace highfence::testing {

struct ApiSession {
  std::string cookie;  // "hf_session=…"
  std::string csrf;
  httplib::Headers headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

// Built from data/lists/*.jsonl (no registry) and data/keywords once; nullptr after a failure
// (the failure is reported by the test that asked).
const checking::EntityChecker* SharedChecker();
const screening::Screener* SharedScreener();

// Every response it sends is checked against docs/api/openapi.json (openapi_contract.h); the
// destructor fails the running test once per (method, route, status) that does not conform.
// Case store options with the shipped workflow catalogues (data/workflow: risk categories,
// measures, review stages).
storage::CaseStoreOptions ShippedWorkflowOptions();

class ApiServer {
 public:
  explicit ApiServer(server::ResourceServices services, server::ResourceOptions options = {},
                     server::Options server_options = {});
  ~ApiServer();

  int port() const { return port_; }
  server::Server& server() { return *server_; }
  httplib::Client Client() const;
  // Signs in "<role name>" (tenant inst_tohoku) or "kyoto_officer", or a user added below.
  ApiSession SignIn(const std::string& username);
  // Adds a user (id "user_<name>") in a tenant known only once the API has created it.
  std::string AddUser(const std::string& name, access::Role role, const std::string& tenant,
                      access::TenantKind kind = access::TenantKind::kInstitution, const std::string& person_id = "");
  std::string ErrorField(const std::string& body) const;

 private:
  auth::User Add(auth::User user);  // in the in-memory store and, with a case store, the database

  storage::Database* database_ = nullptr;  // the case store's, if any
  TempDir dir_;
  InMemoryAccountStore store_;
  auth::InMemoryThrottleStore throttle_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::Accounts> accounts_;
  std::unique_ptr<server::Server> server_;
  ResponseContract contract_;  // every response checked against docs/api/openapi.json
  int port_ = 0;
};

}  // namespace highfence::testing
