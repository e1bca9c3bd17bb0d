// SPDX-License-Identifier: Apache-2.0
#include "tests/support/postgres.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <mutex>

#include "tests/support/cli.h"
#include "tests/support/data.h"

namespace highfence::testing {
namespace {

namespace fs = std::filesystem;

bool IsRoot() {
  return ::geteuid() == 0;
}

// Runs a shell command line; returns its exit status and appends its output to `log`.
int Run(const std::string& command, std::string& log) {
  const std::string line = command + " 2>&1";
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) log.append(buf, n);
  const int st = ::pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// A PostgreSQL program, as the postgres user when we are root (initdb and postgres refuse root).
std::string AsPostgres(const fs::path& program, const std::string& args) {
  std::string cmd = Quote(program.string()) + " " + args;
  return IsRoot() ? "runuser -u postgres -- " + cmd : cmd;
}

void GiveToPostgres(const fs::path& path) {
  if (!IsRoot()) return;
  std::string log;
  Run("chown -R postgres:postgres " + Quote(path.string()), log);
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// build/<preset>/tmp, unless the postgres user cannot reach it (a checkout under /root, say):
// then a directory in the system's temporary directory.
fs::path Root() {
  static const fs::path root = [] {
    std::error_code ec;
    fs::path dir = BinaryDir() / "tmp";
    fs::create_directories(dir, ec);
    std::string log;
    if (IsRoot() &&
        Run("runuser -u postgres -- test -r " + Quote(dir.string()) + " -a -x " + Quote(dir.string()), log) != 0) {
      dir = fs::temp_directory_path() / "hf-pg-tests";
      fs::create_directories(dir, ec);
      fs::permissions(dir,
                      fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                          fs::perms::others_exec,
                      ec);
    }
    return dir;
  }();
  return root;
}

// Stops and removes clusters whose owning test process is gone (a crash or kill -9).
void RemoveStale(const fs::path& bin) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(Root(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("pg-", 0) != 0 || name.rfind("pg-template", 0) == 0) continue;
    std::ifstream in(entry.path() / "owner.pid");
    pid_t owner = 0;
    if (!(in >> owner) || owner <= 0) continue;
    if (::kill(owner, 0) == 0 || errno == EPERM) continue;  // still running
    std::string log;
    Run(AsPostgres(bin / "pg_ctl", "-D " + Quote((entry.path() / "data").string()) + " -m immediate -w stop"), log);
    fs::remove_all(entry.path(), ec);
  }
}

// The cluster every test binary copies (initdb takes ~1 s; a copy a few ms). Made once per
// build tree under a file lock, so parallel test binaries share it.
std::string EnsureTemplate(const fs::path& bin, fs::path& templ) {
  templ = Root() / "pg-template-15";
  const fs::path lock_path = Root() / "pg-template-15.lock";
  int fd = ::open(lock_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + lock_path.string();
  ::flock(fd, LOCK_EX);
  std::string error;
  if (!fs::exists(templ / "PG_VERSION")) {
    const fs::path partial = Root() / "pg-template-15.partial";
    std::error_code ec;
    fs::remove_all(partial, ec);
    fs::create_directories(partial);
    GiveToPostgres(partial);
    std::string log;
    int st = Run(AsPostgres(bin / "initdb", "-D " + Quote(partial.string()) +
                                                " -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync"),
                 log);
    if (st != 0) {
      error = "initdb failed (exit " + std::to_string(st) + "): " + log;
    } else {
      fs::rename(partial, templ, ec);
      if (ec) error = "cannot rename the template cluster: " + ec.message();
    }
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  return error;
}

std::mutex g_mu;
PostgresServer* g_server = nullptr;  // set by the first Get()

class PostgresEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_server) g_server->Stop();
  }
};

// Registered when this file is linked in (a test that uses the server); stops it at the end.
[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

PostgresServer::PostgresServer() {
  const char* env = std::getenv("HF_PG_BIN_DIR");
  bin_ = env && *env ? fs::path(env) : fs::path("/usr/lib/postgresql/15/bin");
}

PostgresServer& PostgresServer::Get() {
  static PostgresServer* server = [] {
    g_server = new PostgresServer();  // lives until exit; the Environment stops it
    g_server->Start();
    return g_server;
  }();
  if (!server->ok()) ADD_FAILURE() << "PostgreSQL test server: " << server->error();
  return *server;
}

void PostgresServer::Start() {
  for (const char* tool : {"initdb", "pg_ctl", "postgres", "createdb"}) {
    if (!fs::exists(bin_ / tool)) {
      error_ = (bin_ / tool).string() +
               " not found: the storage tests need the PostgreSQL 15 server binaries (Debian package postgresql, "
               "see scripts/deps.sh) or HF_PG_BIN_DIR pointing at them";
      return;
    }
  }
  std::error_code ec;
  fs::create_directories(Root(), ec);
  RemoveStale(bin_);
  fs::path templ;
  if (std::string e = EnsureTemplate(bin_, templ); !e.empty()) {
    error_ = e;
    return;
  }
  dir_ = Root() / ("pg-" + std::to_string(::getpid()));
  fs::remove_all(dir_, ec);
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "owner.pid") << ::getpid() << "\n"; }
  std::string log;
  if (Run("cp -a " + Quote(templ.string()) + " " + Quote((dir_ / "data").string()), log) != 0) {
    error_ = "cannot copy the template cluster: " + log;
    return;
  }
  GiveToPostgres(dir_);
  for (int attempt = 0; attempt < 5 && !running_; ++attempt) {
    port_ = FreePort();
    log.clear();
    const std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) +
                                " -c unix_socket_directories=" + dir_.string() +
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    int st = Run(AsPostgres(bin_ / "pg_ctl", "-D " + Quote((dir_ / "data").string()) + " -l " +
                                                 Quote((dir_ / "server.log").string()) + " -w -t 30 -o " +
                                                 Quote(options) + " start"),
                 log);
    running_ = st == 0;
  }
  if (!running_) {
    std::string server_log;
    Run("tail -n 20 " + Quote((dir_ / "server.log").string()), server_log);
    error_ = "pg_ctl start failed: " + log + server_log;
  }
}

std::string PostgresServer::Url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::NewDatabase() {
  if (!ok()) return "";
  std::lock_guard lock(g_mu);
  const std::string name = "hf_" + std::to_string(++databases_);
  std::string log;
  int st = Run(
      Quote((bin_ / "createdb").string()) + " -h 127.0.0.1 -p " + std::to_string(port_) + " -U postgres " + name, log);
  if (st != 0) {
    ADD_FAILURE() << "createdb " << name << " failed: " << log;
    return "";
  }
  return Url(name);
}

void PostgresServer::Stop() {
  if (!running_) return;
  std::string log;
  Run(AsPostgres(bin_ / "pg_ctl", "-D " + Quote((dir_ / "data").string()) + " -m immediate -w stop"), log);
  running_ = false;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

int ClosedLoopbackPort() {
  return FreePort();
}

}  // namespace highfence::testing
