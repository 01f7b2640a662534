#pragma once

#include <optional>

#include "domain/order.hpp"
#include "domain/order_request.hpp"
#include "ecommerce/order/v1/order.pb.h"

// Between the wire (ecommerce.order.v1) and the domain; no rules are applied here.
namespace ecn::order::api {

std::vector<domain::ItemInput> to_items(const ecommerce::order::v1::CreateOrderRequest& request);

// nullopt for ORDER_STATUS_UNSPECIFIED and for numbers the enum does not define.
std::optional<domain::OrderStatus> from_proto(int status);
ecommerce::order::v1::OrderStatus to_proto(domain::OrderStatus status);

void to_proto(const domain::Order& order, ecommerce::order::v1::Order* out);

}  // namespace ecn::order::api
