#include "domain/cron.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ecn/core/time.hpp"

namespace ecn::notification::domain {
namespace {

using std::chrono::system_clock;

system_clock::time_point at(const char* rfc3339) {
  auto parsed = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(parsed.has_value()) << rfc3339;
  return *parsed;
}

std::string next(std::string_view expression, const char* after) {
  auto schedule = CronSchedule::parse(expression);
  EXPECT_TRUE(schedule.has_value()) << expression << ": " << schedule.error().message;
  return core::to_rfc3339(schedule->next_after(at(after)));
}

std::string error_of(std::string_view expression) {
  auto schedule = CronSchedule::parse(expression);
  EXPECT_FALSE(schedule.has_value()) << expression;
  if (schedule) return "";
  EXPECT_EQ(schedule.error().code, core::ErrorCode::kInvalidArgument);
  return schedule.error().message;
}

TEST(CronTest, DefaultHourlyFiresAtTheNextFullHour) {
  EXPECT_EQ(next("0 * * * *", "2026-03-10T10:15:30.000Z"), "2026-03-10T11:00:00.000Z");
  EXPECT_EQ(next("0 * * * *", "2026-03-10T23:59:59.999Z"), "2026-03-11T00:00:00.000Z");
}

TEST(CronTest, NextIsStrictlyAfterEvenOnAMatchingMinute) {
  EXPECT_EQ(next("0 * * * *", "2026-03-10T11:00:00.000Z"), "2026-03-10T12:00:00.000Z");
  EXPECT_EQ(next("* * * * *", "2026-03-10T11:00:00.000Z"), "2026-03-10T11:01:00.000Z");
  EXPECT_EQ(next("* * * * *", "2026-03-10T11:00:59.999Z"), "2026-03-10T11:01:00.000Z");
}

TEST(CronTest, Ranges) {
  EXPECT_EQ(next("0 9-17 * * *", "2026-03-10T17:30:00.000Z"), "2026-03-11T09:00:00.000Z");
  EXPECT_EQ(next("0 9-17 * * *", "2026-03-10T08:30:00.000Z"), "2026-03-10T09:00:00.000Z");
  EXPECT_EQ(next("10-12 5 * * *", "2026-03-10T05:11:00.000Z"), "2026-03-10T05:12:00.000Z");
}

TEST(CronTest, Steps) {
  EXPECT_EQ(next("*/15 * * * *", "2026-03-10T10:16:00.000Z"), "2026-03-10T10:30:00.000Z");
  EXPECT_EQ(next("*/15 * * * *", "2026-03-10T10:45:00.000Z"), "2026-03-10T11:00:00.000Z");
  EXPECT_EQ(next("10-30/10 * * * *", "2026-03-10T10:21:00.000Z"), "2026-03-10T10:30:00.000Z");
  EXPECT_EQ(next("10-30/10 * * * *", "2026-03-10T10:31:00.000Z"), "2026-03-10T11:10:00.000Z");
  // a/n: from a to the end of the range.
  EXPECT_EQ(next("50/5 * * * *", "2026-03-10T10:51:00.000Z"), "2026-03-10T10:55:00.000Z");
  EXPECT_EQ(next("0 */7 * * *", "2026-03-10T21:01:00.000Z"), "2026-03-11T00:00:00.000Z");
}

TEST(CronTest, Lists) {
  EXPECT_EQ(next("5,20,40 * * * *", "2026-03-10T10:20:00.000Z"), "2026-03-10T10:40:00.000Z");
  EXPECT_EQ(next("0 1,2-3,22/1 * * *", "2026-03-10T03:00:00.000Z"), "2026-03-10T22:00:00.000Z");
}

TEST(CronTest, MonthAndWeekdayNamesInAnyCase) {
  // 2026-03-10 is a Tuesday.
  EXPECT_EQ(next("0 12 * * fri", "2026-03-10T00:00:00.000Z"), "2026-03-13T12:00:00.000Z");
  EXPECT_EQ(next("0 12 * * MON-WED", "2026-03-10T13:00:00.000Z"), "2026-03-11T12:00:00.000Z");
  EXPECT_EQ(next("0 0 1 Jun *", "2026-03-10T00:00:00.000Z"), "2026-06-01T00:00:00.000Z");
  EXPECT_EQ(next("0 0 1 jan,JUL *", "2026-08-01T00:00:00.000Z"), "2027-01-01T00:00:00.000Z");
}

TEST(CronTest, SundayIsZeroOrSeven) {
  EXPECT_EQ(next("0 0 * * 0", "2026-03-10T00:00:00.000Z"), "2026-03-15T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 7", "2026-03-10T00:00:00.000Z"), "2026-03-15T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 5-7", "2026-03-14T01:00:00.000Z"), "2026-03-15T00:00:00.000Z");
}

