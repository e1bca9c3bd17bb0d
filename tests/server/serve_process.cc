// SPDX-License-Identifier: Apache-2.0
#include "tests/server/serve_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/support/cli.h"

extern char** environ;

namespace highfence::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::unique_ptr<ServeProcess> ServeProcess::Start(const std::string& url, const TempDir& dir, const std::string& name,
                                                  const std::vector<std::string>& extra) {
  auto p = std::unique_ptr<ServeProcess>(new ServeProcess());
  p->out_path_ = (dir.path() / (name + ".out")).string();
  p->err_path_ = (dir.path() / (name + ".err")).string();
  const std::string bin = (BinaryDir() / "cli" / "highfence").string();
  std::vector<std::string> args = {bin, "serve", "--db", url, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, p->out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, p->err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  int rc = posix_spawn(&p->pid_, bin.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << bin << ": " << rc;
    return nullptr;
  }
  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = ReadAll(p->out_path_);
    if (std::regex_search(out, m, listening)) {
      p->port_ = std::stoi(m[1]);
      return p;
    }
    int status = 0;
    if (waitpid(p->pid_, &status, WNOHANG) == p->pid_) {
      p->pid_ = -1;
      ADD_FAILURE() << "serve exited before listening:\n" << out << ReadAll(p->err_path_);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "serve did not listen within 20 s:\n" << ReadAll(p->out_path_) << ReadAll(p->err_path_);
  return nullptr;
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ServeProcess::Stdout() const {
  return ReadAll(out_path_);
}
std::string ServeProcess::Stderr() const {
  return ReadAll(err_path_);
}

int ServeProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void AddUserWithCli(const std::string& url, const TempDir& dir, const std::string& login, const std::string& tenant,
                    const std::string& roles_flags, const std::string& password) {
  auto file = dir.Write(login + ".password", password + "\n");
  CommandRun r = Highfence("user add " + Quote(login) + " --tenant " + Quote(tenant) + " " + roles_flags +
                               " --password-stdin --db " + Quote(url) + " < " + Quote(file.string()),
                           /*merge_stderr=*/true);
  if (r.status != 0) ADD_FAILURE() << "user add " << login << ": " << r.out;
}

}  // namespace highfence::testing
