#include "domain/order_status.hpp"

namespace ecn::order::domain {

std::string_view to_string(OrderStatus status) {
  switch (status) {
    case OrderStatus::kPending:
      return "PENDING";
    case OrderStatus::kConfirmed:
      return "CONFIRMED";
    case OrderStatus::kShipped:
      return "SHIPPED";
    case OrderStatus::kDelivered:
      return "DELIVERED";
    case OrderStatus::kCancelled:
      return "CANCELLED";
  }
  return "UNKNOWN";
}

std::optional<OrderStatus> parse_status(std::string_view text) {
  for (const auto status : kAllStatuses) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace ecn::order::domain
