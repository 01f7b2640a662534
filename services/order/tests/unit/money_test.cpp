#include "domain/money.hpp"

#include <gtest/gtest.h>

namespace ecn::order::domain {
namespace {

TEST(OrderMoney, ParsesTheCatalogueForm) {
  EXPECT_EQ(parse_amount("19.99"), 1999);
  EXPECT_EQ(parse_amount("0.00"), 0);
  EXPECT_EQ(parse_amount("0.5"), 50);
  EXPECT_EQ(parse_amount("7"), 700);
  EXPECT_EQ(parse_amount("92233720368547758.07"), INT64_MAX);
}

TEST(OrderMoney, RefusesMalformedOrOverflowingAmounts) {
  for (const char* bad : {"", "-1.00", "+1", "1.", ".5", "1.234", "1e3", "a", " 1",
                          "92233720368547758.08", "92233720368547759", "99999999999999999999"}) {
    EXPECT_FALSE(parse_amount(bad).has_value()) << bad;
  }
}

TEST(OrderMoney, FormatsWithTwoDecimals) {
  EXPECT_EQ(format_amount(0), "0.00");
  EXPECT_EQ(format_amount(7), "0.07");
  EXPECT_EQ(format_amount(1999), "19.99");
  EXPECT_EQ(format_amount(INT64_MAX), "92233720368547758.07");
}

}  // namespace
}  // namespace ecn::order::domain
