#include "domain/price.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace ecn::product::domain {
namespace {

using core::Error;
using core::ErrorCode;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Error bad_amount(std::string_view field, std::string_view why) {
  return {ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(why)};
}

}  // namespace

core::Result<std::int64_t> parse_amount(std::string_view text, std::string_view field) {
  if (text.empty()) return bad_amount(field, "required, a decimal string such as \"19.99\"");
  // Longer than the largest amount with leading zeros to spare: refuse before any arithmetic.
  if (text.size() > 20) return bad_amount(field, "at most 999999999.99");
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  const bool well_formed =
      !whole.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
      (dot == std::string_view::npos ||
       (!fraction.empty() && std::all_of(fraction.begin(), fraction.end(), is_digit)));
  if (!well_formed) {
    return bad_amount(field,
                      "must be a non-negative decimal such as \"19.99\", got " + quoted(text));
  }
  if (fraction.size() > 2) return bad_amount(field, "at most 2 decimal places");
  std::int64_t minor = 0;
  for (char c : whole) {
    minor = minor * 10 + (c - '0');
    if (minor > kMaxMinorUnits / 100) return bad_amount(field, "at most 999999999.99");
  }
  minor *= 100;
  if (!fraction.empty()) minor += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) minor += fraction[1] - '0';
  if (minor > kMaxMinorUnits) return bad_amount(field, "at most 999999999.99");
  return minor;
}

std::string format_amount(std::int64_t minor_units) {
  const bool negative = minor_units < 0;
  const auto magnitude = negative ? -minor_units : minor_units;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() == 1) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

core::Result<std::string> parse_currency_code(std::string_view text, std::string_view field) {
  if (text.empty()) return std::string(kDefaultCurrency);
  const bool valid = text.size() == 3 && std::all_of(text.begin(), text.end(),
                                                     [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!valid) {
    return Error{ErrorCode::kInvalidArgument,
                 std::string(field) + ": must be an ISO 4217 code of 3 upper-case letters, got " +
                     quoted(text)};
  }
  return std::string(text);
}

}  // namespace ecn::product::domain
