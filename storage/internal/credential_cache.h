// SPDX-License-Identifier: Apache-2.0
#pragma once
// The credential cache of one process (Options::credential_cache): what AccountStore's
// FindSessionWithUser / FindApiTokenWithUser read, kept for a short time so that a request does
// not make a database round trip only to authenticate (on PostgreSQL that round trip is most of
// a small request's cost, docs/benchmarks.md). Shared by every AccountStore over one Database.
//
// Freshness: an entry is served for at most `ttl` after it was read. Every committed write of
// this process that can change what an entry says (a session or token revoked, a user updated,
// disabled or given a new password, an institution changed, a restore) empties the cache at
// commit (Transaction::Rep::invalidate_credentials), and a read that raced with such a write is
// not stored (the generation it started under is gone). What another process writes (the CLI,
// another replica) is seen after at most `ttl`: the revocation delay docs/security.md states.
// last_seen_at / last_used_at are updated in place by the touches, so the once-a-minute touch
// of auth/accounts stays once a minute. Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "storage/account_store.h"

namespace highfence::storage::internal {

class CredentialCache {
 public:
  // ttl 0: disabled (every call reads nothing and stores nothing).
  explicit CredentialCache(std::chrono::milliseconds ttl) : ttl_(ttl) {}

  bool enabled() const { return ttl_.count() > 0; }
  // Taken before the database read whose result may be stored with Put*.
  uint64_t generation() const {
    std::lock_guard lock(mu_);
    return generation_;
  }

  std::optional<std::pair<SessionRow, UserAccount>> FindSession(std::string_view token_hash) const {
    return Find(sessions_, token_hash);
  }
  std::optional<std::pair<ApiTokenRow, UserAccount>> FindToken(std::string_view token_id) const {
    return Find(tokens_, token_id);
  }
  // Stores what was read under `generation`, unless a write has invalidated the cache since.
  void PutSession(uint64_t generation, const std::pair<SessionRow, UserAccount>& found) {
    Put(sessions_, generation, found.first.token_hash, found);
  }
  void PutToken(uint64_t generation, const std::pair<ApiTokenRow, UserAccount>& found) {
    Put(tokens_, generation, found.first.id, found);
  }
  void TouchSession(std::string_view token_hash, TimePoint at) {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(std::string(token_hash));
        it != sessions_.end() && it->second.value.first.last_seen_at < at)
      it->second.value.first.last_seen_at = at;
  }
  void TouchToken(std::string_view token_id, TimePoint at) {
    std::lock_guard lock(mu_);
    if (auto it = tokens_.find(std::string(token_id)); it != tokens_.end()) it->second.value.first.last_used_at = at;
  }
  // Forgets everything; reads in flight will not store their result.
  void Invalidate() {
    std::lock_guard lock(mu_);
    ++generation_;
    sessions_.clear();
    tokens_.clear();
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxEntries = 10000;  // per kind; emptied when full

  template <typename V>
  struct Entry {
    V value;
    Clock::time_point read_at;
  };
  template <typename V>
  using Map = std::unordered_map<std::string, Entry<V>>;

  template <typename V>
  std::optional<V> Find(const Map<V>& map, std::string_view key) const {
    if (!enabled()) return std::nullopt;
    std::lock_guard lock(mu_);
    auto it = map.find(std::string(key));
    if (it == map.end() || Clock::now() - it->second.read_at >= ttl_) return std::nullopt;
    return it->second.value;
  }
  template <typename V>
  void Put(Map<V>& map, uint64_t generation, const std::string& key, const V& value) {
    if (!enabled()) return;
    std::lock_guard lock(mu_);
    if (generation != generation_) return;
    if (map.size() >= kMaxEntries) map.clear();
    map[key] = Entry<V>{value, Clock::now()};
  }

  const std::chrono::milliseconds ttl_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;
  Map<std::pair<SessionRow, UserAccount>> sessions_;
  Map<std::pair<ApiTokenRow, UserAccount>> tokens_;
};

}  // namespace highfence::storage::internal
