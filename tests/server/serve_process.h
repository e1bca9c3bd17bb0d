// SPDX-License-Identifier: Apache-2.0
#pragma once
// The real `highfence serve` as a child process on a loopback port (tests of several replicas,
// first start, readiness and SIGTERM). Standard output and error go to files in `dir`.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/support/data.h"

namespace highfence::testing {

class ServeProcess {
 public:
  // `highfence serve --db url --listen 127.0.0.1:0 [extra…]`; waits (up to 20 s) for its
  // "listening on" line. nullptr (and an ADD_FAILURE with its output) if it does not start.
  static std::unique_ptr<ServeProcess> Start(const std::string& url, const TempDir& dir, const std::string& name,
                                             const std::vector<std::string>& extra = {});
  ~ServeProcess();  // SIGKILL if still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string Stdout() const;
  std::string Stderr() const;
  // Sends SIGTERM and waits; the exit status (-1 if killed by a signal).
  int Terminate();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string out_path_;
  std::string err_path_;
};

// "sqlite:…" / "postgresql://…" URL of a user added with the CLI (password on stdin). Fails
// the test (ADD_FAILURE) on a non-zero exit.
void AddUserWithCli(const std::string& url, const TempDir& dir, const std::string& login, const std::string& tenant,
                    const std::string& roles_flags, const std::string& password);

}  // namespace highfence::testing
