// build/bin/notification-service as an operator runs it: a real process, real PostgreSQL and
// Kafka (topics of its own, named through the *_TOPIC settings).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <regex>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"

namespace {

namespace pb = ecommerce::notification::v1;
using ecn::testing::ChildProcess;
using namespace std::chrono_literals;

// A port the service logged at start: "gRPC 127.0.0.1:0 (port N), ops 127.0.0.1:0 (port M)".
std::uint16_t logged_port(const std::string& log, const std::string& what) {
  std::smatch match;
  const std::regex pattern(what + R"( [^ ]+ \(port (\d+)\))");
  if (!std::regex_search(log, match, pattern)) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

TEST(NotificationBinary, ServesTheInboxTurnsOrderEventsIntoNotificationsAndStopsOnSigterm) {
  ecn::testing::TempDatabase database;
  const auto user_topic = ecn::testing::unique_name("user_events");
  const auto product_topic = ecn::testing::unique_name("product_events");
  const auto order_topic = ecn::testing::unique_name("order_status");
  const std::vector<std::string> topics = {user_topic,           product_topic,
                                           order_topic,          user_topic + ".dlq",
                                           order_topic + ".dlq", product_topic + ".dlq"};
  std::vector<ecn::kafka::TopicSpec> specs;
  for (const auto& topic : topics) specs.push_back({.name = topic, .partitions = 1});
  ecn::kafka::ensure_topics(ecn::testing::kafka_brokers(), specs);

  ChildProcess service(NOTIFICATION_SERVICE_BINARY, {},
                       {{"DATABASE_URL", database.url()},
                        {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
                        {"GRPC_ADDR", "127.0.0.1:0"},
                        {"OPS_ADDR", "127.0.0.1:0"},
                        {"CONSUMER_GROUP", ecn::testing::unique_name("notif_binary")},
                        {"USER_EVENTS_TOPIC", user_topic},
                        {"PRODUCT_EVENTS_TOPIC", product_topic},
                        {"ORDER_EVENTS_TOPIC", order_topic},
                        {"REDIS_URL", ecn::testing::redis_url()},
                        {"LOG_FORMAT", "json"}});
  ASSERT_TRUE(service.await_stderr("notification-service started", 60s)) << service.stderr_text();
  const auto grpc_port = logged_port(service.stderr_text(), "gRPC");
  const auto ops_port = logged_port(service.stderr_text(), "ops");
  ASSERT_NE(grpc_port, 0) << service.stderr_text();
  auto stub = pb::NotificationService::NewStub(
      ecn::rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port)));

  // Events as user-service and order-service publish them.
  const auto user = ecn::core::new_uuid_v7();
  const auto order = ecn::core::new_uuid_v7();
  ecn::kafka::Producer producer({.brokers = ecn::testing::kafka_brokers()});
  const auto user_event = boost::json::serialize(boost::json::object{
      {"event_id", ecn::core::new_uuid_v4()},
      {"type", "user-upserted"},
      {"occurred_at", "2026-11-26T04:00:00.000Z"},
      {"user",
       {{"id", user},
        {"name", "Ada"},
        {"email", "ada@example.com"},
        {"preferences",
         {{"order_updates", true}, {"promotions", true}, {"categories", boost::json::array()}}},
        {"updated_at", "2026-11-26T04:00:00.000Z"}}}});
  ASSERT_TRUE(producer.produce_sync(user_topic, user, user_event).ok());
  const auto order_event = boost::json::serialize(
      boost::json::object{{"event_id", ecn::core::new_uuid_v4()},
                          {"order_id", order},
                          {"user_id", user},
                          {"old_status", "CONFIRMED"},
                          {"new_status", "SHIPPED"},
                          {"occurred_at", "2026-11-26T04:00:01.000Z"},
                          {"total", {{"amount", "5.00"}, {"currency_code", "USD"}}}});
  ASSERT_TRUE(producer.produce_sync(order_topic, order, order_event).ok());

  pb::ListNotificationsResponse page;
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] {
        grpc::ClientContext context;
        ecn::rpc::prepare_call(context, 5s);
        pb::ListNotificationsRequest request;
        request.set_user_id(user);
        return stub->ListNotifications(&context, request, &page).ok() &&
               page.notifications_size() == 1;
      },
      60s))
      << service.stderr_text();
  EXPECT_EQ(page.notifications(0).type(), pb::ORDER_UPDATE);
  EXPECT_EQ(page.notifications(0).title(), "Your order is now SHIPPED");

  // PostNotification through the same server.
  grpc::ClientContext context;
  ecn::rpc::prepare_call(context, 5s);
  pb::PostNotificationRequest post;
  post.set_user_id(user);
  post.set_type(pb::SYSTEM);
  post.set_title("Welcome");
  pb::Notification posted;
  const auto status = stub->PostNotification(&context, post, &posted);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const auto metrics = ecn::testing::http_get(ops_port, "/metrics");
  EXPECT_NE(metrics.body.find("kafka_consumer_records_total{consumer=\"order-updates\"}"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("PostNotification"), std::string::npos);

  service.signal(SIGTERM);
  EXPECT_EQ(service.wait_for_exit(10s), 0) << service.stderr_text();
  ecn::kafka::delete_topics(ecn::testing::kafka_brokers(), topics);
}

