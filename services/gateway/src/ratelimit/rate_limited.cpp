#include "ratelimit/rate_limited.hpp"

#include <algorithm>
#include <string>

namespace ecn::gateway::ratelimit {

std::int64_t retry_after_seconds(std::chrono::milliseconds wait) {
  return std::max<std::int64_t>(1, (wait.count() + 999) / 1000);
}

boost::json::object rate_limited_error(std::chrono::milliseconds wait) {
  return boost::json::object{{"message", "rate limit exceeded; retry after " +
                                             std::to_string(retry_after_seconds(wait)) + " s"},
                             {"extensions", boost::json::object{{"code", "RATE_LIMITED"},
                                                                {"retryAfterMs", wait.count()}}}};
}

}  // namespace ecn::gateway::ratelimit
