#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>

namespace ecn::gateway::ratelimit {

// Retry-After for a refusal: whole seconds, rounded up (a client that honours it is let in),
// at least 1.
std::int64_t retry_after_seconds(std::chrono::milliseconds wait);

// The GraphQL error of a refused request or WebSocket operation: code RATE_LIMITED and the
// exact wait in `extensions.retryAfterMs`.
boost::json::object rate_limited_error(std::chrono::milliseconds wait);

}  // namespace ecn::gateway::ratelimit
