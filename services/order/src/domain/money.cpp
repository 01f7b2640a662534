#include "domain/money.hpp"

#include <algorithm>

namespace ecn::order::domain {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::int64_t> parse_amount(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || !std::all_of(whole.begin(), whole.end(), is_digit)) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2 ||
                                        !std::all_of(fraction.begin(), fraction.end(), is_digit))) {
    return std::nullopt;
  }
  std::int64_t minor = 0;
  for (char c : whole) {
    if (__builtin_mul_overflow(minor, 10, &minor) ||
        __builtin_add_overflow(minor, c - '0', &minor)) {
      return std::nullopt;
    }
  }
  const std::int64_t cents = (fraction.empty() ? 0 : (fraction[0] - '0') * 10) +
                             (fraction.size() == 2 ? fraction[1] - '0' : 0);
  if (__builtin_mul_overflow(minor, 100, &minor) || __builtin_add_overflow(minor, cents, &minor)) {
    return std::nullopt;
  }
  return minor;
}

std::string format_amount(std::int64_t minor_units) {
  const bool negative = minor_units < 0;
  const auto magnitude = negative ? -minor_units : minor_units;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() == 1) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

}  // namespace ecn::order::domain
