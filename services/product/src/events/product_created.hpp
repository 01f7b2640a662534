#pragma once

#include <string>
#include <string_view>

#include "domain/product.hpp"

namespace ecn::product::events {

// The topic the catalogue publishes to; the key of every record is the product id.
inline constexpr std::string_view kProductEventsTopic = "product-events";

// The product-created event (BRIEF §1):
//   {"event_id", "type":"product-created", "occurred_at",
//    "product": {"id", "name", "category", "price": {"amount", "currency_code"}, "created_at"}}
// occurred_at is the product's creation time: the event is the creation.
std::string product_created_payload(const domain::Product& product, std::string_view event_id);

}  // namespace ecn::product::events
