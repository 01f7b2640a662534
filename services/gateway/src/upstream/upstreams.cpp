#include "upstream/upstreams.hpp"

#include "ecn/rpc/client.hpp"

namespace ecn::gateway::upstream {

Upstreams::Upstreams(const UpstreamConfig& config, UpstreamFailures* failures)
    : channels{{"user-service", rpc::make_channel(config.user_address)},
               {"product-service", rpc::make_channel(config.product_address)},
               {"order-service", rpc::make_channel(config.order_address)},
               {"notification-service", rpc::make_channel(config.notification_address)}},
      users(ecommerce::user::v1::UserService::NewStub(channels[0].second)),
      products(ecommerce::product::v1::ProductService::NewStub(channels[1].second)),
      orders(ecommerce::order::v1::OrderService::NewStub(channels[2].second)),
      notifications(ecommerce::notification::v1::NotificationService::NewStub(channels[3].second)),
      timeout(config.timeout),
      failures(failures) {}

}  // namespace ecn::gateway::upstream
