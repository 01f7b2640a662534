#include "ecn/core/time.hpp"

#include <gtest/gtest.h>

namespace ecn::core {
namespace {

using namespace std::chrono;

system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s,
                             system_clock::duration fraction = {}) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + fraction;
}

TEST(TimeTest, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(to_rfc3339(utc(2026, 11, 26, 4, 0, 0, milliseconds(123))), "2026-11-26T04:00:00.123Z");
  EXPECT_EQ(to_rfc3339(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(to_rfc3339(utc(2024, 2, 29, 23, 59, 59, milliseconds(999))),
            "2024-02-29T23:59:59.999Z");
}

TEST(TimeTest, TruncatesSubMillisecondsTowardThePast) {
  EXPECT_EQ(to_rfc3339(utc(2026, 1, 2, 3, 4, 5, microseconds(999'999))),
            "2026-01-02T03:04:05.999Z");
  EXPECT_EQ(to_rfc3339(system_clock::time_point{} - microseconds(1)), "1969-12-31T23:59:59.999Z");
}

TEST(TimeTest, ParsesWhatItFormats) {
  const auto now = floor<milliseconds>(system_clock::now());
  const auto parsed = parse_rfc3339(to_rfc3339(now));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, now);
}

TEST(TimeTest, ParsesOffsetsAndFractions) {
  const auto expected = utc(2026, 11, 26, 4, 0, 0);
  EXPECT_EQ(parse_rfc3339("2026-11-26T04:00:00Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-26t04:00:00z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-26T05:30:00+01:30"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-25T23:00:00-05:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-26T04:00:00+00:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-26T04:00:00.5Z"), expected + milliseconds(500));
  EXPECT_EQ(parse_rfc3339("2026-11-26T04:00:00.123456Z"), expected + microseconds(123456));
  // Digits beyond the clock's resolution are accepted and dropped.
  EXPECT_EQ(parse_rfc3339("2026-11-26T04:00:00.1234567891234Z"),
            expected + duration_cast<system_clock::duration>(nanoseconds(123456789)));
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), utc(2024, 2, 29, 0, 0, 0));
  EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59.999Z"),
            system_clock::time_point{} - milliseconds(1));
}

TEST(TimeTest, RejectsMalformedOrOutOfRangeTimes) {
  for (const char* bad : {
           "",
           "2026-11-26",
           "2026-11-26T04:00:00",        // no offset
           "2026-11-26 04:00:00Z",       // space separator
           "2026-11-26T04:00Z",          // no seconds
           "2026-11-26T04:00:00.Z",      // empty fraction
           "2026-13-01T00:00:00Z",       // month
           "2026-00-01T00:00:00Z",       // month
           "2025-02-29T00:00:00Z",       // not a leap year
           "2026-04-31T00:00:00Z",       // day
           "2026-11-26T24:00:00Z",       // hour
           "2026-11-26T04:60:00Z",       // minute
           "2026-12-31T23:59:60Z",       // leap second
           "2026-11-26T04:00:00+0100",   // offset without colon
           "2026-11-26T04:00:00+24:00",  // offset hour
           "2026-11-26T04:00:00+01:60",  // offset minute
           "2026-11-26T04:00:00Zjunk",   // trailing text
           "26-11-26T04:00:00Z",         // short year
           "2026-1-26T04:00:00Z",        // short month
           "2026-11-26T04:00:00.123ZZ",  // doubled zone
           "+2026-11-26T04:00:00Z",      // sign
       }) {
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ecn::core
