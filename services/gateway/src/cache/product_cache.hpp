#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

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
};

// Product reads (`product`, `products`) cached in Redis as JSON text under versioned keys:
// `<prefix>:v<N>:<key>`, where N is the counter at `<prefix>:version`. Invalidation is one INCR
// of that counter, so every replica stops seeing every older entry at once and TTL reclaims
// them; a fill that raced an invalidation lands under the old version, where nobody reads.
// Redis trouble is never the caller's: a failed read is a miss (counted as an error) and the
// caller asks product-service. Thread-safe; coroutines resume on the caller's executor.
class ProductCache {
 public:
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

  // One round trip (a Lua script reads the version and the entry together).
  boost::asio::awaitable<Lookup> get(const std::string& key);
  // Stores `value` under `key` for the version `lookup` saw, with the TTL. Failures are
  // counted and otherwise ignored.
  boost::asio::awaitable<void> fill(const Lookup& lookup, const std::string& key,
                                    const std::string& value);
  // Bumps the version: every cached product read is gone for every replica. False when Redis
  // could not be told (entries then live until their TTL).
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
};

}  // namespace ecn::gateway::cache
