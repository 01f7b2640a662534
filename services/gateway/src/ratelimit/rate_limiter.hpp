#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "ecn/ops/metrics.hpp"

namespace ecn::gateway::redis {
class RedisClient;
}

namespace ecn::gateway::ratelimit {

// RATE_LIMIT_* settings: a token bucket per client IP and one per signed-in user, each
// refilled at `*_per_second` tokens a second up to `*_burst`; a request takes one token from
// each bucket that applies.
struct RateLimitSettings {
  bool enabled = true;
  double ip_per_second = 100;
  double ip_burst = 200;
  double user_per_second = 50;
  double user_burst = 100;
  std::string key_prefix = "gateway:ratelimit";
};

// Whether a request may proceed and, when not, how long until it could.
struct RateDecision {
  bool allowed = true;
  std::chrono::milliseconds retry_after{0};
};

// Token buckets in Redis, shared by every gateway replica: one Lua script checks the IP's and
// the user's buckets and takes a token from both only when both have one (atomic, one round
// trip, the clock is Redis' own TIME so replicas' clocks do not matter). A refused request
// takes nothing, so retrying early does not push the wait further. Redis trouble fails open:
// the request proceeds and is counted (gateway_rate_limit_checks_total{result="failed_open"}).
class RateLimiter {
 public:
  // `redis` may be null (no Redis: nothing is limited); both must outlive the limiter.
  RateLimiter(redis::RedisClient* redis, RateLimitSettings settings,
              ops::MetricsRegistry& registry);

  bool enabled() const { return redis_ != nullptr && settings_.enabled; }

  // By value: the coroutine starts when awaited, after a caller's temporaries are gone.
  boost::asio::awaitable<RateDecision> check(std::string client_ip,
                                             std::optional<std::string> user_id);

 private:
  redis::RedisClient* redis_;
  RateLimitSettings settings_;
  ops::Counter& allowed_;
  ops::Counter& limited_;
  ops::Counter& failed_open_;
};

}  // namespace ecn::gateway::ratelimit
