#pragma once

#include <string>
#include <vector>

#include "domain/order.hpp"
#include "domain/order_request.hpp"
#include "ecn/core/status.hpp"

namespace ecn::order::domain {

// What the catalogue says about one product, as product-service sent it.
struct CatalogProduct {
  std::string id;
  std::string name;
  std::string amount;  // "19.99"
  std::string currency_code;
};

// The lines and exact total of an order about to be placed.
struct PricedOrder {
  std::vector<OrderLine> lines;
  std::int64_t total_minor = 0;
  std::string currency_code;
};

// Snapshots each product's name and unit price into a line, and adds up the total exactly.
// A product the catalogue does not have is INVALID_ARGUMENT naming it
// ("items[2].product_id: product <id> does not exist"); so is a product priced in another
// currency than the first line's. A price that does not parse is INTERNAL (the catalogue's
// fault, not the client's).
core::Result<PricedOrder> price_order(const OrderRequest& request,
                                      const std::vector<CatalogProduct>& catalog);

}  // namespace ecn::order::domain
