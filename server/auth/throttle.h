// SPDX-License-Identifier: Apache-2.0
#pragma once
// Login throttling (ログイン試行制限): failed logins are counted per account and per client
// address; past a number of free failures each further one locks the key for an exponentially
// growing delay (1 s, 2 s, 4 s … capped), and failures are forgotten after a quiet period. A
// locked key answers 429 with Retry-After before the password is even checked.
//
//   LoginThrottle throttle(store, ThrottleOptions{});
//   if (auto wait = throttle.Delay("yamada", "192.0.2.7", now); wait && *wait) → 429
//   throttle.RecordFailure("yamada", "192.0.2.7", now);
//
// The counts live in a ThrottleStore: InMemoryThrottleStore for one process, a database-backed
// one (storage/, later) so that several replicas share them. Thread-safe if the store is.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"

namespace highfence::auth {

using TimePoint = std::chrono::system_clock::time_point;

struct Attempts {
  int failures = 0;
  TimePoint last_failure;
};

class ThrottleStore {
 public:
  virtual ~ThrottleStore() = default;
  // Current count for `key` ("account:yamada", "address:192.0.2.7"); zero if unknown.
  virtual Result<Attempts> Get(const std::string& key) = 0;
  // Atomically: if the last failure is older than `forget_after`, start from zero; add one
  // failure at `now`; return the new count. Several replicas may call this concurrently.
  virtual Result<Attempts> AddFailure(const std::string& key, TimePoint now, std::chrono::seconds forget_after) = 0;
  virtual Result<void> Clear(const std::string& key) = 0;
};

// One process's counts in a map; entries past their quiet period are pruned as it grows.
class InMemoryThrottleStore final : public ThrottleStore {
 public:
  Result<Attempts> Get(const std::string& key) override;
  Result<Attempts> AddFailure(const std::string& key, TimePoint now, std::chrono::seconds forget_after) override;
  Result<void> Clear(const std::string& key) override;

 private:
  std::mutex mu_;
  std::map<std::string, Attempts> attempts_;
};

struct ThrottleOptions {
  int account_free_failures = 5;               // failures on one account before delays start. Default: 5.
  int address_free_failures = 20;              // failures from one address (many users behind a NAT). Default: 20.
  std::chrono::seconds base_delay{1};          // first delay, doubled per further failure. Default: 1 s.
  std::chrono::seconds max_delay{15 * 60};     // cap of the delay. Default: 15 min.
  std::chrono::seconds forget_after{15 * 60};  // quiet period after which failures are forgotten. Default: 15 min.
};

class LoginThrottle {
 public:
  LoginThrottle(ThrottleStore& store, ThrottleOptions options) : store_(store), options_(options) {}
  // How long the account or the address is still locked; zero if not locked.
  Result<std::chrono::seconds> Delay(const std::string& username, const std::string& address, TimePoint now);
  Result<void> RecordFailure(const std::string& username, const std::string& address, TimePoint now);
  // A successful login clears the account's count (not the address's: one good account must not
  // reset a password-spraying address).
  Result<void> RecordSuccess(const std::string& username);

 private:
  std::chrono::seconds LockLeft(const Attempts& a, int free_failures, TimePoint now) const;
  ThrottleStore& store_;
  ThrottleOptions options_;
};

}  // namespace highfence::auth
