#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ecommerce/notification/v1/notification.grpc.pb.h"
#include "ecommerce/order/v1/order.grpc.pb.h"
#include "ecommerce/product/v1/product.grpc.pb.h"
#include "ecommerce/user/v1/user.grpc.pb.h"

namespace ecn::gateway::upstream {

class UpstreamFailures;

// Where the four domain services listen (USER_SERVICE_ADDR, ...) and how long a call may take.
struct UpstreamConfig {
  std::string user_address = "127.0.0.1:50051";
  std::string product_address = "127.0.0.1:50052";
  std::string order_address = "127.0.0.1:50053";
  std::string notification_address = "127.0.0.1:50054";
  std::chrono::milliseconds timeout{2000};  // UPSTREAM_TIMEOUT_MS
};

// The gateway's stubs, one channel per service, shared by every request. Channels connect
// lazily, so the gateway starts (and serves other fields) while an upstream is down.
struct Upstreams {
  explicit Upstreams(const UpstreamConfig& config, UpstreamFailures* failures = nullptr);

  // The channels under the stubs, by service name ("user-service", ...), for readiness probes.
  std::vector<std::pair<std::string, std::shared_ptr<grpc::Channel>>> channels;

  std::unique_ptr<ecommerce::user::v1::UserService::Stub> users;
  std::unique_ptr<ecommerce::product::v1::ProductService::Stub> products;
  std::unique_ptr<ecommerce::order::v1::OrderService::Stub> orders;
  std::unique_ptr<ecommerce::notification::v1::NotificationService::Stub> notifications;
  std::chrono::milliseconds timeout;
  UpstreamFailures* failures;  // null: not recorded (tests)
};

}  // namespace ecn::gateway::upstream
