// Live push: committed notifications reach Redis pub/sub subscribers of the user's channel.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "app/inbox.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "push/redis_publisher.hpp"
#include "redis_subscriber.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

TEST(LivePush, PostedNotificationIsPublishedOnTheUsersChannelAsJson) {
  ecn::testing::TempDatabase database;
  pg::Migrator(database.url(), storage::migrations()).up();
  pg::Pool pool({.url = database.url(), .max_size = 2});
  ops::MetricsRegistry metrics;
  push::RedisPublisher live({.url = ecn::testing::redis_url()}, metrics);
  app::Inbox inbox(pool, live);

  const auto user = core::new_uuid_v7();
  RedisSubscriber subscriber(ecn::testing::redis_url(), "notifications:user:" + user);
  const auto stored = inbox.post(
      {.user_id = user, .type = 1, .title = "Shipped", .body = "b", .data_json = R"({"a":1})"});
  ASSERT_TRUE(stored) << stored.error();

  const auto message = subscriber.next(10s);
  ASSERT_TRUE(message.has_value());
  const auto json = boost::json::parse(*message).as_object();
  EXPECT_EQ(json.at("id").as_string(), stored->id);
  EXPECT_EQ(json.at("user_id").as_string(), user);
  EXPECT_EQ(json.at("type").as_string(), "ORDER_UPDATE");
  EXPECT_EQ(json.at("title").as_string(), "Shipped");
  EXPECT_EQ(json.at("data"), (boost::json::value{{"a", 1}}));
  EXPECT_EQ(json.at("read").as_bool(), false);
  EXPECT_TRUE(json.at("read_at").is_null());
  EXPECT_EQ(json.at("cursor").as_string(), app::cursor_of(*stored));
  EXPECT_TRUE(ecn::testing::wait_until([&] { return live.published() == 1; }, 5s));
  EXPECT_EQ(live.failed(), 0u);
}

TEST(LivePush, UnreachableRedisNeverFailsAWriteAndIsCounted) {
  ecn::testing::TempDatabase database;
  pg::Migrator(database.url(), storage::migrations()).up();
  pg::Pool pool({.url = database.url(), .max_size = 2});
  ops::MetricsRegistry metrics;
  // Nothing listens on port 1.
  push::RedisPublisher live({.url = "redis://127.0.0.1:1", .retry_backoff = 10ms}, metrics);
  app::Inbox inbox(pool, live);
  const auto user = core::new_uuid_v7();
  for (int i = 0; i < 3; ++i) {
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(
        inbox.post({.user_id = user, .type = 3, .title = "t", .body = "", .data_json = ""}));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  }
  pqxx::connection connection(database.url());
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM notifications")[0].as<int>(), 3);
  EXPECT_TRUE(ecn::testing::wait_until([&] { return live.failed() == 3; }, 10s));
  EXPECT_NE(metrics.render().find("redis_publish_failures_total 3"), std::string::npos)
      << metrics.render();
}

}  // namespace
}  // namespace ecn::notification::testing
