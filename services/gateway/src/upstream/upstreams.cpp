#include "upstream/upstreams.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

#include "ecn/rpc/client.hpp"

namespace ecn::gateway::upstream {

namespace {

// The reads of each service: gRPC retries them on UNAVAILABLE (a full queue, a database that is
// back a moment later). Writes are not retried: without an idempotency key a repeat could
// write twice.
rpc::RetryPolicy reads(std::string_view service, std::initializer_list<std::string_view> methods) {
  rpc::RetryPolicy policy;
  for (const auto method : methods) {
    policy.methods.push_back(std::string(service) + "/" + std::string(method));
  }
  return policy;
}

}  // namespace

Upstreams::Upstreams(const UpstreamConfig& config, UpstreamFailures* failures)
    : channels{{"user-service",
                rpc::make_channel(config.user_address,
                                  reads("ecommerce.user.v1.UserService", {"GetUser", "GetUsers"}))},
               {"product-service",
                rpc::make_channel(config.product_address,
                                  reads("ecommerce.product.v1.ProductService",
                                        {"GetProduct", "GetProducts", "ListProducts"}))},
               {"order-service",
                rpc::make_channel(config.order_address,
                                  reads("ecommerce.order.v1.OrderService",
                                        {"GetOrder", "GetOrders", "ListOrdersByUser"}))},
               {"notification-service",
                rpc::make_channel(config.notification_address,
                                  reads("ecommerce.notification.v1.NotificationService",
                                        {"ListNotifications", "ListNotificationsAfter",
                                         "UnreadCount", "GetCampaign"}))}},
      users(ecommerce::user::v1::UserService::NewStub(channels[0].second)),
      products(ecommerce::product::v1::ProductService::NewStub(channels[1].second)),
      orders(ecommerce::order::v1::OrderService::NewStub(channels[2].second)),
      notifications(ecommerce::notification::v1::NotificationService::NewStub(channels[3].second)),
      timeout(config.timeout),
      failures(failures) {}

}  // namespace ecn::gateway::upstream
