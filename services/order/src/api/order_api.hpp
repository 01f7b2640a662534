#pragma once

#include "ecn/rpc/work_queue.hpp"
#include "ecommerce/order/v1/order.grpc.pb.h"

namespace ecn::order::clients {
class ProductCatalog;
}
namespace ecn::order::storage {
class OrderStore;
}

namespace ecn::order::api {

// The OrderService gRPC handlers: request → validation → catalogue / store → reply. No SQL.
class OrderApi final : public ecommerce::order::v1::OrderService::CallbackService {
 public:
  // GetOrders answers at most this many ids in one call.
  static constexpr int kMaxBatch = 500;

  OrderApi(storage::OrderStore& store, clients::ProductCatalog& catalog, rpc::WorkQueue& work)
      : store_(store), catalog_(catalog), work_(work) {}

  grpc::ServerUnaryReactor* CreateOrder(grpc::CallbackServerContext* context,
                                        const ecommerce::order::v1::CreateOrderRequest* request,
                                        ecommerce::order::v1::Order* reply) override;
  grpc::ServerUnaryReactor* GetOrder(grpc::CallbackServerContext* context,
                                     const ecommerce::order::v1::GetOrderRequest* request,
                                     ecommerce::order::v1::Order* reply) override;
  grpc::ServerUnaryReactor* GetOrders(grpc::CallbackServerContext* context,
                                      const ecommerce::order::v1::GetOrdersRequest* request,
                                      ecommerce::order::v1::GetOrdersResponse* reply) override;
  grpc::ServerUnaryReactor* ListOrdersByUser(
      grpc::CallbackServerContext* context,
      const ecommerce::order::v1::ListOrdersByUserRequest* request,
      ecommerce::order::v1::ListOrdersByUserResponse* reply) override;
  grpc::ServerUnaryReactor* UpdateOrderStatus(
      grpc::CallbackServerContext* context,
      const ecommerce::order::v1::UpdateOrderStatusRequest* request,
      ecommerce::order::v1::Order* reply) override;

 private:
  storage::OrderStore& store_;
  clients::ProductCatalog& catalog_;
  rpc::WorkQueue& work_;
};

}  // namespace ecn::order::api
