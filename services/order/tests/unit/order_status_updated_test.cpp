#include "events/order_status_updated.hpp"

#include <gtest/gtest.h>

namespace ecn::order::events {
namespace {

TEST(OrderStatusUpdatedPayload, MatchesTheBriefExactly) {
  domain::Order order;
  order.id = "01890a5d-ac96-774b-bcce-b302099a8001";
  order.user_id = "01890a5d-ac96-774b-bcce-b302099a8002";
  order.status = domain::OrderStatus::kShipped;
  order.total_minor = 12345;
  order.currency_code = "EUR";
  order.created_at_us = 1'700'000'000'000'000;
  order.updated_at_us = 1'700'000'000'987'654;
  EXPECT_EQ(order_status_updated_payload(order, domain::OrderStatus::kConfirmed,
                                         "01890a5d-ac96-774b-bcce-b302099a8003"),
            R"({"event_id":"01890a5d-ac96-774b-bcce-b302099a8003",)"
            R"("order_id":"01890a5d-ac96-774b-bcce-b302099a8001",)"
            R"("user_id":"01890a5d-ac96-774b-bcce-b302099a8002",)"
            R"("old_status":"CONFIRMED","new_status":"SHIPPED",)"
            R"("occurred_at":"2023-11-14T22:13:20.987Z",)"
            R"("total":{"amount":"123.45","currency_code":"EUR"}})");
}

}  // namespace
}  // namespace ecn::order::events
