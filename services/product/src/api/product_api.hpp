#pragma once

#include "ecn/rpc/work_queue.hpp"
#include "ecommerce/product/v1/product.grpc.pb.h"

namespace ecn::product::storage {
class ProductStore;
}

namespace ecn::product::api {

// The ProductService gRPC handlers: request → validation → store → reply. No SQL here.
class ProductApi final : public ecommerce::product::v1::ProductService::CallbackService {
 public:
  // GetProducts answers at most this many ids in one call.
  static constexpr int kMaxBatch = 500;

  ProductApi(storage::ProductStore& store, rpc::WorkQueue& work) : store_(store), work_(work) {}

  grpc::ServerUnaryReactor* AddProduct(grpc::CallbackServerContext* context,
                                       const ecommerce::product::v1::AddProductRequest* request,
                                       ecommerce::product::v1::Product* reply) override;
  grpc::ServerUnaryReactor* GetProduct(grpc::CallbackServerContext* context,
                                       const ecommerce::product::v1::GetProductRequest* request,
                                       ecommerce::product::v1::Product* reply) override;
  grpc::ServerUnaryReactor* GetProducts(
      grpc::CallbackServerContext* context,
      const ecommerce::product::v1::GetProductsRequest* request,
      ecommerce::product::v1::GetProductsResponse* reply) override;
  grpc::ServerUnaryReactor* ListProducts(
      grpc::CallbackServerContext* context,
      const ecommerce::product::v1::ListProductsRequest* request,
      ecommerce::product::v1::ListProductsResponse* reply) override;

 private:
  storage::ProductStore& store_;
  rpc::WorkQueue& work_;
};

}  // namespace ecn::product::api
