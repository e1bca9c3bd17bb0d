// SPDX-License-Identifier: Apache-2.0
#include "cli/progress.h"

#include <cstdio>

namespace highfence::cli {

void Progress::Step(const std::string& label) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  if (!enabled_ || total_ == 0) return;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done_ / total_);
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu %-40.40s", bar.c_str(), done_, total_, label.c_str());
  std::fflush(stderr);
}

void Progress::Done() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (enabled_ && total_ > 0) std::fprintf(stderr, "\r%-90s\r", "");
}

}  // namespace highfence::cli
