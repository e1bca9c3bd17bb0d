// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/serve.h"

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli/version.h"
#include "server/config.h"
#include "server/server.h"

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
  if (!a.db.empty()) config->database_url = a.db;
  if (!config->database_url.empty())
    return Fail(MakeError(ErrorCode::kUnimplemented,
                          "--db " + config->database_url +
                              ": the case store is not built into this binary yet; run without --db to serve "
                              "/healthz, /readyz, /metrics and /api/openapi.json"));

  // SIGTERM / SIGINT are taken by one thread with sigwait: block them before any thread starts so
  // the workers inherit the mask, then stop gracefully (in-flight requests finish).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Server http(config->server);
  auto port = http.Start();
  if (!port) return Fail(port.error());
  const std::string& host = config->server.host;
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "highfence " << kVersion << ": listening on "
            << (config->server.tls_cert_file.empty() ? "http" : "https") << "://" << shown << ":" << *port
            << "/ (health: /healthz, metrics: /metrics, API: /api/openapi.json)" << std::endl;
  std::cout << "highfence: no database: serving the infrastructure routes only" << std::endl;

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
      app.add_subcommand("serve", "Serve the HTTP API (health, metrics, OpenAPI; accounts and cases with --db)");
  cmd->add_option("--db", args->db, "Database URL: sqlite:PATH or postgresql://… (overrides database.url)");
  cmd->add_option("--listen", args->listen, "ADDR:PORT to listen on (overrides server.listen; default 127.0.0.1:8080)");
  cmd->add_option("--config", args->config, "TOML configuration file (docs/configuration.md)")
      ->check(CLI::ExistingFile);
  cmd->callback([args, &status] { status = Serve(*args); });
}

}  // namespace highfence::cli
