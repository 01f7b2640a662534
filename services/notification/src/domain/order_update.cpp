#include "domain/order_update.hpp"

#include <boost/json.hpp>

namespace ecn::notification::domain {

OrderUpdateText order_update_text(std::string_view order_id, std::string_view status) {
  OrderUpdateText text;
  text.title = "Your order is now " + std::string(status);
  text.body = "Your order " + std::string(order_id) + " is now " + std::string(status) + ".";
  text.data_json =
      boost::json::serialize(boost::json::object{{"order_id", order_id}, {"status", status}});
  return text;
}

}  // namespace ecn::notification::domain
