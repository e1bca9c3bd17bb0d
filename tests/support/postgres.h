// SPDX-License-Identifier: Apache-2.0
#pragma once
// A real PostgreSQL 15 for the tests of one test binary (storage tests run on SQLite and on this;
// no mocks). On first use it copies a cluster made once per build tree by initdb
// (build/<preset>/tmp/pg-template-15; $TMPDIR/hf-pg-tests when the postgres user cannot reach the
// build tree, e.g. a checkout under /root), starts it on a free loopback port with its socket in
// its own directory and fsync off, and stops and removes it when the tests end (a gtest Environment).
// Clusters left by a crashed test binary are stopped and removed by the next start.
// If the PostgreSQL server binaries are missing the calling test FAILS with the reason: it is
// never skipped. As root, initdb and postgres run as the `postgres` user (runuser).
//
//   std::string url = testing::PostgresServer::Get().NewDatabase();   // fresh, empty
//   auto db = storage::Database::Open(url, {});
#include <filesystem>
#include <string>

namespace highfence::testing {

class PostgresServer {
 public:
  // The binary's server, started on first call. Fails the current test (ADD_FAILURE) if it
  // cannot be started; ok() is then false and NewDatabase() returns "".
  static PostgresServer& Get();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  // A new empty database; its URL "postgresql://postgres@127.0.0.1:<port>/hf_<n>".
  std::string NewDatabase();
  // The URL of an existing database of this server.
  std::string Url(const std::string& database) const;
  // Stops the server and removes its directory (the Environment calls it at exit).
  void Stop();

 private:
  PostgresServer();
  void Start();

  std::filesystem::path bin_;  // /usr/lib/postgresql/15/bin or $HF_PG_BIN_DIR
  std::filesystem::path dir_;  // build/<preset>/tmp/pg-<pid>: data/, server.log, the socket
  int port_ = 0;
  int databases_ = 0;
  bool running_ = false;
  std::string error_;
};

// A loopback port with nothing listening on it (for unreachable-server tests).
int ClosedLoopbackPort();

}  // namespace highfence::testing
