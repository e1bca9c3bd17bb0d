// SPDX-License-Identifier: Apache-2.0
#include "tests/support/data.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace highfence::testing {

namespace fs = std::filesystem;

fs::path SourceDir() {
  if (const char* dir = std::getenv("HF_SOURCE_DIR")) return dir;
  return HF_SOURCE_DIR_DEFAULT;
}

fs::path BinaryDir() {
  if (const char* dir = std::getenv("HF_BINARY_DIR")) return dir;
  return HF_BINARY_DIR_DEFAULT;
}

fs::path SharedData(const std::string& relative) {
  fs::path base = std::getenv("HF_SHARED_DATA_DIR") ? fs::path(std::getenv("HF_SHARED_DATA_DIR"))
                                                    : fs::path(HF_SHARED_DATA_DIR_DEFAULT);
  fs::path p = base / relative;
  if (!fs::exists(p)) ADD_FAILURE() << "shared data file missing: " << p;
  return p;
}

fs::path RepoPath(const std::string& relative) {
  fs::path p = SourceDir() / relative;
  if (!fs::exists(p)) ADD_FAILURE() << "repository file missing: " << p;
  return p;
}

std::string ReadFileOrFail(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  fs::path root =
      std::getenv("HF_BINARY_DIR") ? fs::path(std::getenv("HF_BINARY_DIR")) / "tmp" : fs::temp_directory_path();
  path_ = root / ("hf-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::Write(const std::string& name, const std::string& bytes) const {
  fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
  return p;
}

}  // namespace highfence::testing
