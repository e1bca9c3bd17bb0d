// SPDX-License-Identifier: Apache-2.0
#include "server/auth/throttle.h"

#include <algorithm>

namespace highfence::auth {
namespace {

std::string AccountKey(const std::string& username) {
  std::string key = "account:";
  for (char c : username) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

constexpr size_t kPruneAbove = 100000;

}  // namespace

Result<Attempts> InMemoryThrottleStore::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = attempts_.find(key);
  return it == attempts_.end() ? Attempts{} : it->second;
}

Result<Attempts> InMemoryThrottleStore::AddFailure(const std::string& key, TimePoint now,
                                                   std::chrono::seconds forget_after) {
  std::lock_guard lock(mu_);
  if (attempts_.size() > kPruneAbove)
    std::erase_if(attempts_, [&](const auto& kv) { return now - kv.second.last_failure > forget_after; });
  Attempts& a = attempts_[key];
  if (a.failures > 0 && now - a.last_failure > forget_after) a.failures = 0;
  ++a.failures;
  a.last_failure = now;
  return a;
}

Result<void> InMemoryThrottleStore::Clear(const std::string& key) {
  std::lock_guard lock(mu_);
  attempts_.erase(key);
  return Ok();
}

std::chrono::seconds LoginThrottle::LockLeft(const Attempts& a, int free_failures, TimePoint now) const {
  if (a.failures < free_failures || now - a.last_failure > options_.forget_after) return std::chrono::seconds(0);
  int doublings = std::min(a.failures - free_failures, 30);
  auto delay = std::min<std::chrono::seconds>(options_.base_delay * (int64_t{1} << doublings), options_.max_delay);
  auto left = std::chrono::ceil<std::chrono::seconds>(a.last_failure + delay - now);
  return std::max(left, std::chrono::seconds(0));
}

Result<std::chrono::seconds> LoginThrottle::Delay(const std::string& username, const std::string& address,
                                                  TimePoint now) {
  auto account = store_.Get(AccountKey(username));
  if (!account) return account.error();
  auto addr = store_.Get("address:" + address);
  if (!addr) return addr.error();
  return std::max(LockLeft(*account, options_.account_free_failures, now),
                  LockLeft(*addr, options_.address_free_failures, now));
}

Result<void> LoginThrottle::RecordFailure(const std::string& username, const std::string& address, TimePoint now) {
  auto a = store_.AddFailure(AccountKey(username), now, options_.forget_after);
  if (!a) return a.error();
  auto b = store_.AddFailure("address:" + address, now, options_.forget_after);
  if (!b) return b.error();
  return Ok();
}

Result<void> LoginThrottle::RecordSuccess(const std::string& username) {
  return store_.Clear(AccountKey(username));
}

}  // namespace highfence::auth
