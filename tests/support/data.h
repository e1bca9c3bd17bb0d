// SPDX-License-Identifier: Apache-2.0
#pragma once
// Paths to test data. Tests read the official source files in ../shared/data through
// SharedData(); a missing file fails the test loudly (it is never silently skipped).
#include <filesystem>
#include <string>

namespace highfence::testing {

// The repository root ($HF_SOURCE_DIR, else the tree this build was configured from).
std::filesystem::path SourceDir();
// The build directory ($HF_BINARY_DIR, else this build's), e.g. BinaryDir() / "cli/highfence".
std::filesystem::path BinaryDir();
// ../shared/data/<relative>; fails the current test (ADD_FAILURE) if the file is missing.
std::filesystem::path SharedData(const std::string& relative);
// <repo>/<relative> (e.g. "data/keywords", "tests/cases/text/normalize.tsv").
std::filesystem::path RepoPath(const std::string& relative);
// Whole file as bytes; fails the current test if unreadable.
std::string ReadFileOrFail(const std::filesystem::path& path);

// A fresh directory under the build tree, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes bytes to path()/name and returns the full path.
  std::filesystem::path Write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

}  // namespace highfence::testing
