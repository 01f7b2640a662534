#pragma once

#include <string>
#include <string_view>

namespace ecn::notification::domain {

// What an ORDER_UPDATE notification says.
struct OrderUpdateText {
  std::string title;
  std::string body;
  std::string data_json;  // {"order_id": ..., "status": ...}
};

// "Your order is now SHIPPED" for the order's new status.
OrderUpdateText order_update_text(std::string_view order_id, std::string_view status);

}  // namespace ecn::notification::domain
