#include "domain/pricing.hpp"

#include <gtest/gtest.h>

namespace ecn::order::domain {
namespace {

const std::string kA = "01890a5d-ac96-774b-bcce-b302099a80aa";
const std::string kB = "01890a5d-ac96-774b-bcce-b302099a80bb";
const std::string kC = "01890a5d-ac96-774b-bcce-b302099a80cc";

OrderRequest request(std::vector<RequestedItem> items) {
  return {"01890a5d-ac96-774b-bcce-b302099a8057", std::move(items)};
}

TEST(PriceOrder, SnapshotsNamesAndPricesAndAddsUpExactly) {
  // 3 × 0.10 + 1 × 0.20: 0.50 exactly (a float sum would not be).
  const auto priced = price_order(request({{kA, 3, 0}, {kB, 1, 1}}),
                                  {{kB, "Bolt", "0.20", "EUR"}, {kA, "Anchor", "0.1", "EUR"}});
  ASSERT_TRUE(priced) << priced.error();
  EXPECT_EQ(priced->currency_code, "EUR");
  EXPECT_EQ(priced->total_minor, 50);
  ASSERT_EQ(priced->lines.size(), 2u);
  EXPECT_EQ(priced->lines[0], (OrderLine{kA, "Anchor", 3, 10, 30}));
  EXPECT_EQ(priced->lines[1], (OrderLine{kB, "Bolt", 1, 20, 20}));
}

TEST(PriceOrder, LargeOrdersStayExact) {
  const auto priced = price_order(request({{kA, 1000, 0}, {kB, 999, 1}}),
                                  {{kA, "A", "999999999.99", "USD"}, {kB, "B", "0.01", "USD"}});
  ASSERT_TRUE(priced);
  EXPECT_EQ(priced->total_minor, 99'999'999'999LL * 1000 + 999);
}

TEST(PriceOrder, AnUnknownProductIsNamedWithItsField) {
  const auto priced = price_order(request({{kA, 1, 0}, {kC, 2, 3}}), {{kA, "A", "1.00", "USD"}});
  ASSERT_FALSE(priced);
  EXPECT_EQ(priced.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(priced.error().message, "items[3].product_id: product " + kC + " does not exist");
}

TEST(PriceOrder, AllItemsShareOneCurrency) {
  const auto priced = price_order(request({{kA, 1, 0}, {kB, 1, 1}}),
                                  {{kA, "A", "1.00", "USD"}, {kB, "B", "1.00", "EUR"}});
  ASSERT_FALSE(priced);
  EXPECT_EQ(priced.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(priced.error().message, "items[1].product_id: product " + kB +
                                        " is priced in EUR but the order's other items in USD; "
                                        "an order has one currency");
}

TEST(PriceOrder, AMalformedCataloguePriceIsInternal) {
  const auto priced = price_order(request({{kA, 1, 0}}), {{kA, "A", "1,00", "USD"}});
  ASSERT_FALSE(priced);
  EXPECT_EQ(priced.error().code, core::ErrorCode::kInternal);
}

TEST(PriceOrder, OverflowIsRefusedNotWrapped) {
  const auto priced =
      price_order(request({{kA, 1000, 0}}), {{kA, "A", "92233720368547758.07", "USD"}});
  ASSERT_FALSE(priced);
  EXPECT_EQ(priced.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace ecn::order::domain
