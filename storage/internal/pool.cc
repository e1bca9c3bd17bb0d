// SPDX-License-Identifier: Apache-2.0
#include "storage/internal/pool.h"

#include "base/check.h"

namespace highfence::storage::internal {

Pool::Pool(Factory factory, int size) : factory_(std::move(factory)), size_(size) {
  HF_CHECK(size >= 1);
}

Pool::Lease::~Lease() {
  if (pool_ && conn_) pool_->Return(std::move(conn_));
}

Result<Pool::Lease> Pool::Acquire() {
  {
    std::unique_lock lock(mu_);
    ++waiting_;
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    --waiting_;
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot; open outside the lock
  }
  auto conn = factory_();
  if (!conn) {
    std::lock_guard lock(mu_);
    --open_;
    available_.notify_one();
    return conn.error();
  }
  return Lease(this, std::move(*conn));
}

void Pool::Adopt(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  HF_CHECK(open_ < size_);
  ++open_;
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

void Pool::CloseIdle() {
  std::vector<std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mu_);
    closing.swap(idle_);
    open_ -= static_cast<int>(closing.size());
    available_.notify_all();
  }
}

Pool::Stats Pool::stats() {
  std::lock_guard lock(mu_);
  return Stats{size_, open_, open_ - static_cast<int>(idle_.size()), waiting_};
}

void Pool::Return(std::unique_ptr<Connection> conn) {
  std::unique_ptr<Connection> closing;
  std::lock_guard lock(mu_);
  if (conn->healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    closing = std::move(conn);
    --open_;
  }
  available_.notify_one();
}

}  // namespace highfence::storage::internal
