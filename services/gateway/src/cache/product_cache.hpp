#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "ecn/ops/metrics.hpp"

namespace ecn::gateway::redis {
class RedisClient;
}

namespace ecn::gateway::cache {

// PRODUCT_CACHE_* settings.
struct ProductCacheSettings {
  bool enabled = true;
  std::chrono::seconds ttl{60};                 // PRODUCT_CACHE_TTL_SECONDS
  std::string key_prefix = "gateway:products";  // shared by every gateway replica
  // PRODUCT_CACHE_LOCAL_TTL_MS: how long this replica keeps a read in memory (0: never).
  std::chrono::milliseconds local_ttl{1000};
  std::size_t local_capacity = 10000;  // entries; a full copy is emptied, not evicted piecemeal
};

// Product reads (`product`, `products`) cached in Redis as JSON text under versioned keys:
// `<prefix>:v<N>:<key>`, where N is the counter at `<prefix>:version`. Invalidation is one INCR
// of that counter, so every replica stops seeing every older entry at once and TTL reclaims
// them; a fill that raced an invalidation lands under the old version, where nobody reads.
// Redis trouble is never the caller's: a failed read is a miss (counted as an error) and the
// caller asks product-service. Thread-safe; coroutines resume on the caller's executor.
//
// In front of Redis, each replica keeps what it read for `local_ttl` (one second by default),
// so a hot read costs neither a Redis round trip nor a JSON parse. Every invalidation this
// replica sees (its own addProduct, a product-created event, a partition reassignment)
// empties that copy at once; one made elsewhere reaches it with the event, and `local_ttl`
// bounds the staleness when events are late or lost.
class ProductCache {
 public:
  // Invalidations seen by this replica so far; a read that started at another count must not
  // store into the local copy (an invalidation may have raced it).
  using Generation = std::uint64_t;

  // What a read found: the cached text on a hit, and the version to fill under on a miss
  // (none when Redis failed, so nothing is filled).
  struct Lookup {
    std::optional<std::string> value;
    std::optional<std::string> version;
  };

  // `redis` may be null (no Redis configured: every read is a miss, nothing is counted as an
  // error); both must outlive the cache.
  ProductCache(redis::RedisClient* redis, ProductCacheSettings settings,
               ops::MetricsRegistry& registry);

  bool enabled() const { return redis_ != nullptr && settings_.enabled; }

  Generation generation() const { return generation_.load(std::memory_order_acquire); }
  // This replica's copy of `key` (copied into an arena of its own), if fresh.
  std::optional<boost::json::value> local(const std::string& key);
  // Keeps `value` as this replica's copy of `key`, unless an invalidation happened since
  // `seen` was read.
  void keep_local(const std::string& key, const boost::json::value& value, Generation seen);

  // One round trip (a Lua script reads the version and the entry together).
  boost::asio::awaitable<Lookup> get(const std::string& key);
  // Stores `value` under `key` for the version `lookup` saw, with the TTL. Failures are
  // counted and otherwise ignored.
  boost::asio::awaitable<void> fill(const Lookup& lookup, const std::string& key,
                                    const std::string& value);
  // Empties this replica's copy and bumps the version: every cached product read is gone for
  // every replica. False when Redis could not be told (entries then live until their TTL).
  boost::asio::awaitable<bool> invalidate();

 private:
  redis::RedisClient* redis_;
  ProductCacheSettings settings_;
  std::string version_key_;
  ops::Counter& hits_;
  ops::Counter& misses_;
  ops::Counter& errors_;
  ops::Counter& invalidations_;
  ops::Counter& invalidation_failures_;
  ops::Counter& local_hits_;

  struct LocalEntry {
    boost::json::value value;
    std::chrono::steady_clock::time_point expires;
  };
  std::atomic<Generation> generation_{0};
  std::mutex local_mutex_;
  std::unordered_map<std::string, LocalEntry> local_;
};

}  // namespace ecn::gateway::cache
