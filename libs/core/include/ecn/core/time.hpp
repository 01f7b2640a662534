#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ecn::core {

// The one timestamp form on every wire of the system: "2026-11-26T04:00:00.123Z" (UTC,
// milliseconds, truncated toward the past).
std::string to_rfc3339(std::chrono::system_clock::time_point time);

// Reads an RFC 3339 date-time: "T" (or "t") between date and time, optional fractional
// seconds of any length (kept to the clock's precision), and "Z"/"z" or a "+hh:mm"/"-hh:mm"
// offset. Returns nullopt for anything else, including out-of-range fields and leap seconds
// (":60"), which system_clock cannot represent.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace ecn::core
