#pragma once

#include <string>
#include <vector>

#include "domain/pricing.hpp"
#include "ecn/core/status.hpp"

namespace ecn::order::clients {

// Where orders learn about products: product-service in production, anything in a unit test.
class ProductCatalog {
 public:
  virtual ~ProductCatalog() = default;
  // The products among `ids` (canonical UUIDs, at most 500) in one round trip; ids the
  // catalogue does not know are simply absent. UNAVAILABLE when the catalogue cannot answer.
  virtual core::Result<std::vector<domain::CatalogProduct>> get_products(
      const std::vector<std::string>& ids) = 0;
};

}  // namespace ecn::order::clients
