#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Exact money for orders: integer minor units (cents) with the decimal-string form of the wire
// ("19.99"). Never a float, so totals are exact.
namespace ecn::order::domain {

// "19.99", "0.5", "7" → minor units; nullopt for anything else (sign, exponent, a third
// decimal) or beyond 64 bits. Amounts come from product-service, so a failure here is its bug.
std::optional<std::int64_t> parse_amount(std::string_view text);

// Minor units → "19.99", always two decimals.
std::string format_amount(std::int64_t minor_units);

}  // namespace ecn::order::domain
