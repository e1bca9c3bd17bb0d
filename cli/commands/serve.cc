// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/serve.h"

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli/commands/db.h"
#include "cli/version.h"
#include "domain/checking/entity_checker.h"
#include "domain/screening/screener.h"
#include "server/config.h"
#include "server/database_accounts.h"
#include "server/serve_setup.h"
#include "server/server.h"
#include "storage/account_store.h"

namespace highfence::cli {
namespace {

struct ServeArgs {
  std::string db;
  std::string listen;
  std::string config;
};

int Serve(const ServeArgs& a) {
  auto config = server::LoadConfig(a.config, server::ProcessEnvironment());
  if (!config) return Fail(config.error());
  if (!a.listen.empty())
    if (auto r = server::ParseListen(a.listen, "--listen", &config->server); !r) return Fail(r.error());
  // --db, else database.url (file or HIGHFENCE_DATABASE_URL), else $HIGHFENCE_DB, else the
  // embedded default sqlite:highfence.db.
  const std::string url = DatabaseUrl(!a.db.empty() ? a.db : config->database_url);
  auto db = storage::Database::Open(url, config->database);
  if (!db) return Fail(db.error());
  if ((*db)->backend() == storage::Backend::kSqlite) {
    // One office, one file: create and migrate it on first start (and after an upgrade).
    auto applied = (*db)->Migrate();
    if (!applied) return Fail(applied.error());
    if (!applied->empty())
      std::cout << "highfence: " << (*db)->description() << ": applied " << applied->size()
                << " migration(s); schema is at version " << applied->back() << std::endl;
  } else if (auto ready = server::DatabaseReady(**db); !ready) {
    // Replicas on PostgreSQL never migrate by themselves (one `highfence db migrate` per
    // upgrade); until then /readyz answers 503 with this reason.
    std::cout << "highfence: warning: " << ready.error().message << " (/readyz answers 503 until then)" << std::endl;
  }
  const std::string url_shown = (*db)->description();  // never the password of a PostgreSQL URL
  storage::AccountStore account_store(**db);
  auto has_admin = account_store.HasAdministrator();
  server::DatabaseAccountStore store(**db);
  auth::Accounts accounts(store, store, config->accounts);

  // SIGTERM / SIGINT are taken by one thread with sigwait: block them before any thread starts so
  // the workers inherit the mask, then stop gracefully (in-flight requests finish).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Server http(config->server);
  auto services = server::LoadServeServices(**db, DefaultDataDir());
  if (!services) return Fail(services.error());
  server::AddServeRoutes(http, **db, accounts, *services);
  auto port = http.Start();
  if (!port) return Fail(port.error());
  const std::string& host = config->server.host;
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "highfence " << kVersion << ": listening on "
            << (config->server.tls_cert_file.empty() ? "http" : "https") << "://" << shown << ":" << *port
            << "/ (health: /healthz, metrics: /metrics, API: /api/openapi.json)" << std::endl;
  std::cout << "highfence: database " << (*db)->description() << "; " << services->checker->snapshots().size()
            << " list snapshots, keyword list " << services->screener->keywords().version << std::endl;
  if (has_admin && !*has_admin) {
    std::cout << "highfence: no administrator yet; create the first one with\n"
              << "  highfence user add LOGIN --tenant INSTITUTION_ID --admin --password-stdin --db " << url_shown
              << "\n(then sign in with POST /v1/session)" << std::endl;
  }

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cout << "highfence: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ": stopping, finishing requests in flight"
              << std::endl;
    http.Stop();
  });
  http.Wait();
  waiter.join();
  std::cout << "highfence: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd =
      app.add_subcommand("serve", "Serve the HTTP API on a database (created and migrated on first start for SQLite)");
  cmd->add_option("--db", args->db,
                  "Database URL: sqlite:PATH or postgresql://… (overrides database.url; default $HIGHFENCE_DB, else "
                  "sqlite:highfence.db)");
  cmd->add_option("--listen", args->listen, "ADDR:PORT to listen on (overrides server.listen; default 127.0.0.1:8080)");
  cmd->add_option("--config", args->config, "TOML configuration file (docs/configuration.md)")
      ->check(CLI::ExistingFile);
  cmd->callback([args, &status] { status = Serve(*args); });
}

}  // namespace highfence::cli
