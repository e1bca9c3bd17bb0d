// SPDX-License-Identifier: Apache-2.0
#pragma once
// Admission: at most N requests are worked on at once, and the others wait their turn in
// arrival order.
//
// Each keep-alive connection holds a worker thread (GuardedServer), so 64 connections are 64
// threads. When all of them run request handlers on a 2-core machine, the scheduler shares the
// cores among 64 runnable threads and a request that needs several time slices waits for
// several rounds of all the others: at 64 connections the p99 was 0.3–0.8 s while the median
// was 7 ms (docs/benchmarks.md). Admitting only N at once keeps the run queue short; the rest
// sleep here, first come first served.
//
// Written by hand because std::counting_semaphore makes no promise of order (a waiter can be
// overtaken indefinitely) and a notify_all on every release would wake every waiter to let one
// through. Here a release hands its permit directly to the oldest waiter.
#include <condition_variable>
#include <deque>
#include <mutex>

namespace highfence::server::internal {

class Admission {
 public:
  // permits >= 1.
  explicit Admission(int permits);
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;

  // Blocks until a permit is free and every earlier caller has had one.
  void Acquire();
  // Gives the permit to the oldest waiter, if any. REQUIRES: the caller holds a permit.
  void Release();

  // For the metrics: requests waiting, permits in use.
  int Waiting() const;
  int InUse() const;

 private:
  struct Waiter {
    std::condition_variable cv;
    bool granted = false;
  };
  mutable std::mutex mu_;
  const int permits_;
  int free_;
  std::deque<Waiter*> waiting_;
};

}  // namespace highfence::server::internal