TEST(CronTest, DayOfMonthAndWeekdayAreOredWhenBothRestricted) {
  // The 13th or any Friday: Friday 2026-03-13 is both; after it, Friday the 20th comes before
  // April 13th.
  EXPECT_EQ(next("0 0 13 * 5", "2026-03-10T00:00:00.000Z"), "2026-03-13T00:00:00.000Z");
  EXPECT_EQ(next("0 0 13 * 5", "2026-03-13T00:00:00.000Z"), "2026-03-20T00:00:00.000Z");
  // The 1st or any Wednesday: Wednesday the 11th before April 1st.
  EXPECT_EQ(next("0 0 1 * WED", "2026-03-10T00:00:00.000Z"), "2026-03-11T00:00:00.000Z");
}

TEST(CronTest, DayFieldsAreAndedWhenOneIsAStar) {
  EXPECT_EQ(next("0 0 13 * *", "2026-03-13T00:00:00.000Z"), "2026-04-13T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 5", "2026-03-13T00:00:00.000Z"), "2026-03-20T00:00:00.000Z");
  // `*/2` starts with a star: Vixie treats it as unrestricted, so weekdays alone decide.
  EXPECT_EQ(next("0 0 */2 * MON", "2026-03-10T00:00:00.000Z"), "2026-03-23T00:00:00.000Z");
}

TEST(CronTest, CalendarEdges) {
  EXPECT_EQ(next("0 0 31 * *", "2026-04-01T00:00:00.000Z"), "2026-05-31T00:00:00.000Z");
  EXPECT_EQ(next("0 0 29 2 *", "2026-03-01T00:00:00.000Z"), "2028-02-29T00:00:00.000Z");
  EXPECT_EQ(next("59 23 31 12 *", "2026-12-31T23:59:00.000Z"), "2027-12-31T23:59:00.000Z");
}

TEST(CronTest, ExtraWhitespaceIsAccepted) {
  EXPECT_EQ(next("  0\t*  * *   *  ", "2026-03-10T10:15:00.000Z"), "2026-03-10T11:00:00.000Z");
}

TEST(CronTest, InvalidExpressionsNameTheField) {
  EXPECT_EQ(error_of(""), "expected 5 fields (minute hour day-of-month month day-of-week), got 0");
  EXPECT_EQ(error_of("0 * * *"),
            "expected 5 fields (minute hour day-of-month month day-of-week), got 4");
  EXPECT_EQ(error_of("0 * * * * *"),
            "expected 5 fields (minute hour day-of-month month day-of-week), got 6");
  EXPECT_EQ(error_of("60 * * * *"), "minute: 60 is out of range 0-59");
  EXPECT_EQ(error_of("0 24 * * *"), "hour: 24 is out of range 0-23");
  EXPECT_EQ(error_of("0 0 0 * *"), "day-of-month: 0 is out of range 1-31");
  EXPECT_EQ(error_of("0 0 32 * *"), "day-of-month: 32 is out of range 1-31");
  EXPECT_EQ(error_of("0 0 * 13 *"), "month: 13 is out of range 1-12");
  EXPECT_EQ(error_of("0 0 * * 8"), "day-of-week: 8 is out of range 0-7");
  EXPECT_EQ(error_of("0 0 * FOO *"), "month: unknown name 'FOO'");
  EXPECT_EQ(error_of("0 0 * * MONDAY"), "day-of-week: unknown name 'MONDAY'");
  EXPECT_EQ(error_of("0 0 * JAN-FRI *"), "month: unknown name 'FRI'");
  EXPECT_EQ(error_of("x * * * *"), "minute: unknown name 'x'");
  EXPECT_EQ(error_of("5x * * * *"), "minute: '5x' is not a number");
  EXPECT_EQ(error_of("-5 * * * *"), "minute: empty value");
  EXPECT_EQ(error_of("*/0 * * * *"), "minute: step '0' is not a positive number");
  EXPECT_EQ(error_of("*/ * * * *"), "minute: step '' is not a positive number");
  EXPECT_EQ(error_of("*/a * * * *"), "minute: step 'a' is not a positive number");
  EXPECT_EQ(error_of("0 17-9 * * *"), "hour: range 17-9 is reversed");
  EXPECT_EQ(error_of("0 1,,2 * * *"), "hour: empty list item");
  EXPECT_EQ(error_of("0 1, * * *"), "hour: empty list item");
  EXPECT_EQ(error_of("0 5- * * *"), "hour: empty value");
  EXPECT_EQ(error_of("0 0 * * **"), "day-of-week: '**' is not a number");
}

TEST(CronTest, ExpressionsThatNeverFireAreRejected) {
  EXPECT_EQ(error_of("0 0 30 2 *"), "day-of-month: no selected day exists in the selected months");
  EXPECT_EQ(error_of("0 0 31 4,6,9,11 *"),
            "day-of-month: no selected day exists in the selected months");
  // OR-ed with a weekday it still fires, on Mondays of February.
  EXPECT_EQ(next("0 0 30 2 MON", "2026-01-01T00:00:00.000Z"), "2026-02-02T00:00:00.000Z");
}

}  // namespace
}  // namespace ecn::notification::domain
