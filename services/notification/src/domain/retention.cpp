#include "domain/retention.hpp"

#include <charconv>

namespace ecn::notification::domain {
namespace {

using std::chrono::seconds;

constexpr seconds kMinimum = std::chrono::hours(1);
constexpr seconds kMaximum = std::chrono::hours(24 * 3650);

struct Unit {
  char suffix;
  std::int64_t seconds;
};
constexpr Unit kUnits[] = {{'d', 86'400}, {'h', 3'600}, {'m', 60}, {'s', 1}};

core::Error invalid(std::string problem) {
  return {core::ErrorCode::kInvalidArgument, std::move(problem)};
}

}  // namespace

core::Result<seconds> parse_retention(std::string_view text) {
  const auto expected = [&] {
    return invalid("expected a duration such as 7d, 36h or 90m, got '" + std::string(text) + "'");
  };
  if (text.size() < 2 || text.size() > 12) return expected();
  const char suffix = text.back();
  const auto digits = text.substr(0, text.size() - 1);
  std::int64_t amount = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
  if (error != std::errc{} || end != digits.data() + digits.size() || digits.front() == '-') {
    return expected();
  }
  for (const auto& unit : kUnits) {
    if (unit.suffix != suffix) continue;
    if (amount > kMaximum.count() / unit.seconds) return invalid("must be at most 3650d");
    const seconds retention(amount * unit.seconds);
    if (retention < kMinimum) return invalid("must be at least 1h");
    return retention;
  }
  return expected();
}

std::string show_retention(seconds retention) {
  for (const auto& unit : kUnits) {
    if (retention.count() % unit.seconds == 0) {
      return std::to_string(retention.count() / unit.seconds) + unit.suffix;
    }
  }
  return std::to_string(retention.count()) + "s";
}

std::optional<std::string> retention_shortfall(seconds retention,
                                               std::string_view topic_retention_ms) {
  std::int64_t ms = 0;
  const auto [end, error] = std::from_chars(
      topic_retention_ms.data(), topic_retention_ms.data() + topic_retention_ms.size(), ms);
  if (error != std::errc{} || end != topic_retention_ms.data() + topic_retention_ms.size()) {
    return std::nullopt;  // not a number: nothing to compare with
  }
  if (ms < 0) {
    return "the topic keeps its records forever (retention.ms=-1), so no idempotency row may "
           "ever be purged; give the topic a retention";
  }
  if (retention.count() * 1000 >= ms) return std::nullopt;
  return show_retention(retention) + " is shorter than the topic's retention.ms (" +
         std::to_string(ms) +
         " ms): an event Kafka still holds could be delivered again after its idempotency row "
         "is purged and notify twice";
}

}  // namespace ecn::notification::domain
