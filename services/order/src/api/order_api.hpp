#pragma once

#include "ecommerce/order/v1/order.grpc.pb.h"

namespace ecn::order::clients {
class ProductCatalog;
}
namespace ecn::order::storage {
class OrderStore;
}

namespace ecn::order::api {

// The OrderService gRPC handlers: request → validation → catalogue / store → reply. No SQL.
class OrderApi final : public ecommerce::order::v1::OrderService::Service {
 public:
  // GetOrders answers at most this many ids in one call.
  static constexpr int kMaxBatch = 500;

  OrderApi(storage::OrderStore& store, clients::ProductCatalog& catalog)
      : store_(store), catalog_(catalog) {}

  grpc::Status CreateOrder(grpc::ServerContext* context,
                           const ecommerce::order::v1::CreateOrderRequest* request,
                           ecommerce::order::v1::Order* reply) override;
  grpc::Status GetOrder(grpc::ServerContext* context,
                        const ecommerce::order::v1::GetOrderRequest* request,
                        ecommerce::order::v1::Order* reply) override;
  grpc::Status GetOrders(grpc::ServerContext* context,
                         const ecommerce::order::v1::GetOrdersRequest* request,
                         ecommerce::order::v1::GetOrdersResponse* reply) override;
  grpc::Status ListOrdersByUser(grpc::ServerContext* context,
                                const ecommerce::order::v1::ListOrdersByUserRequest* request,
                                ecommerce::order::v1::ListOrdersByUserResponse* reply) override;
  grpc::Status UpdateOrderStatus(grpc::ServerContext* context,
                                 const ecommerce::order::v1::UpdateOrderStatusRequest* request,
                                 ecommerce::order::v1::Order* reply) override;

 private:
  storage::OrderStore& store_;
  clients::ProductCatalog& catalog_;
};

}  // namespace ecn::order::api
