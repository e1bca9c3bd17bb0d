// SPDX-License-Identifier: Apache-2.0
// The server for bench/server/run.sh: infrastructure, account and resource routes on a loopback
// port, one security officer in an in-memory account store, and an API token for wrk. Prints
// "port N", "token hfk_…" and (with a database) "case case_…", then serves until SIGTERM.
//   server_bench                 infrastructure and accounts only
//   server_bench URL [CASES]     plus the resources on a case store at URL (migrated here), seeded
//                                with CASES cases (default 200), each with a two-person team and a
//                                list check of its partner (flags), through storage::CaseStore
// Logs go to /dev/null (the figures are for the server, not the disk); /metrics is still counted.
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "domain/checking/entity_checker.h"
#include "domain/lists/snapshot_file.h"
#include "server/account_routes.h"
#include "server/resources.h"
#include "server/server.h"
#include "storage/case_store.h"
#include "tests/server/in_memory_account_store.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

using namespace highfence;

// Agency, university, programme, partner and `n` shortlisted proposals with open cases; returns
// the lead institution's id and the last case's id.
Result<std::pair<std::string, std::string>> Seed(storage::CaseStore& store, const checking::EntityChecker& checker,
                                                 int n) {
  auto as = [](access::Role r, std::string tenant) {
    storage::Caller c;
    c.user_id = "bench:seed";
    c.roles = {r};
    c.tenant_id = std::move(tenant);
    return c;
  };
  storage::Caller admin = as(access::Role::kAdministrator, "system");
  auto jst = store.CreateInstitution(
      admin, {.name_ja = "科学技術振興機構", .name_en = "JST", .kind = cases::InstitutionKind::kAgency});
  if (!jst) return jst.error();
  auto lead = store.CreateInstitution(admin, {.name_ja = "東北大学", .name_en = "Tohoku University"});
  if (!lead) return lead.error();
  storage::Caller officer = as(access::Role::kSecurityOfficer, lead->value.id);
  cases::Programme k{.agency_id = jst->value.id,
                     .name_ja = "経済安全保障重要技術育成プログラム",
                     .name_en = "K Program",
                     .designated = true};
  for (int i = 1; i <= 3; ++i) k.designation_conditions.push_back({"condition " + std::to_string(i), true, "CSTI", ""});
  auto prog = store.CreateProgramme(as(access::Role::kProgrammeOfficer, jst->value.id), k);
  if (!prog) return prog.error();
  auto partner =
      store.CreateOrganisation(officer, {.names = {{"哈尔滨工业大学", cases::NameScript::kKanji},
                                                   {"Harbin Institute of Technology", cases::NameScript::kLatin}},
                                         .country = "CN"});
  if (!partner) return partner.error();
  std::string last;
  for (int i = 0; i < n; ++i) {
    std::string no = std::to_string(10000000 + i);
    auto a = store.CreatePerson(
        officer, {.names = {{"青葉 花子" + std::to_string(i), cases::NameScript::kKanji}}, .erad_id = no.substr(0, 8)});
    if (!a) return a.error();
    auto b = store.CreatePerson(officer, {.names = {{"Ichiro Sato " + std::to_string(i), cases::NameScript::kLatin}}});
    if (!b) return b.error();
    cases::Proposal p{.programme_id = prog->value.id,
                      .title = "量子センシング " + std::to_string(i),
                      .lead_institution_id = lead->value.id,
                      .team = {{a->value.id, lead->value.id, cases::TeamRole::kPi},
                               {b->value.id, lead->value.id, cases::TeamRole::kCoPi}},
                      .partner_institution_ids = {partner->value.id}};
    auto sub = store.SubmitProposal(officer, p);
    if (!sub) return sub.error();
    auto sl = store.ChangeProposalState(officer, sub->value.id, cases::ProposalState::kShortlisted, sub->version);
    if (!sl) return sl.error();
    auto c = store.OpenCase(officer, sl->value.id);
    if (!c) return c.error();
    cases::ScreeningRef s;
    s.kind = cases::ScreeningKind::kLists;
    cases::ListCheck lc;
    lc.subject = {cases::SubjectKind::kOrganisation, partner->value.id};
    lc.query = "Harbin Institute of Technology";
    for (const model::ListSnapshot& snap : checker.snapshots())
      lc.snapshots.push_back({snap.list_id, snap.version_date, snap.content_hash});
    for (const checking::ListHit& h : checker.Check(lc.query, {.kind = names::Kind::kOrganisation}).hits)
      lc.hits.push_back({{h.list_id, h.snapshot_version, h.snapshot_hash},
                         h.entry_id,
                         h.primary_name,
                         h.match.record_name,
                         h.match.score,
                         h.match.explanation});
    s.lists = lc;
    if (auto att = store.AttachScreening(officer, c->value.id, s); !att) return att.error();
    last = c->value.id;
  }
  return std::make_pair(lead->value.id, last);
}

}  // namespace

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::string tenant = "inst_tohoku";
  std::string last_case;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::CaseStore> store;
  std::unique_ptr<checking::EntityChecker> checker;
  if (argc > 1) {
    storage::Options dbo;
    dbo.pool_size = 32;  // the 64 workers share them
    auto opened = storage::Database::Open(argv[1], dbo);
    if (!opened) return std::cerr << opened.error().ToString() << "\n", 1;
    db = std::move(*opened);
    if (auto m = db->Migrate(); !m) return std::cerr << m.error().ToString() << "\n", 1;
    storage::CaseStoreOptions co;
    co.risk_categories = HF_DATA_DIR "/workflow/risk_categories.tsv";
    co.measure_catalogue = HF_DATA_DIR "/workflow/measures.tsv";
    co.review_stages = HF_DATA_DIR "/workflow/review_stages.tsv";
    auto cs = storage::CaseStore::Open(*db, co);
    if (!cs) return std::cerr << cs.error().ToString() << "\n", 1;
    store = std::move(*cs);
    std::vector<model::ListSnapshot> snapshots;
    for (const char* f : {HF_DATA_DIR "/lists/jp_meti_eul.jsonl", HF_DATA_DIR "/lists/us_entity_list.jsonl"}) {
      auto s = lists::ReadSnapshot(f);
      if (!s) return std::cerr << s.error().ToString() << "\n", 1;
      snapshots.push_back(std::move(*s));
    }
    auto c = checking::EntityChecker::Build(std::move(snapshots), std::nullopt, {});
    if (!c) return std::cerr << c.error().ToString() << "\n", 1;
    checker = std::make_unique<checking::EntityChecker>(std::move(*c));
    auto seeded = Seed(*store, *checker, argc > 2 ? std::atoi(argv[2]) : 200);
    if (!seeded) return std::cerr << seeded.error().ToString() << "\n", 1;
    tenant = seeded->first;
    last_case = seeded->second;
  }

  auth::PasswordOptions cheap;  // only the setup signs in
  cheap.opslimit = 1;
  cheap.memlimit = 8 << 10;
  auth::PasswordHasher hasher(cheap);
  testing::InMemoryAccountStore accounts_store;
  auth::InMemoryThrottleStore throttle;
  auth::AccountsOptions ao;
  ao.password = cheap;
  auth::Accounts accounts(accounts_store, throttle, ao);
  auth::User u;
  u.username = "sato.hanako";
  u.display_name = "佐藤 花子";
  u.roles = {access::Role::kSecurityOfficer};
  u.tenant_id = tenant;
  accounts_store.AddUser(u, "Hirosaki apple orchard 7", hasher);
  auto login = accounts.Login("sato.hanako", "Hirosaki apple orchard 7", "127.0.0.1", "bench");
  auto owner = accounts.AuthenticateSession(login->session_token);
  auto token = accounts.CreateToken(
      *owner, "wrk", {access::Action::kListsRead, access::Action::kCaseRead, access::Action::kPersonWrite},
      std::nullopt);

  server::Options o;
  o.port = 0;
  o.log_path = "/dev/null";
  // HF_BENCH_MAX_ACTIVE: server.max_active_requests for side-by-side runs (default: the server's;
  // 64 = the worker count = no limit).
  if (const char* n = std::getenv("HF_BENCH_MAX_ACTIVE")) o.max_active_requests = std::atoi(n);
  server::Server http(o);
  server::AddAccountRoutes(http, accounts, {});
  if (store) server::AddResourceRoutes(http, {store.get(), checker.get(), nullptr}, {});
  auto port = http.Start();
  if (!port) {
    std::cerr << port.error().ToString() << "\n";
    return 1;
  }
  std::cout << "port " << *port << "\ntoken " << token->secret << "\n";
  if (!last_case.empty()) std::cout << "case " << last_case << "\n";
  std::cout << std::flush;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.Stop();
  });
  http.Wait();
  waiter.join();
  return 0;
}
