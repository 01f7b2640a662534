#include "domain/order_update.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace {

TEST(OrderUpdateText, SaysTheNewStatusAndCarriesOrderIdAndStatus) {
  const auto text = ecn::notification::domain::order_update_text("o-42", "SHIPPED");
  EXPECT_EQ(text.title, "Your order is now SHIPPED");
  EXPECT_EQ(text.body, "Your order o-42 is now SHIPPED.");
  EXPECT_EQ(boost::json::parse(text.data_json),
            boost::json::parse(R"({"order_id":"o-42","status":"SHIPPED"})"));
}

}  // namespace
