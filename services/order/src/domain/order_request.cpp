#include "domain/order_request.hpp"

#include <unordered_map>

#include "ecn/core/uuid.hpp"

namespace ecn::order::domain {
namespace {

using core::Error;
using core::ErrorCode;

Error invalid(const std::string& field, const std::string& why) {
  return {ErrorCode::kInvalidArgument, field + ": " + why};
}

}  // namespace

core::Result<OrderRequest> validate_order_request(std::string_view user_id,
                                                  const std::vector<ItemInput>& items) {
  OrderRequest request;
  auto user = core::parse_uuid(user_id, "user_id");
  if (!user) return user.error();
  request.user_id = std::move(*user);

  if (items.empty() || items.size() > static_cast<std::size_t>(kMaxItems)) {
    return invalid("items", "must hold 1 to " + std::to_string(kMaxItems) + " items, got " +
                                std::to_string(items.size()));
  }
  std::unordered_map<std::string, std::size_t> line_of;  // product id → index in request.items
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto field = "items[" + std::to_string(i) + "]";
    auto product_id = core::parse_uuid(items[i].product_id, field + ".product_id");
    if (!product_id) return product_id.error();
    const auto quantity = items[i].quantity;
    if (quantity < 1 || quantity > kMaxQuantity) {
      return invalid(field + ".quantity", "must be 1 to " + std::to_string(kMaxQuantity) +
                                              ", got " + std::to_string(quantity));
    }
    const auto [it, added] = line_of.emplace(*product_id, request.items.size());
    if (added) {
      request.items.push_back(
          {std::move(*product_id), static_cast<std::int32_t>(quantity), static_cast<int>(i)});
      continue;
    }
    auto& line = request.items[it->second];
    line.quantity += static_cast<std::int32_t>(quantity);
    if (line.quantity > kMaxQuantity) {
      return invalid(field + ".quantity",
                     "product " + line.product_id + " adds up to " + std::to_string(line.quantity) +
                         " over its items, more than " + std::to_string(kMaxQuantity));
    }
  }
  return request;
}

}  // namespace ecn::order::domain
