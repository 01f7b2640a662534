#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::notification::domain {

// How long an order event's idempotency row (processed_events) is kept: "<n>d", "<n>h",
// "<n>m" or "<n>s", from 1h to 3650d. INVALID_ARGUMENT with the problem otherwise.
core::Result<std::chrono::seconds> parse_retention(std::string_view text);

// "7d", "36h", "90m", "45s": the largest unit that divides the value.
std::string show_retention(std::chrono::seconds retention);

// Why `retention` is too short for a topic whose `retention.ms` configuration is
// `topic_retention_ms` (as the broker reports it; "-1" = forever), nullopt when it is not.
// A record Kafka still holds may be delivered again (a consumer group reset or expired
// offsets) and must still find its idempotency row, so the rows must live at least as long.
std::optional<std::string> retention_shortfall(std::chrono::seconds retention,
                                               std::string_view topic_retention_ms);

}  // namespace ecn::notification::domain
