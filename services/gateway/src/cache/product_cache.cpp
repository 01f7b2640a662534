#include "cache/product_cache.hpp"

#include <spdlog/spdlog.h>

#include "redis/redis_client.hpp"

namespace ecn::gateway::cache {
namespace {

// KEYS[1] the version counter; ARGV[1] the key prefix, ARGV[2] the entry's key. The entry's
// name is built inside the script (fine on one Redis; a cluster would need both keys in one
// hash slot, e.g. a {products} hash tag in the prefix).
constexpr const char* kLookupScript = R"lua(
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. ':v' .. version .. ':' .. ARGV[2])}
)lua";

}  // namespace

ProductCache::ProductCache(redis::RedisClient* redis, ProductCacheSettings settings,
                           ops::MetricsRegistry& registry)
    : redis_(redis),
      settings_(std::move(settings)),
      version_key_(settings_.key_prefix + ":version"),
      hits_(registry.counter("gateway_product_cache_requests_total",
                             "Product reads by cache result (hit ratio = hit / (hit + miss)).",
                             {{"result", "hit"}})),
      misses_(registry.counter("gateway_product_cache_requests_total",
                               "Product reads by cache result (hit ratio = hit / (hit + miss)).",
                               {{"result", "miss"}})),
      errors_(registry.counter("gateway_product_cache_requests_total",
                               "Product reads by cache result (hit ratio = hit / (hit + miss)).",
                               {{"result", "error"}})),
      invalidations_(registry.counter("gateway_product_cache_invalidations_total",
                                      "Catalogue version bumps sent to Redis, by result.",
                                      {{"result", "ok"}})),
      invalidation_failures_(registry.counter("gateway_product_cache_invalidations_total",
                                              "Catalogue version bumps sent to Redis, by result.",
                                              {{"result", "failed"}})) {}

boost::asio::awaitable<ProductCache::Lookup> ProductCache::get(const std::string& key) {
  if (!enabled()) co_return Lookup{};
  auto pending =
      redis_->command({"EVAL", kLookupScript, "1", version_key_, settings_.key_prefix, key});
  auto reply = co_await std::move(pending);
  if (!reply || !reply->is_array() || reply->elements.size() != 2 ||
      !reply->elements[0].is_string()) {
    errors_.inc();
    if (!reply) spdlog::debug("product cache read failed: {}", reply.error().message);
    co_return Lookup{};
  }
  Lookup lookup{std::nullopt, std::move(reply->elements[0].string)};
  if (reply->elements[1].is_string()) {
    hits_.inc();
    lookup.value = std::move(reply->elements[1].string);
  } else {
    misses_.inc();
  }
  co_return lookup;
}

boost::asio::awaitable<void> ProductCache::fill(const Lookup& lookup, const std::string& key,
                                                const std::string& value) {
  if (!enabled() || !lookup.version) co_return;
  auto pending = redis_->command({"SET", settings_.key_prefix + ":v" + *lookup.version + ":" + key,
                                  value, "EX", std::to_string(settings_.ttl.count())});
  auto reply = co_await std::move(pending);
  // A failed fill costs the next reader a miss, nothing more; the read path counts outages.
  if (!reply) spdlog::debug("product cache fill failed: {}", reply.error().message);
}

boost::asio::awaitable<bool> ProductCache::invalidate() {
  if (!enabled()) co_return true;
  auto pending = redis_->command({"INCR", version_key_});
  auto reply = co_await std::move(pending);
  if (!reply) {
    invalidation_failures_.inc();
    spdlog::warn("product cache invalidation failed ({}); entries expire within {} s",
                 reply.error().message, settings_.ttl.count());
    co_return false;
  }
  invalidations_.inc();
  co_return true;
}

}  // namespace ecn::gateway::cache
