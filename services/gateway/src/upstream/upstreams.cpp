#include "upstream/upstreams.hpp"

#include "ecn/rpc/client.hpp"

namespace ecn::gateway::upstream {

Upstreams::Upstreams(const UpstreamConfig& config)
    : users(ecommerce::user::v1::UserService::NewStub(rpc::make_channel(config.user_address))),
      products(ecommerce::product::v1::ProductService::NewStub(
          rpc::make_channel(config.product_address))),
      orders(ecommerce::order::v1::OrderService::NewStub(rpc::make_channel(config.order_address))),
      notifications(ecommerce::notification::v1::NotificationService::NewStub(
          rpc::make_channel(config.notification_address))),
      timeout(config.timeout) {}

}  // namespace ecn::gateway::upstream
