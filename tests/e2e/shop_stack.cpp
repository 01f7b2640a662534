#include "shop_stack.hpp"

#include <chrono>
#include <regex>

#include "ecn/testing/environment.hpp"

namespace ecn::e2e {
namespace {

using namespace std::chrono_literals;

std::string tail(const std::string& text, std::size_t bytes) {
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

}  // namespace

std::uint16_t logged_port(const std::string& log, const std::string& what) {
  std::smatch match;
  const std::regex pattern(what + R"( [^ ]+ \(port (\d+)\))");
  if (!std::regex_search(log, match, pattern)) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

RunningService::RunningService(const std::string& binary, const std::string& name,
                               std::map<std::string, std::string> environment) {
  environment.emplace("DATABASE_URL", database_.url());
  environment.emplace("KAFKA_BROKERS", testing::kafka_brokers());
  environment.emplace("GRPC_ADDR", "127.0.0.1:0");
  environment.emplace("OPS_ADDR", "127.0.0.1:0");
  environment.emplace("LOG_FORMAT", "json");
  process_ = std::make_unique<testing::ChildProcess>(binary, std::vector<std::string>{},
                                                     std::move(environment));
  started_ = process_->await_stderr(name + " started", 90s);
  grpc_port_ = logged_port(process_->stderr_text(), "gRPC");
  started_ = started_ && grpc_port_ != 0;
}

ShopStack::ShopStack(const ShopBinaries& binaries, std::string jwt_secret, std::string admin_key)
    : admin_key_(std::move(admin_key)) {
  // user- and product-service need nothing else; order-service prices orders through
  // product-service; notification-service reads their events.
  users_ = std::make_unique<RunningService>(binaries.user, "user-service",
                                            std::map<std::string, std::string>{
                                                {"JWT_SECRET", jwt_secret},
                                                {"PASSWORD_HASH_CONCURRENCY", "2"},
                                            });
  products_ = std::make_unique<RunningService>(binaries.product, "product-service",
                                               std::map<std::string, std::string>{});
  if (!users_->started()) {
    failure_ = "user-service did not start:\n" + users_->log();
    return;
  }
  if (!products_->started()) {
    failure_ = "product-service did not start:\n" + products_->log();
    return;
  }
  orders_ = std::make_unique<RunningService>(
      binaries.order, "order-service",
      std::map<std::string, std::string>{{"PRODUCT_SERVICE_ADDR", products_->grpc_address()}});
  // A consumer group of its own: this run's notification-service reads the shared topics
  // from the start, without taking partitions from another test's instance.
  notifications_ = std::make_unique<RunningService>(
      binaries.notification, "notification-service",
      std::map<std::string, std::string>{{"REDIS_URL", testing::redis_url()},
                                         {"CONSUMER_GROUP", testing::unique_name("e2e_newman")}});
  if (!orders_->started()) {
    failure_ = "order-service did not start:\n" + orders_->log();
    return;
  }
  if (!notifications_->started()) {
    failure_ = "notification-service did not start:\n" + notifications_->log();
    return;
  }
  gateway_ = std::make_unique<testing::ChildProcess>(
      binaries.gateway, std::vector<std::string>{},
      std::map<std::string, std::string>{
          {"GATEWAY_ADDR", "127.0.0.1:0"},
          {"OPS_ADDR", "127.0.0.1:0"},
          {"JWT_SECRET", jwt_secret},
          {"ADMIN_SECRET_KEY", admin_key_},
          {"GRAPHIQL_ENABLED", "false"},
          {"USER_SERVICE_ADDR", users_->grpc_address()},
          {"PRODUCT_SERVICE_ADDR", products_->grpc_address()},
          {"ORDER_SERVICE_ADDR", orders_->grpc_address()},
          {"NOTIFICATION_SERVICE_ADDR", notifications_->grpc_address()},
          {"REDIS_URL", testing::redis_url()},
          {"KAFKA_BROKERS", testing::kafka_brokers()},
          // Redis is shared by every test: this run's rate-limit buckets (all clients are
          // 127.0.0.1) and cached products must not meet another test's.
          {"RATE_LIMIT_KEY_PREFIX", testing::unique_name("e2e_ratelimit")},
          {"PRODUCT_CACHE_KEY_PREFIX", testing::unique_name("e2e_products")},
          {"LOG_FORMAT", "json"},
      });
  if (!gateway_->await_stderr("gateway started", 30s)) {
    failure_ = "gateway did not start:\n" + gateway_->stderr_text();
    return;
  }
  gateway_port_ = logged_port(gateway_->stderr_text(), "http");
  if (gateway_port_ == 0) failure_ = "gateway logged no http port:\n" + gateway_->stderr_text();
}

std::string ShopStack::logs_tail(std::size_t bytes) const {
  std::string out;
  const auto add = [&](const char* name, testing::ChildProcess& process) {
    out += std::string("---- ") + name + " (tail)\n" + tail(process.stderr_text(), bytes) + "\n";
    if (!process.running()) {
      const auto code = process.wait_for_exit(std::chrono::milliseconds(0));
      out += std::string("---- ") + name + " is not running: exit code " +
             (code ? std::to_string(*code) : std::string("?")) + "\n";
    }
  };
  if (users_) add("user-service", users_->process());
  if (products_) add("product-service", products_->process());
  if (orders_) add("order-service", orders_->process());
  if (notifications_) add("notification-service", notifications_->process());
  if (gateway_) add("gateway", *gateway_);
  return out;
}

}  // namespace ecn::e2e
