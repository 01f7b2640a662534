#pragma once

#include <bitset>
#include <chrono>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::notification::domain {

// A standard 5-field cron expression (minute hour day-of-month month day-of-week, in UTC), as
// PROMOTION_CRON gives it: numbers, `*`, ranges `a-b`, steps `*/n` `a-b/n` `a/n`, lists `a,b`,
// month names JAN–DEC and weekday names SUN–SAT (either case), weekday 0 or 7 = Sunday.
// Vixie cron's day rule: when both day fields are restricted (neither starts with `*`) a day
// matches if either matches; otherwise both must.
class CronSchedule {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // INVALID_ARGUMENT naming the field ("hour: 24 is out of range 0-23") for a bad expression,
  // including one that can never fire ("0 0 31 2 *").
  static core::Result<CronSchedule> parse(std::string_view expression);

  // The first matching minute strictly after `after`.
  TimePoint next_after(TimePoint after) const;

 private:
  bool day_matches(std::chrono::year_month_day date) const;

  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;  // 1..31
  std::bitset<13> months_;         // 1..12
  std::bitset<7> days_of_week_;    // 0 = Sunday
  bool day_of_month_star_ = false;
  bool day_of_week_star_ = false;
};

}  // namespace ecn::notification::domain
