// build/bin/notification-service killed with SIGKILL in the middle of a 50,000-event burst of
// order-status-updated, then restarted in the same consumer group: every event becomes exactly
// one notification (redelivered records are recognised by their event id) and the unread
// counters equal the true counts.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <csignal>
#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/temp_database.hpp"
#include "service_process.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kSubscribers = 1000;
constexpr int kEvents = 50'000;

class OrderBurstKill : public ::testing::Test {
 protected:
  OrderBurstKill() { pg::Migrator(database_.url(), storage::migrations()).up(); }

  std::int64_t scalar(const std::string& sql) {
    pqxx::connection connection(database_.url());
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  // Subscribers with order updates on, in one statement; their ids.
  std::vector<std::string> seed_subscribers() {
    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    std::vector<std::string> ids;
    for (const auto& row : tx.exec_params(
             "INSERT INTO subscribers (id, name, email, order_updates, promotions, updated_at) "
             "SELECT gen_random_uuid(), 'u' || i, 'u' || i || '@example.com', true, false, now() "
             "FROM generate_series(1, $1) AS i RETURNING id::text",
             kSubscribers)) {
      ids.push_back(row[0].as<std::string>());
    }
    tx.commit();
    return ids;
  }

  // kEvents events, each with its own event and order id, spread over the subscribers; true
  // when the broker acknowledged every one.
  bool produce_burst(const std::vector<std::string>& users) {
    kafka::Producer producer({.brokers = ecn::testing::kafka_brokers()});
    std::atomic<int> failed = 0;
    for (int i = 0; i < kEvents; ++i) {
      const auto order = core::new_uuid_v4();
      const auto event = boost::json::serialize(
          boost::json::object{{"event_id", core::new_uuid_v4()},
                              {"order_id", order},
                              {"user_id", users[static_cast<std::size_t>(i) % users.size()]},
                              {"old_status", "CONFIRMED"},
                              {"new_status", "SHIPPED"},
                              {"occurred_at", "2026-11-26T04:00:00.000Z"},
                              {"total", {{"amount", "9.99"}, {"currency_code", "EUR"}}}});
      producer.produce(topics_.orders, order, event, {}, [&](const kafka::DeliveryReport& report) {
        if (!report.ok()) ++failed;
      });
    }
    return producer.flush(60s) && failed == 0;
  }

  ecn::testing::TempDatabase database_;
  TestTopics topics_{"burst", 3};
};

TEST_F(OrderBurstKill, SigkillMidBurstThenRestartGivesExactlyOneNotificationPerEvent) {
  const auto users = seed_subscribers();
  const auto produce_started = std::chrono::steady_clock::now();
  ASSERT_TRUE(produce_burst(users));
  std::printf(
      "produced %d events in %.2f s\n", kEvents,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - produce_started).count());

  // One group across both runs: the restarted service resumes from the committed offsets and
  // gets again what the killed one processed but had not committed. A short session lets the
  // group evict the killed members quickly. Two order consumers in the process: two batches
  // (two transactions) in flight when the kill comes, and the partitions split between them.
  const std::map<std::string, std::string> settings = {
      {"CONSUMER_GROUP", ecn::testing::unique_name("burst_group")},
      {"CONSUMER_SESSION_TIMEOUT", "6s"},
      {"ORDER_CONSUMERS", "2"}};
  std::int64_t at_kill = 0;
  {
    ServiceProcess service(database_.url(), topics_, settings);
    ASSERT_TRUE(ecn::testing::wait_until(
        [&] { return scalar("SELECT count(*) FROM notifications") > 0; }, 30s, 2ms))
        << service.process().stderr_text();
    service.process().signal(SIGKILL);
    service.process().wait_for_exit(10s);
    at_kill = scalar("SELECT count(*) FROM notifications");
  }
  std::printf("%lld notifications when killed\n", static_cast<long long>(at_kill));
  ASSERT_GT(at_kill, 0);
  ASSERT_LT(at_kill, kEvents) << "the burst was over before the kill";

  const auto restart = std::chrono::steady_clock::now();
  ServiceProcess restarted(database_.url(), topics_, settings);
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] { return scalar("SELECT count(*) FROM notifications") >= kEvents; }, 60s, 50ms))
      << scalar("SELECT count(*) FROM notifications");
  // Includes the wait for the group to evict the killed members (up to the 6 s session).
  std::printf("restart to %d notifications: %.1f s\n", kEvents,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - restart).count());
  // Let a duplicate, if the service made one, show up: every record is committed past.
  EXPECT_TRUE(ecn::testing::wait_until(
      [&] { return restarted.metric("kafka_consumer_lag{consumer=\"order-updates\"}") == 0; },
      30s));

  // More than kEvents - at_kill: records the killed run had stored but not committed came again.
  std::printf("the restarted service consumed %.0f records\n",
              restarted.metric("kafka_consumer_records_total{consumer=\"order-updates\"}"));

  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), kEvents);
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications WHERE type = 1"), kEvents);
  EXPECT_EQ(scalar("SELECT count(DISTINCT data->>'order_id') FROM notifications"), kEvents);
  EXPECT_EQ(scalar("SELECT count(*) FROM processed_events"), kEvents);
  // Every counter equals its user's true unread count (and no user lacks one).
  EXPECT_EQ(scalar("SELECT count(*) FROM (SELECT user_id, count(*) AS c FROM notifications "
                   "WHERE read_at IS NULL GROUP BY user_id) t "
                   "FULL JOIN unread_counters u USING (user_id) "
                   "WHERE t.c IS DISTINCT FROM u.unread"),
            0);
  EXPECT_EQ(scalar("SELECT sum(unread) FROM unread_counters"), kEvents);
  // Each user's numbers are 1..n without gaps, the counter's last_seq is n.
  EXPECT_EQ(
      scalar("SELECT count(*) FROM (SELECT user_id, count(*) AS c, min(seq) AS lo, max(seq) AS hi "
             "FROM notifications GROUP BY user_id) t JOIN unread_counters u USING (user_id) "
             "WHERE t.lo <> 1 OR t.hi <> t.c OR u.last_seq <> t.hi"),
      0);

  restarted.process().signal(SIGTERM);
  EXPECT_EQ(restarted.process().wait_for_exit(10s), 0) << restarted.process().stderr_text();
}

}  // namespace
}  // namespace ecn::notification::testing
