#pragma once

#include <string>
#include <string_view>

#include "domain/order.hpp"

namespace ecn::order::events {

// The topic of order status changes (ORDER_EVENTS_TOPIC's default); the key of every record is
// the order id, so one order's events keep their order.
inline constexpr std::string_view kOrderStatusUpdatedTopic = "order-status-updated";

// The order-status-updated event (BRIEF §1):
//   {"event_id", "order_id", "user_id", "old_status", "new_status", "occurred_at",
//    "total": {"amount", "currency_code"}}
// `order` is the order after the transition; occurred_at is its updated_at.
std::string order_status_updated_payload(const domain::Order& order, domain::OrderStatus old_status,
                                         std::string_view event_id);

}  // namespace ecn::order::events
