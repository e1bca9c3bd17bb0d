// SPDX-License-Identifier: Apache-2.0
#pragma once
// Config: everything `highfence serve` can be told (設定), from a TOML file and HIGHFENCE_*
// environment variables; the environment overrides the file, command-line flags override both.
// Every key, its variable, default and meaning is in one table (config.cc), from which
// docs/configuration.md is generated (a test checks the two agree).
//
//   auto config = server::LoadConfig("/etc/highfence/highfence.toml", server::ProcessEnvironment());
//   server::Server s(config->server);
//
// Unknown keys in the file are refused (a typo must not silently keep a default).
#include <map>
#include <string>

#include "base/result.h"
#include "server/auth/accounts.h"
#include "server/server.h"
#include "storage/database.h"

namespace highfence::server {

struct Config {
  Options server;
  auth::AccountsOptions accounts;
  std::string database_url;  // "" = none (only the infrastructure routes are served)
  // The server's pool and connect timeout (database.pool_size, database.connect_timeout_seconds);
  // defaults differ from storage's: 16 connections, 5 s (so /readyz answers soon when
  // PostgreSQL is down).
  storage::Options database = [] {
    storage::Options o;
    o.pool_size = 16;
    o.connect_timeout_seconds = 5;
    return o;
  }();
};

// `path` "" = no file. `env` holds the HIGHFENCE_* variables to apply (see ProcessEnvironment).
// Fails with kInvalidArgument naming the file and line, or the variable, and the key.
Result<Config> LoadConfig(const std::string& path, const std::map<std::string, std::string>& env);
// The HIGHFENCE_* variables of this process.
std::map<std::string, std::string> ProcessEnvironment();
// "host:port" → host and port; "[::1]:8080" for IPv6. kInvalidArgument naming `what`.
Result<void> ParseListen(const std::string& text, const std::string& what, Options* options);
// The key table as Markdown, for docs/configuration.md.
std::string RenderConfigurationTable();

}  // namespace highfence::server
