#include "events/order_status_updated.hpp"

#include <boost/json.hpp>

#include "domain/money.hpp"
#include "ecn/core/time.hpp"

namespace ecn::order::events {

std::string order_status_updated_payload(const domain::Order& order, domain::OrderStatus old_status,
                                         std::string_view event_id) {
  boost::json::object total;
  total["amount"] = domain::format_amount(order.total_minor);
  total["currency_code"] = order.currency_code;
  boost::json::object event;
  event["event_id"] = event_id;
  event["order_id"] = order.id;
  event["user_id"] = order.user_id;
  event["old_status"] = domain::to_string(old_status);
  event["new_status"] = domain::to_string(order.status);
  event["occurred_at"] = core::to_rfc3339(domain::from_unix_us(order.updated_at_us));
  event["total"] = std::move(total);
  return boost::json::serialize(event);
}

}  // namespace ecn::order::events
