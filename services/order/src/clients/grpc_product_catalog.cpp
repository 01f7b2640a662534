#include "clients/grpc_product_catalog.hpp"

#include <spdlog/spdlog.h>

#include "ecn/rpc/client.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"

namespace ecn::order::clients {

struct GrpcProductCatalog::Impl {
  std::unique_ptr<ecommerce::product::v1::ProductService::Stub> stub;
  std::chrono::milliseconds timeout;
};

GrpcProductCatalog::GrpcProductCatalog(std::string_view target, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(
          Impl{ecommerce::product::v1::ProductService::NewStub(rpc::make_channel(
                   target, {.methods = {"ecommerce.product.v1.ProductService/GetProducts"}})),
               timeout})) {}

GrpcProductCatalog::~GrpcProductCatalog() = default;

core::Result<std::vector<domain::CatalogProduct>> GrpcProductCatalog::get_products(
    const std::vector<std::string>& ids) {
  grpc::ClientContext context;
  rpc::prepare_call(context, impl_->timeout);
  ecommerce::product::v1::GetProductsRequest request;
  for (const auto& id : ids) request.add_ids(id);
  ecommerce::product::v1::GetProductsResponse response;
  const auto status = impl_->stub->GetProducts(&context, request, &response);
  if (!status.ok()) {
    // Whatever went wrong upstream (down, too slow, a bug), this request cannot be served now;
    // the details go to the log, not to the client.
    spdlog::warn("product-service GetProducts failed: {} {}", static_cast<int>(status.error_code()),
                 status.error_message());
    return core::Error{core::ErrorCode::kUnavailable, "product-service is unavailable, try again"};
  }
  std::vector<domain::CatalogProduct> products;
  products.reserve(static_cast<std::size_t>(response.products_size()));
  for (const auto& product : response.products()) {
    products.push_back(
        {product.id(), product.name(), product.price().amount(), product.price().currency_code()});
  }
  return products;
}

}  // namespace ecn::order::clients
