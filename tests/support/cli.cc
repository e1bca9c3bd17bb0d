// SPDX-License-Identifier: Apache-2.0
#include "tests/support/cli.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "tests/support/data.h"

namespace highfence::testing {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandRun Highfence(const std::string& args, bool merge_stderr) {
  const std::string bin = (BinaryDir() / "cli" / "highfence").string();
  const std::string cmd = "cd " + Quote(SourceDir().string()) + " && " + Quote(bin) + " " + args +
                          (merge_stderr ? " 2>&1" : " 2>/dev/null");
  CommandRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace highfence::testing
