// SPDX-License-Identifier: Apache-2.0
#pragma once
// Progress: a one-line progress bar on stderr for batches ("[#####.....] 12/40 name.pdf").
// Thread-safe; silent when disabled (not a terminal, or --no-progress).
#include <cstddef>
#include <mutex>
#include <string>

namespace highfence::cli {

class Progress {
 public:
  Progress(size_t total, bool enabled) : total_(total), enabled_(enabled) {}
  void Step(const std::string& label);
  void Done();

 private:
  std::mutex mutex_;
  size_t total_;
  size_t done_ = 0;
  bool enabled_;
};

}  // namespace highfence::cli
