// SPDX-License-Identifier: Apache-2.0
#include "tests/server/api_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/lists/snapshot_file.h"
#include "domain/technology/keyword_list.h"
#include "storage/account_store.h"

namespace highfence::testing {
namespace {

constexpr char kPassword[] = "Hirosaki apple orchard 7";

}  // namespace

const checking::EntityChecker* SharedChecker() {
  static const std::unique_ptr<checking::EntityChecker> checker = []() -> std::unique_ptr<checking::EntityChecker> {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(RepoPath("data/lists")))
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<model::ListSnapshot> snapshots;
    for (const auto& f : files) {
      auto s = lists::ReadSnapshot(f);
      if (!s) {
        ADD_FAILURE() << s.error().ToString();
        return nullptr;
      }
      snapshots.push_back(std::move(*s));
    }
    auto c = checking::EntityChecker::Build(std::move(snapshots), std::nullopt, {});
    if (!c) {
      ADD_FAILURE() << c.error().ToString();
      return nullptr;
    }
    return std::make_unique<checking::EntityChecker>(std::move(*c));
  }();
  return checker.get();
}

const screening::Screener* SharedScreener() {
  static const std::unique_ptr<screening::Screener> screener = []() -> std::unique_ptr<screening::Screener> {
    auto list = technology::LoadKeywordDirectory(RepoPath("data/keywords"));
    if (!list) {
      ADD_FAILURE() << list.error().ToString();
      return nullptr;
    }
    auto s = screening::Screener::Create(std::move(*list), {});
    if (!s) {
      ADD_FAILURE() << s.error().ToString();
      return nullptr;
    }
    return std::make_unique<screening::Screener>(std::move(*s));
  }();
  return screener.get();
}

storage::CaseStoreOptions ShippedWorkflowOptions() {
  storage::CaseStoreOptions o;
  o.risk_categories = RepoPath("data/workflow/risk_categories.tsv").string();
  o.measure_catalogue = RepoPath("data/workflow/measures.tsv").string();
  o.review_stages = RepoPath("data/workflow/review_stages.tsv").string();
  return o;
}

ApiServer::ApiServer(server::ResourceServices services, server::ResourceOptions options, server::Options o) {
  if (services.cases) database_ = &services.cases->database();
  auth::PasswordOptions cheap;
  cheap.opslimit = 1;
  cheap.memlimit = 8 << 10;
  hasher_ = std::make_unique<auth::PasswordHasher>(cheap);
  auth::AccountsOptions ao;
  ao.password = cheap;
  accounts_ = std::make_unique<auth::Accounts>(store_, throttle_, ao);
  o.host = "127.0.0.1";
  o.port = 0;
  o.threads = 8;
  o.log_path = (dir_.path() / "server.log").string();
  server_ = std::make_unique<server::Server>(o);
  server_->SetResponseObserver(
      [this](std::string_view method, std::string_view pattern, int status, std::string_view content_type,
             std::string_view body) { contract_.Observe(method, pattern, status, content_type, body); });
  server::AccountRoutesOptions account_options;
  if (services.cases) account_options.person_exists = server::PersonCheckOn(*services.cases);
  server::AddAccountRoutes(*server_, *accounts_, account_options);
  server::AddResourceRoutes(*server_, services, options);
  auto add = [&](const std::string& name, access::Role role, const std::string& tenant) {
    auth::User u;
    u.username = name;
    u.display_name = name;
    u.roles = {role};
    u.tenant_id = tenant;
    u.person_id = "person_" + name;
    Add(u);
  };
  for (access::Role r : access::kAllRoles) add(std::string(access::RoleName(r)), r, "inst_tohoku");
  add("kyoto_officer", access::Role::kSecurityOfficer, "inst_kyoto");
  auto port = server_->Start();
  if (!port) {
    ADD_FAILURE() << port.error().ToString();
    return;
  }
  port_ = *port;
}

auth::User ApiServer::Add(auth::User user) {
  auth::User added = store_.AddUser(std::move(user), kPassword, *hasher_);
  if (database_ == nullptr) return added;
  storage::UserAccount row{.id = added.id,
                           .tenant_id = added.tenant_id,
                           .login = added.username,
                           .display_name = added.display_name,
                           .person_id = added.person_id,
                           .password_hash = added.password_hash,
                           .disabled = added.disabled};
  for (access::Role r : added.roles) row.roles.emplace_back(access::RoleName(r));
  storage::AccountStore accounts(*database_);
  auto stored = accounts.AddUser(row, {"system:test-fixture", ""});
  // A server started again on the same database adds its users again: they are there already.
  if (!stored && stored.error().code != ErrorCode::kAlreadyExists) ADD_FAILURE() << stored.error().ToString();
  return added;
}

ApiServer::~ApiServer() {
  server_->Stop();
  for (const std::string& problem : contract_.Problems()) ADD_FAILURE() << "OpenAPI contract: " << problem;
}

httplib::Client ApiServer::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

ApiSession ApiServer::SignIn(const std::string& username) {
  nlohmann::json body = {{"username", username}, {"password", kPassword}};
  auto res = Client().Post("/v1/session", body.dump(), "application/json");
  if (!res || res->status != 201) {
    ADD_FAILURE() << "sign-in of " << username << " failed";
    return {};
  }
  std::string set = res->get_header_value("Set-Cookie");
  return {set.substr(0, set.find(';')), nlohmann::json::parse(res->body).value("csrf_token", "")};
}

std::string ApiServer::AddUser(const std::string& name, access::Role role, const std::string& tenant,
                               access::TenantKind kind, const std::string& person_id) {
  auth::User u;
  u.username = name;
  u.display_name = name;
  u.roles = {role};
  u.tenant_id = tenant;
  u.tenant_kind = kind;
  u.person_id = person_id;
  return Add(std::move(u)).id;
}

std::string ApiServer::ErrorField(const std::string& body) const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return "<not an error body>";
  return j["error"].value("field", "");
}

}  // namespace highfence::testing
