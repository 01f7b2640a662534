#include "service_process.hpp"

#include <regex>
#include <stdexcept>

#include "ecn/kafka/admin.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> with_dead_letters(const TestTopics& topics) {
  return {topics.users,          topics.products,          topics.orders,
          topics.users + ".dlq", topics.products + ".dlq", topics.orders + ".dlq"};
}

}  // namespace

TestTopics::TestTopics(std::string_view prefix, int partitions)
    : users(ecn::testing::unique_name(std::string(prefix) + "_users")),
      products(ecn::testing::unique_name(std::string(prefix) + "_products")),
      orders(ecn::testing::unique_name(std::string(prefix) + "_orders")) {
  std::vector<kafka::TopicSpec> specs;
  for (const auto& topic : with_dead_letters(*this)) {
    specs.push_back({.name = topic, .partitions = partitions});
  }
  kafka::ensure_topics(ecn::testing::kafka_brokers(), specs);
}

TestTopics::~TestTopics() {
  try {
    kafka::delete_topics(ecn::testing::kafka_brokers(), with_dead_letters(*this));
  } catch (const std::exception&) {
    // Random names: a leftover topic disturbs no other test.
  }
}

ServiceProcess::ServiceProcess(const std::string& database_url, const TestTopics& topics,
                               std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> environment = {
      {"DATABASE_URL", database_url},
      {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
      {"REDIS_URL", ecn::testing::redis_url()},
      {"GRPC_ADDR", "127.0.0.1:0"},
      {"OPS_ADDR", "127.0.0.1:0"},
      {"USER_EVENTS_TOPIC", topics.users},
      {"PRODUCT_EVENTS_TOPIC", topics.products},
      {"ORDER_EVENTS_TOPIC", topics.orders},
      {"LOG_FORMAT", "json"}};
  for (auto& [name, value] : extra) environment[name] = std::move(value);
  process_ = std::make_unique<ecn::testing::ChildProcess>(NOTIFICATION_SERVICE_BINARY,
                                                          std::vector<std::string>{}, environment);
  if (!process_->await_stderr("notification-service started", 60s)) {
    throw std::runtime_error("notification-service did not start:\n" + process_->stderr_text());
  }
  grpc_port_ = logged_port(process_->stderr_text(), "gRPC");
  ops_port_ = logged_port(process_->stderr_text(), "ops");
  stub_ = ecommerce::notification::v1::NotificationService::NewStub(
      rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port_)));
}

double ServiceProcess::metric(std::string_view name) {
  const auto body = ecn::testing::http_get(ops_port_, "/metrics").body;
  const std::string prefix = "\n" + std::string(name) + " ";
  const auto at = ("\n" + body).find(prefix);
  if (at == std::string::npos) return -1;
  const auto start = at + prefix.size() - 1;  // the "\n" added in front
  const auto end = body.find('\n', start);
  return std::stod(body.substr(start, end - start));
}

std::uint16_t logged_port(const std::string& log, std::string_view what) {
  std::smatch match;
  const std::regex pattern(std::string(what) + R"( [^ ]+ \(port (\d+)\))");
  if (!std::regex_search(log, match, pattern)) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

}  // namespace ecn::notification::testing