TEST(NotificationBinaryConfig, BadPromotionCronStopsTheStartWithTheVariablesName) {
  const auto result = ecn::testing::run_program(NOTIFICATION_SERVICE_BINARY, {},
                                                {{"PROMOTION_CRON", "0 25 * * *"}}, 30s);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("PROMOTION_CRON: hour: 25 is out of range 0-23"), std::string::npos)
      << result.err;
}

TEST(NotificationBinaryConfig, BadProcessedEventsRetentionStopsTheStartWithTheVariablesName) {
  for (const auto& [value, problem] : std::vector<std::pair<std::string, std::string>>{
           {"a week", "expected a duration such as 7d"}, {"30m", "must be at least 1h"}}) {
    const auto result = ecn::testing::run_program(NOTIFICATION_SERVICE_BINARY, {},
                                                  {{"PROCESSED_EVENTS_RETENTION", value}}, 30s);
    EXPECT_EQ(result.exit_code, 2) << value;
    EXPECT_NE(result.err.find("PROCESSED_EVENTS_RETENTION: " + problem), std::string::npos)
        << result.err;
  }
}

// The topic keeps records 7 days (the broker's default): idempotency rows kept 2 days could be
// gone when a record is delivered again.
TEST(NotificationBinaryConfig, ARetentionShorterThanTheOrderTopicsIsRefusedAtStart) {
  ecn::testing::TempDatabase database;
  const auto order_topic = ecn::testing::unique_name("retention_orders");
  const std::vector<ecn::kafka::TopicSpec> specs = {
      {.name = order_topic, .partitions = 1, .config = {{"retention.ms", "604800000"}}}};
  ecn::kafka::ensure_topics(ecn::testing::kafka_brokers(), specs);
  const auto result = ecn::testing::run_program(NOTIFICATION_SERVICE_BINARY, {},
                                                {{"DATABASE_URL", database.url()},
                                                 {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
                                                 {"GRPC_ADDR", "127.0.0.1:0"},
                                                 {"OPS_ADDR", "127.0.0.1:0"},
                                                 {"ORDER_EVENTS_TOPIC", order_topic},
                                                 {"PROCESSED_EVENTS_RETENTION", "2d"}},
                                                60s);
  ecn::kafka::delete_topics(ecn::testing::kafka_brokers(), std::vector<std::string>{order_topic});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("PROCESSED_EVENTS_RETENTION: 2d is shorter than the topic's "
                            "retention.ms (604800000 ms)"),
            std::string::npos)
      << result.err;
}

}  // namespace
