#pragma once

#include <optional>
#include <string_view>

namespace ecn::order::domain {

// Where an order is in its life. Stored and published as its name ("PENDING"), never as a
// number, so rows and events stay readable and stable if the enum grows.
enum class OrderStatus { kPending, kConfirmed, kShipped, kDelivered, kCancelled };

inline constexpr OrderStatus kAllStatuses[] = {OrderStatus::kPending, OrderStatus::kConfirmed,
                                               OrderStatus::kShipped, OrderStatus::kDelivered,
                                               OrderStatus::kCancelled};

// "PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED"
std::string_view to_string(OrderStatus status);

// The inverse of to_string; nullopt for anything else (no other spelling is accepted).
std::optional<OrderStatus> parse_status(std::string_view text);

}  // namespace ecn::order::domain
