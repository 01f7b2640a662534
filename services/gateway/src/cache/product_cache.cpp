#include "cache/product_cache.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/monotonic_resource.hpp>

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
                                              {{"result", "failed"}})),
      local_hits_(registry.counter("gateway_product_cache_local_hits_total",
                                   "Product reads answered from this replica's in-memory copy "
                                   "(not counted in gateway_product_cache_requests_total).")) {}

std::optional<boost::json::value> ProductCache::local(const std::string& key) {
  if (!settings_.enabled || settings_.local_ttl.count() <= 0) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(local_mutex_);
  const auto found = local_.find(key);
  if (found == local_.end() || found->second.expires <= now) return std::nullopt;
  local_hits_.inc();
  // The request's copy lives in one arena: freed in one release once answered.
  return boost::json::value(found->second.value,
                            boost::json::make_shared_resource<boost::json::monotonic_resource>());
}

void ProductCache::keep_local(const std::string& key, const boost::json::value& value,
                              Generation seen) {
  if (!settings_.enabled || settings_.local_ttl.count() <= 0) return;
  LocalEntry entry{boost::json::value(value, boost::json::storage_ptr()),
                   std::chrono::steady_clock::now() + settings_.local_ttl};
  std::lock_guard lock(local_mutex_);
  if (generation() != seen) return;  // invalidated while this read was under way
  if (local_.size() >= settings_.local_capacity) local_.clear();
  local_.insert_or_assign(key, std::move(entry));
}

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
  {
    std::lock_guard lock(local_mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    local_.clear();
  }
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
