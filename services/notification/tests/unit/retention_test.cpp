#include "domain/retention.hpp"

#include <gtest/gtest.h>

namespace ecn::notification::domain {
namespace {

using namespace std::chrono_literals;

TEST(Retention, ParsesDaysHoursMinutesAndSeconds) {
  EXPECT_EQ(*parse_retention("7d"), 168h);
  EXPECT_EQ(*parse_retention("36h"), 36h);
  EXPECT_EQ(*parse_retention("90m"), 90min);
  EXPECT_EQ(*parse_retention("7200s"), 2h);
  EXPECT_EQ(*parse_retention("3650d"), 3650 * 24h);
}

TEST(Retention, RejectsOtherTextAndValuesOutOfRange) {
  for (const std::string bad : {"", "7", "d", "7 d", "-7d", "+7d", "7w", "7D", "1.5d", "7dd"}) {
    const auto parsed = parse_retention(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().message.rfind("expected a duration such as 7d", 0), 0u)
        << parsed.error().message;
  }
  EXPECT_EQ(parse_retention("59m").error().message, "must be at least 1h");
  EXPECT_EQ(parse_retention("3651d").error().message, "must be at most 3650d");
  EXPECT_EQ(parse_retention("99999999999d").error().message, "must be at most 3650d");
}

TEST(Retention, ShowsTheLargestWholeUnit) {
  EXPECT_EQ(show_retention(168h), "7d");
  EXPECT_EQ(show_retention(36h), "36h");
  EXPECT_EQ(show_retention(90min), "90m");
  EXPECT_EQ(show_retention(3601s), "3601s");
}

TEST(Retention, MustCoverTheTopicsRetention) {
  const std::string week_ms = "604800000";
  EXPECT_FALSE(retention_shortfall(168h, week_ms));
  EXPECT_FALSE(retention_shortfall(200h, week_ms));
  const auto short_by_an_hour = retention_shortfall(167h, week_ms);
  ASSERT_TRUE(short_by_an_hour);
  EXPECT_NE(short_by_an_hour->find("167h is shorter than the topic's retention.ms (604800000 ms)"),
            std::string::npos)
      << *short_by_an_hour;
  const auto forever = retention_shortfall(3650 * 24h, "-1");
  ASSERT_TRUE(forever);
  EXPECT_NE(forever->find("retention.ms=-1"), std::string::npos);
  EXPECT_FALSE(retention_shortfall(1h, "not a number"));
}

}  // namespace
}  // namespace ecn::notification::domain
