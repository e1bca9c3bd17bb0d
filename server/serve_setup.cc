// SPDX-License-Identifier: Apache-2.0
#include "server/serve_setup.h"

#include <algorithm>
#include <vector>

#include "domain/checking/entity_checker.h"
#include "domain/lists/snapshot_file.h"
#include "domain/screening/screener.h"
#include "domain/technology/keyword_list.h"
#include "server/account_routes.h"
#include "server/database_accounts.h"
#include "storage/case_store.h"

namespace highfence::server {

namespace fs = std::filesystem;

ServeServices::ServeServices() = default;
ServeServices::ServeServices(ServeServices&&) noexcept = default;
ServeServices& ServeServices::operator=(ServeServices&&) noexcept = default;
ServeServices::~ServeServices() = default;

Result<ServeServices> LoadServeServices(storage::Database& db, const fs::path& data_dir) {
  ServeServices s;
  storage::CaseStoreOptions options;
  fs::path wf = data_dir / "workflow";
  options.risk_categories = (wf / "risk_categories.tsv").string();
  options.measure_catalogue = (wf / "measures.tsv").string();
  options.review_stages = (wf / "review_stages.tsv").string();
  auto store = storage::CaseStore::Open(db, options);
  if (!store) return store.error();
  s.cases = std::move(*store);
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir / "lists", ec))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<model::ListSnapshot> snapshots;
  for (const fs::path& f : files) {
    auto snapshot = lists::ReadSnapshot(f);
    if (!snapshot) return snapshot.error();
    snapshots.push_back(std::move(*snapshot));
  }
  auto checker = checking::EntityChecker::Build(std::move(snapshots), std::nullopt, {});
  if (!checker) return checker.error();
  s.checker = std::make_unique<checking::EntityChecker>(std::move(*checker));
  auto keywords = technology::LoadKeywordDirectory(data_dir / "keywords");
  if (!keywords) return keywords.error();
  auto screener = screening::Screener::Create(std::move(*keywords), {});
  if (!screener) return screener.error();
  s.screener = std::make_unique<screening::Screener>(std::move(*screener));
  return s;
}

void AddServeRoutes(Server& server, storage::Database& db, auth::Accounts& accounts, const ServeServices& services) {
  AttachDatabase(server, db);
  AccountRoutesOptions account_options;
  if (services.cases) account_options.person_exists = PersonCheckOn(*services.cases);
  AddAccountRoutes(server, accounts, account_options);
  AddResourceRoutes(server, services.resources(), {});
}

}  // namespace highfence::server
