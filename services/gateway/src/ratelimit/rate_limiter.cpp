#include "ratelimit/rate_limiter.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <string>
#include <vector>

#include "redis/redis_client.hpp"

namespace ecn::gateway::ratelimit {
namespace {

// KEYS: the buckets (hashes {tokens, ts}); ARGV: rate and burst for each key in turn. Returns
// {1, 0} and takes a token from every bucket, or {0, wait_ms} and changes nothing. A bucket
// is stored with its refill time (ts, microseconds of Redis' clock) and expires once it would
// be full again, so idle clients cost no memory.
constexpr const char* kTokenBucketScript = R"lua(
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local tokens = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local level = tonumber(state[1]) or burst
  local since = tonumber(state[2]) or now
  local elapsed = math.max(0, now - since) / 1000000
  level = math.min(burst, level + elapsed * rate)
  tokens[i] = level
  if level < 1 then wait = math.max(wait, (1 - level) / rate) end
end
if wait > 0 then return {0, math.ceil(wait * 1000)} end
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'ts', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(burst / rate * 1000) + 1000)
end
return {1, 0}
)lua";

std::string number(double value) {
  return std::to_string(value);
}

}  // namespace

RateLimiter::RateLimiter(redis::RedisClient* redis, RateLimitSettings settings,
                         ops::MetricsRegistry& registry)
    : redis_(redis),
      settings_(std::move(settings)),
      allowed_(registry.counter("gateway_rate_limit_checks_total",
                                "Rate limit decisions: allowed, limited (429), failed_open (Redis "
                                "unavailable, request let through).",
                                {{"result", "allowed"}})),
      limited_(registry.counter("gateway_rate_limit_checks_total",
                                "Rate limit decisions: allowed, limited (429), failed_open (Redis "
                                "unavailable, request let through).",
                                {{"result", "limited"}})),
      failed_open_(registry.counter("gateway_rate_limit_checks_total",
                                    "Rate limit decisions: allowed, limited (429), failed_open "
                                    "(Redis unavailable, request let through).",
                                    {{"result", "failed_open"}})) {}

boost::asio::awaitable<RateDecision> RateLimiter::check(std::string client_ip,
                                                        std::optional<std::string> user_id) {
  if (!enabled()) co_return RateDecision{};
  std::vector<std::string> args{"EVAL", kTokenBucketScript, user_id ? "2" : "1",
                                settings_.key_prefix + ":ip:" + client_ip};
  if (user_id) args.push_back(settings_.key_prefix + ":user:" + *user_id);
  args.push_back(number(settings_.ip_per_second));
  args.push_back(number(settings_.ip_burst));
  if (user_id) {
    args.push_back(number(settings_.user_per_second));
    args.push_back(number(settings_.user_burst));
  }
  auto pending = redis_->command(std::move(args));
  auto reply = co_await std::move(pending);
  if (!reply || !reply->is_array() || reply->elements.size() != 2 ||
      !reply->elements[0].is_integer() || !reply->elements[1].is_integer()) {
    failed_open_.inc();
    if (!reply) spdlog::debug("rate limit check failed open: {}", reply.error().message);
    co_return RateDecision{};
  }
  if (reply->elements[0].integer == 1) {
    allowed_.inc();
    co_return RateDecision{};
  }
  limited_.inc();
  co_return RateDecision{false, std::chrono::milliseconds(reply->elements[1].integer)};
}

}  // namespace ecn::gateway::ratelimit
