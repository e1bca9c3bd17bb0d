// SPDX-License-Identifier: Apache-2.0
#pragma once
// A fixed-size pool of connections shared by the threads of one process. Connections are opened
// lazily up to `size`; a thread that finds every connection in use waits for one to come back.
// A connection that reports !healthy() when it is returned is closed instead of kept.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.h"
#include "storage/internal/connection.h"

namespace highfence::storage::internal {

class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  // REQUIRES: size >= 1.
  Pool(Factory factory, int size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A connection on loan; returned to the pool when the Lease dies.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection, a new one while fewer than `size` exist, else waits. Fails only when
  // opening a new connection fails (the error of the factory).
  Result<Lease> Acquire();
  // Adds an already open connection (the one Database::Open checked the database with).
  void Adopt(std::unique_ptr<Connection> conn);
  // Closes every idle connection (after a restore, so no connection keeps a stale view).
  void CloseIdle();

  struct Stats {
    int size = 0;     // the most connections the pool opens
    int open = 0;     // opened and not closed (idle + on loan)
    int in_use = 0;   // on loan
    int waiting = 0;  // threads waiting in Acquire for a connection
  };
  Stats stats();

 private:
  void Return(std::unique_ptr<Connection> conn);

  Factory factory_;
  const int size_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + on loan
  int waiting_ = 0;
};

}  // namespace highfence::storage::internal
