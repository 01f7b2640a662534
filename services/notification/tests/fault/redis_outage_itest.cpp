// Redis stopped under the running binary: notifications posted meanwhile are stored at once,
// the lost live messages are counted on /metrics, and once Redis is back new notifications
// reach a real SUBSCRIBE again.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "redis_subscriber.hpp"
#include "server_outage.hpp"
#include "service_process.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

namespace pb = ecommerce::notification::v1;
using namespace std::chrono_literals;

pb::Notification post(ServiceProcess& service, const std::string& user, const std::string& title) {
  grpc::ClientContext context;
  rpc::prepare_call(context, 5s);
  pb::PostNotificationRequest request;
  request.set_user_id(user);
  request.set_type(pb::SYSTEM);
  request.set_title(title);
  pb::Notification posted;
  const auto status = service.stub().PostNotification(&context, request, &posted);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return posted;
}

std::string received_id(RedisSubscriber& subscriber) {
  const auto message = subscriber.next(10s);
  if (!message) return "(nothing within 10 s)";
  return std::string(boost::json::parse(*message).as_object().at("id").as_string());
}

TEST(RedisOutage, PostsAreStoredWhileRedisIsDownCountedAndPublishedAgainWhenItReturns) {
  constexpr int kDuringOutage = 20;
  ecn::testing::TempDatabase database;
  pg::Migrator(database.url(), storage::migrations()).up();
  TestTopics topics("redis_outage");
  ServiceProcess service(database.url(), topics);
  const auto user = core::new_uuid_v7();
  const auto channel = "notifications:user:" + user;

  {
    RedisSubscriber subscriber(ecn::testing::redis_url(), channel);
    const auto before = post(service, user, "before");
    ASSERT_EQ(received_id(subscriber), before.id());
  }
  ASSERT_EQ(service.metric("redis_publish_failures_total"), 0);

  {
    ServerOutage outage("redis");
    for (int i = 0; i < kDuringOutage; ++i) {
      const auto started = std::chrono::steady_clock::now();
      const auto posted = post(service, user, "during " + std::to_string(i));
      ASSERT_FALSE(posted.id().empty());
      // Queued for the publisher thread, never waiting for Redis's connect timeout (1 s).
      EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms) << "post " << i;
    }
    pqxx::connection connection(database.url());
    pqxx::nontransaction tx(connection);
    EXPECT_EQ(
        tx.exec_params1("SELECT count(*) FROM notifications WHERE user_id = $1::uuid", user)[0]
            .as<int>(),
        1 + kDuringOutage);
    EXPECT_TRUE(ecn::testing::wait_until(
        [&] { return service.metric("redis_publish_failures_total") == kDuringOutage; }, 20s))
        << service.metric("redis_publish_failures_total");
    ASSERT_TRUE(service.process().running()) << service.process().stderr_text();
    outage.end();
  }

  RedisSubscriber subscriber(ecn::testing::redis_url(), channel);
  const auto after = post(service, user, "after");
  EXPECT_EQ(received_id(subscriber), after.id()) << service.process().stderr_text();
  EXPECT_EQ(service.metric("redis_published_total"), 2);
  EXPECT_EQ(service.metric("redis_publish_failures_total"), kDuringOutage);

  service.process().signal(SIGTERM);
  EXPECT_EQ(service.process().wait_for_exit(10s), 0) << service.process().stderr_text();
}

}  // namespace
}  // namespace ecn::notification::testing
