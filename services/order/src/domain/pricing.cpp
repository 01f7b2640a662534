#include "domain/pricing.hpp"

#include <unordered_map>

#include "domain/money.hpp"

namespace ecn::order::domain {
namespace {

using core::Error;
using core::ErrorCode;

std::string field_of(const RequestedItem& item) {
  return "items[" + std::to_string(item.first_index) + "].product_id";
}

}  // namespace

core::Result<PricedOrder> price_order(const OrderRequest& request,
                                      const std::vector<CatalogProduct>& catalog) {
  std::unordered_map<std::string, const CatalogProduct*> by_id;
  for (const auto& product : catalog) by_id.emplace(product.id, &product);

  PricedOrder order;
  for (const auto& item : request.items) {
    const auto found = by_id.find(item.product_id);
    if (found == by_id.end()) {
      return Error{ErrorCode::kInvalidArgument,
                   field_of(item) + ": product " + item.product_id + " does not exist"};
    }
    const CatalogProduct& product = *found->second;
    const auto unit = parse_amount(product.amount);
    if (!unit) {
      return Error{ErrorCode::kInternal, "product " + product.id + " has a malformed price"};
    }
    if (order.lines.empty()) {
      order.currency_code = product.currency_code;
    } else if (product.currency_code != order.currency_code) {
      return Error{ErrorCode::kInvalidArgument,
                   field_of(item) + ": product " + item.product_id + " is priced in " +
                       product.currency_code + " but the order's other items in " +
                       order.currency_code + "; an order has one currency"};
    }
    OrderLine line{item.product_id, product.name, item.quantity, *unit, 0};
    if (__builtin_mul_overflow(*unit, static_cast<std::int64_t>(item.quantity),
                               &line.line_total_minor) ||
        __builtin_add_overflow(order.total_minor, line.line_total_minor, &order.total_minor)) {
      return Error{ErrorCode::kInvalidArgument, "items: the order total is too large"};
    }
    order.lines.push_back(std::move(line));
  }
  return order;
}

}  // namespace ecn::order::domain
