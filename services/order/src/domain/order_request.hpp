#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/core/status.hpp"

namespace ecn::order::domain {

// One item as the client sent it.
struct ItemInput {
  std::string product_id;
  std::int64_t quantity = 0;
};

// One product of a valid request: duplicates merged into one line whose quantity is their
// sum. first_index is the position of the product's first item in the request, so errors
// about the product can name the field the client wrote.
struct RequestedItem {
  std::string product_id;  // canonical lower-case UUID
  std::int32_t quantity = 0;
  int first_index = 0;

  friend bool operator==(const RequestedItem&, const RequestedItem&) = default;
};

// A CreateOrder request that passed every rule; lines in the order products first appear.
struct OrderRequest {
  std::string user_id;  // canonical lower-case UUID
  std::vector<RequestedItem> items;
};

inline constexpr int kMaxItems = 100;
inline constexpr std::int64_t kMaxQuantity = 1000;

// user_id a UUID; 1–100 items; each product_id a UUID and each quantity 1–1000; duplicate
// products merged, and a merged quantity above 1000 refused too. INVALID_ARGUMENT naming the
// field (user_id, items, items[i].product_id, items[i].quantity).
core::Result<OrderRequest> validate_order_request(std::string_view user_id,
                                                  const std::vector<ItemInput>& items);

}  // namespace ecn::order::domain
