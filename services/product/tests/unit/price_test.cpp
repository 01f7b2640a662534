#include "domain/price.hpp"

#include <gtest/gtest.h>

namespace ecn::product::domain {
namespace {

using core::ErrorCode;

TEST(ParseAmount, ReadsWholeAndFractionalAmountsExactly) {
  EXPECT_EQ(parse_amount("19.99", "f").value(), 1999);
  EXPECT_EQ(parse_amount("0", "f").value(), 0);
  EXPECT_EQ(parse_amount("0.5", "f").value(), 50);
  EXPECT_EQ(parse_amount("0.05", "f").value(), 5);
  EXPECT_EQ(parse_amount("7", "f").value(), 700);
  EXPECT_EQ(parse_amount("007.10", "f").value(), 710);
  EXPECT_EQ(parse_amount("0.10", "f").value(), 10);
  // A float would read this as 0.30000000000000004 after 0.1 + 0.2; we never go through one.
  EXPECT_EQ(parse_amount("0.3", "f").value(), 30);
  EXPECT_EQ(parse_amount("999999999.99", "f").value(), kMaxMinorUnits);
}

TEST(ParseAmount, RefusesAnythingButAPlainNonNegativeDecimal) {
  for (const char* bad : {"", "-1", "+1", "1e2", " 1", "1 ", "1.", ".5", "1.2.3", "1,00", "abc",
                          "１", "0x10", "NaN", "inf", "1.999", "0.001"}) {
    const auto result = parse_amount(bad, "price.amount");
    ASSERT_FALSE(result) << "accepted '" << bad << "'";
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(result.error().message.starts_with("price.amount: ")) << result.error().message;
  }
}

TEST(ParseAmount, RefusesAmountsAboveTheMaximumWithoutOverflowing) {
  for (const char* big : {"1000000000", "1000000000.00", "999999999.999", "99999999999999999999",
                          "184467440737095516160", "00000000000000000000001"}) {
    const auto result = parse_amount(big, "price.amount");
    ASSERT_FALSE(result) << big;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ParseAmount, ExplainsTooManyDecimals) {
  const auto result = parse_amount("1.234", "price.amount");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "price.amount: at most 2 decimal places");
}

TEST(FormatAmount, AlwaysShowsTwoDecimals) {
  EXPECT_EQ(format_amount(0), "0.00");
  EXPECT_EQ(format_amount(5), "0.05");
  EXPECT_EQ(format_amount(50), "0.50");
  EXPECT_EQ(format_amount(1999), "19.99");
  EXPECT_EQ(format_amount(kMaxMinorUnits), "999999999.99");
  EXPECT_EQ(format_amount(-105), "-1.05");
}

TEST(FormatAmount, RoundTripsEveryParsedAmount) {
  for (const char* text : {"0.00", "0.01", "0.99", "1.00", "12.34", "100.10", "999999999.99"}) {
    EXPECT_EQ(format_amount(parse_amount(text, "f").value()), text);
  }
}

TEST(ParseCurrencyCode, DefaultsToUsdAndAcceptsThreeUpperCaseLetters) {
  EXPECT_EQ(parse_currency_code("", "f").value(), "USD");
  EXPECT_EQ(parse_currency_code("EUR", "f").value(), "EUR");
  EXPECT_EQ(parse_currency_code("JPY", "f").value(), "JPY");
}

TEST(ParseCurrencyCode, RefusesOtherShapes) {
  for (const char* bad : {"usd", "Usd", "US", "USDD", "U5D", " USD", "€", "ÉUR"}) {
    const auto result = parse_currency_code(bad, "price.currency_code");
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(result.error().message.starts_with("price.currency_code: "))
        << result.error().message;
  }
}

}  // namespace
}  // namespace ecn::product::domain
