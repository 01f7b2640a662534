// Live push: committed notifications reach Redis pub/sub subscribers of the user's channel.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

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

// A "Redis" that accepts one connection, reads a little of what it is sent and resets the
// connection: the publisher's next writes hit a dead socket.
class ResettingServer {
 public:
  ResettingServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::jthread([this] {
      const int connection = ::accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      char buffer[4096];
      [[maybe_unused]] const auto got = ::read(connection, buffer, sizeof(buffer));
      const linger reset{.l_onoff = 1, .l_linger = 0};
      ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
      ::close(connection);
      accepted_ = true;
    });
  }
  ~ResettingServer() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
  }
  ResettingServer(const ResettingServer&) = delete;
  ResettingServer& operator=(const ResettingServer&) = delete;

  int port() const { return port_; }
  bool accepted() const { return accepted_; }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> accepted_ = false;
  std::jthread thread_;
};

TEST(LivePush, ConnectionResetMidPipelineIsCountedAndDoesNotKillTheProcess) {
  ResettingServer redis;
  ops::MetricsRegistry metrics;
  push::RedisPublisher live(
      {.url = "redis://127.0.0.1:" + std::to_string(redis.port()), .retry_backoff = 10ms}, metrics);
  // 500 messages of ~16 KiB in one pipeline: the reset comes while it is being written, so
  // every message of the batch is lost, counted, and the process lives on.
  std::vector<domain::Notification> batch(500);
  const std::string data = R"({"pad":")" + std::string(16'000, 'x') + R"("})";
  for (auto& n : batch) {
    n.id = core::new_uuid_v7();
    n.user_id = core::new_uuid_v7();
    n.title = "t";
    n.data_json = data;
  }
  live.publish(batch);
  EXPECT_TRUE(ecn::testing::wait_until([&] { return live.failed() == batch.size(); }, 10s))
      << live.failed();
  EXPECT_TRUE(redis.accepted());
  EXPECT_EQ(live.published(), 0u);
}

}  // namespace
}  // namespace ecn::notification::testing
