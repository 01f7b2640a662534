#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/order_status.hpp"

namespace ecn::order::domain {

// One product line of an order, with the product's name and price as they were when the
// order was placed: later catalogue changes never alter a placed order.
struct OrderLine {
  std::string product_id;
  std::string product_name;
  std::int32_t quantity = 0;
  std::int64_t unit_price_minor = 0;
  std::int64_t line_total_minor = 0;

  friend bool operator==(const OrderLine&, const OrderLine&) = default;
};

// An order as stored and served. One currency for the whole order.
struct Order {
  std::string id;  // UUIDv7
  std::string user_id;
  OrderStatus status = OrderStatus::kPending;
  std::vector<OrderLine> lines;
  std::int64_t total_minor = 0;
  std::string currency_code;
  std::int64_t created_at_us = 0;  // microseconds since the Unix epoch
  std::int64_t updated_at_us = 0;

  friend bool operator==(const Order&, const Order&) = default;
};

// Microseconds since the epoch as the system clock's time.
inline std::chrono::system_clock::time_point from_unix_us(std::int64_t us) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::microseconds(us)));
}

}  // namespace ecn::order::domain
