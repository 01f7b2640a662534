#pragma once

#include "ecommerce/product/v1/product.grpc.pb.h"

namespace ecn::product::storage {
class ProductStore;
}

namespace ecn::product::api {

// The ProductService gRPC handlers: request → validation → store → reply. No SQL here.
class ProductApi final : public ecommerce::product::v1::ProductService::Service {
 public:
  // GetProducts answers at most this many ids in one call.
  static constexpr int kMaxBatch = 500;

  explicit ProductApi(storage::ProductStore& store) : store_(store) {}

  grpc::Status AddProduct(grpc::ServerContext* context,
                          const ecommerce::product::v1::AddProductRequest* request,
                          ecommerce::product::v1::Product* reply) override;
  grpc::Status GetProduct(grpc::ServerContext* context,
                          const ecommerce::product::v1::GetProductRequest* request,
                          ecommerce::product::v1::Product* reply) override;
  grpc::Status GetProducts(grpc::ServerContext* context,
                           const ecommerce::product::v1::GetProductsRequest* request,
                           ecommerce::product::v1::GetProductsResponse* reply) override;
  grpc::Status ListProducts(grpc::ServerContext* context,
                            const ecommerce::product::v1::ListProductsRequest* request,
                            ecommerce::product::v1::ListProductsResponse* reply) override;

 private:
  storage::ProductStore& store_;
};

}  // namespace ecn::product::api
