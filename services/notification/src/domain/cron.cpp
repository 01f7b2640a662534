#include "domain/cron.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ecn::notification::domain {

namespace {

using core::Error;
using core::ErrorCode;

// One field's grammar: its name in errors, its range, and the names it accepts (index + offset).
struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  const std::array<std::string_view, 12>* names = nullptr;
  int names_size = 0;
  int names_offset = 0;
};

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 12> kWeekdayNames = {"SUN", "MON", "TUE", "WED",
                                                            "THU", "FRI", "SAT"};

const FieldSpec kMinute{"minute", 0, 59};
const FieldSpec kHour{"hour", 0, 23};
const FieldSpec kDayOfMonth{"day-of-month", 1, 31};
const FieldSpec kMonth{"month", 1, 12, &kMonthNames, 12, 1};
// 7 is Sunday too, folded onto 0 after parsing.
const FieldSpec kDayOfWeek{"day-of-week", 0, 7, &kWeekdayNames, 7, 0};

Error field_error(const FieldSpec& spec, std::string_view problem) {
  return Error(ErrorCode::kInvalidArgument, fmt::format("{}: {}", spec.name, problem));
}

core::Result<int> parse_value(const FieldSpec& spec, std::string_view text) {
  if (text.empty()) return field_error(spec, "empty value");
  if (std::isalpha(static_cast<unsigned char>(text.front()))) {
    std::string upper(text);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (int i = 0; spec.names != nullptr && i < spec.names_size; ++i) {
      if ((*spec.names)[i] == upper) return i + spec.names_offset;
    }
    return field_error(spec, fmt::format("unknown name '{}'", text));
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return field_error(spec, fmt::format("'{}' is not a number", text));
  }
  if (value < spec.min || value > spec.max) {
    return field_error(spec, fmt::format("{} is out of range {}-{}", value, spec.min, spec.max));
  }
  return value;
}

// The values a field selects, as flags indexed by value (0..63).
core::Result<std::uint64_t> parse_field(const FieldSpec& spec, std::string_view field) {
  std::uint64_t selected = 0;
  while (true) {
    const auto comma = field.find(',');
    const std::string_view item = field.substr(0, comma);
    if (item.empty()) return field_error(spec, "empty list item");

    std::string_view range = item;
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      const std::string_view step_text = item.substr(slash + 1);
      const auto [end, ec] =
          std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (step_text.empty() || ec != std::errc() || end != step_text.data() + step_text.size() ||
          step < 1) {
        return field_error(spec, fmt::format("step '{}' is not a positive number", step_text));
      }
    }
    int low = spec.min;
    int high = spec.max;
    if (range != "*") {
      const auto dash = range.find('-');
      auto first = parse_value(spec, range.substr(0, dash));
      if (!first) return first.error();
      low = *first;
      if (dash != std::string_view::npos) {
        auto last = parse_value(spec, range.substr(dash + 1));
        if (!last) return last.error();
        high = *last;
        if (high < low) return field_error(spec, fmt::format("range {}-{} is reversed", low, high));
      } else if (range.size() == item.size()) {
        high = low;  // a single value; `a/n` runs from a to the end, as in Vixie cron
      }
    }
    for (int v = low; v <= high; v += step) selected |= std::uint64_t{1} << v;

    if (comma == std::string_view::npos) break;
    field.remove_prefix(comma + 1);
  }
  return selected;
}

std::vector<std::string_view> split_fields(std::string_view expression) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < expression.size()) {
    while (i < expression.size() && std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
    const std::size_t start = i;
    while (i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
    if (i > start) fields.push_back(expression.substr(start, i - start));
  }
  return fields;
}

template <std::size_t N>
std::bitset<N> to_bits(std::uint64_t flags) {
  return std::bitset<N>(flags & ((std::uint64_t{1} << N) - 1));
}

constexpr unsigned kMaxDaysInMonth[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

}  // namespace

core::Result<CronSchedule> CronSchedule::parse(std::string_view expression) {
  const auto fields = split_fields(expression);
  if (fields.size() != 5) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("expected 5 fields (minute hour day-of-month month day-of-week), "
                             "got {}",
                             fields.size()));
  }
  const std::array<const FieldSpec*, 5> specs = {&kMinute, &kHour, &kDayOfMonth, &kMonth,
                                                 &kDayOfWeek};
  std::array<std::uint64_t, 5> flags{};
  for (std::size_t i = 0; i < 5; ++i) {
    auto parsed = parse_field(*specs[i], fields[i]);
    if (!parsed) return parsed.error();
    flags[i] = *parsed;
  }
  CronSchedule schedule;
  schedule.minutes_ = to_bits<60>(flags[0]);
  schedule.hours_ = to_bits<24>(flags[1]);
  schedule.days_of_month_ = to_bits<32>(flags[2]);
  schedule.months_ = to_bits<13>(flags[3]);
  const std::uint64_t sunday = (flags[4] >> 7) & 1;
  schedule.days_of_week_ = to_bits<7>(flags[4] | sunday);
  schedule.day_of_month_star_ = fields[2].front() == '*';
  schedule.day_of_week_star_ = fields[4].front() == '*';

  // Only the day of month can make an expression that never fires (31 in February alone);
  // when OR-ed with a restricted weekday it always fires.
  if (schedule.day_of_week_star_ || schedule.day_of_month_star_) {
    bool possible = false;
    for (unsigned month = 1; month <= 12 && !possible; ++month) {
      if (!schedule.months_.test(month)) continue;
      for (unsigned day = 1; day <= kMaxDaysInMonth[month] && !possible; ++day) {
        possible = schedule.days_of_month_.test(day);
      }
    }
    if (!possible) {
      return field_error(kDayOfMonth, "no selected day exists in the selected months");
    }
  }
  return schedule;
}

bool CronSchedule::day_matches(std::chrono::year_month_day date) const {
  if (!months_.test(static_cast<unsigned>(date.month()))) return false;
  const bool dom = days_of_month_.test(static_cast<unsigned>(date.day()));
  const bool dow =
      days_of_week_.test(std::chrono::weekday(std::chrono::sys_days(date)).c_encoding());
  if (day_of_month_star_ || day_of_week_star_) return dom && dow;
  return dom || dow;
}

CronSchedule::TimePoint CronSchedule::next_after(TimePoint after) const {
  using namespace std::chrono;
  const auto start = floor<minutes>(after) + minutes(1);
  auto day = floor<days>(start);
  int first_minute = static_cast<int>((start - day) / minutes(1));
  // Feb 29 recurs within 8 years (2100 is no leap year, yet 2096 and 2104 are); parse() refused
  // expressions that never fire, so this bound is never reached.
  for (int i = 0; i < 8 * 366 + 1; ++i, day += days(1), first_minute = 0) {
    if (!day_matches(year_month_day(day))) continue;
    for (int hour = first_minute / 60; hour < 24; ++hour) {
      if (!hours_.test(hour)) continue;
      for (int minute = hour == first_minute / 60 ? first_minute % 60 : 0; minute < 60; ++minute) {
        if (minutes_.test(minute)) return day + hours(hour) + minutes(minute);
      }
    }
  }
  throw std::logic_error("cron schedule never fires");
}

}  // namespace ecn::notification::domain
