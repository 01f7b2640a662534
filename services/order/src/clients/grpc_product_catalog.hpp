#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "clients/product_catalog.hpp"

namespace ecn::order::clients {

// product-service over gRPC: one GetProducts call per lookup, with a deadline.
class GrpcProductCatalog final : public ProductCatalog {
 public:
  // `target` is "host:port"; the channel connects lazily, so product-service may start later.
  GrpcProductCatalog(std::string_view target, std::chrono::milliseconds timeout);
  ~GrpcProductCatalog() override;

  core::Result<std::vector<domain::CatalogProduct>> get_products(
      const std::vector<std::string>& ids) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::order::clients
