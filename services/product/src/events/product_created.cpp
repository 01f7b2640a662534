#include "events/product_created.hpp"

#include <boost/json.hpp>

#include "ecn/core/time.hpp"

namespace ecn::product::events {

std::string product_created_payload(const domain::Product& product, std::string_view event_id) {
  const auto created_at = core::to_rfc3339(product.created_at());
  boost::json::object price;
  price["amount"] = domain::format_amount(product.price.minor_units);
  price["currency_code"] = product.price.currency_code;
  boost::json::object body;
  body["id"] = product.id;
  body["name"] = product.name;
  body["category"] = product.category;
  body["price"] = std::move(price);
  body["created_at"] = created_at;
  boost::json::object event;
  event["event_id"] = event_id;
  event["type"] = "product-created";
  event["occurred_at"] = created_at;
  event["product"] = std::move(body);
  return boost::json::serialize(event);
}

}  // namespace ecn::product::events
