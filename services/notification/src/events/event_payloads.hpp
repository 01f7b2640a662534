#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/core/status.hpp"

// The events notification-service consumes, exactly as BRIEF §1's Kafka table specifies, parsed
// and checked. A payload that fails here can never succeed: it goes to the dead-letter topic.
namespace ecn::notification::events {

inline constexpr std::string_view kUserEventsTopic = "user-events";
inline constexpr std::string_view kProductEventsTopic = "product-events";
inline constexpr std::string_view kOrderStatusTopic = "order-status-updated";

// user-upserted: a user's public state, versioned by updated_at.
struct UserUpserted {
  std::string event_id;
  std::string id;
  std::string name;
  std::string email;
  bool order_updates = true;
  bool promotions = true;
  std::vector<std::string> categories;
  std::int64_t updated_at_us = 0;
};

// product-created: a product as the promotions need it.
struct ProductCreated {
  std::string event_id;
  std::string id;
  std::string name;
  std::string category;
  std::string price_amount;  // decimal string, exact
  std::string currency_code;
  std::int64_t created_at_us = 0;
};

// order-status-updated: one real transition of an order.
struct OrderStatusUpdated {
  std::string event_id;
  std::string order_id;
  std::string user_id;
  std::string old_status;
  std::string new_status;
  std::int64_t occurred_at_us = 0;
};

// Each returns INVALID_ARGUMENT naming the first bad field ("user.id: must be a UUID").
core::Result<UserUpserted> parse_user_upserted(std::string_view payload);
core::Result<ProductCreated> parse_product_created(std::string_view payload);
core::Result<OrderStatusUpdated> parse_order_status_updated(std::string_view payload);

}  // namespace ecn::notification::events
