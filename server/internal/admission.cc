// SPDX-License-Identifier: Apache-2.0
#include "server/internal/admission.h"

#include "base/check.h"

namespace highfence::server::internal {

Admission::Admission(int permits) : permits_(permits), free_(permits) {
  HF_CHECK(permits >= 1);
}

void Admission::Acquire() {
  std::unique_lock lock(mu_);
  if (free_ > 0 && waiting_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  waiting_.push_back(&me);
  me.cv.wait(lock, [&] { return me.granted; });
}

void Admission::Release() {
  std::lock_guard lock(mu_);
  if (waiting_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->granted = true;
  next->cv.notify_one();  // under the lock: `next` lives on its thread's stack until it wakes
}

int Admission::Waiting() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(waiting_.size());
}

int Admission::InUse() const {
  std::lock_guard lock(mu_);
  return permits_ - free_;
}

}  // namespace highfence::server::internal
