#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::product::domain {

// A price as the catalogue keeps it: exact minor units (cents) and an ISO 4217 code, never a
// float, so a price reads back exactly as it was written.
struct Price {
  std::int64_t minor_units = 0;
  std::string currency_code;

  friend bool operator==(const Price&, const Price&) = default;
};

inline constexpr std::string_view kDefaultCurrency = "USD";

// 999,999,999.99: large enough for any shop item, small enough that an order of 100 lines of
// 1,000 units each still fits in 64-bit minor units.
inline constexpr std::int64_t kMaxMinorUnits = 99'999'999'999;

// "19.99", "0.5", "7" → minor units. Only digits with an optional '.' followed by one or two
// digits: no sign, exponent, spaces or thousands separators. Errors name `field`.
core::Result<std::int64_t> parse_amount(std::string_view text, std::string_view field);

// Minor units → "19.99", always with two decimals.
std::string format_amount(std::int64_t minor_units);

// "" → kDefaultCurrency; otherwise exactly three upper-case ASCII letters. Errors name `field`.
core::Result<std::string> parse_currency_code(std::string_view text, std::string_view field);

}  // namespace ecn::product::domain
