// order-status-updated → ORDER_UPDATE notifications, on real Kafka and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/dead_letter.hpp"
#include "ecn/testing/environment.hpp"
#include "events_fixture.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(EventsTest, OptedInUserIsNotifiedAndOptedOutUserIsNot) {
  start_loops();
  const auto opted_in = core::new_uuid_v7();
  const auto opted_out = core::new_uuid_v7();
  produce(user_topic_, opted_in,
          user_event(opted_in, "in", true, true, {}, "2026-11-26T04:00:00.000Z"));
  produce(user_topic_, opted_out,
          user_event(opted_out, "out", false, true, {}, "2026-11-26T04:00:00.000Z"));
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return scalar("SELECT count(*) FROM subscribers") == 2; }, 30s));

  const auto order_in = core::new_uuid_v7();
  const auto order_out = core::new_uuid_v7();
  produce(order_topic_, order_in, order_event(core::new_uuid_v4(), order_in, opted_in, "SHIPPED"));
  produce(order_topic_, order_out,
          order_event(core::new_uuid_v4(), order_out, opted_out, "SHIPPED"));
  ASSERT_TRUE(await_committed(4));

  EXPECT_EQ(scalar("SELECT count(*) FROM notifications WHERE user_id = '" + opted_out + "'"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM processed_events"), 2);
  ASSERT_EQ(scalar("SELECT count(*) FROM notifications WHERE user_id = '" + opted_in +
                   "' AND type = 1 AND title = 'Your order is now SHIPPED'"),
            1);
  EXPECT_EQ(scalar("SELECT unread FROM unread_counters WHERE user_id = '" + opted_in + "'"), 1);
  const auto pushed = live_.published();
  ASSERT_EQ(pushed.size(), 1u);
  EXPECT_EQ(pushed[0].user_id, opted_in);
  EXPECT_EQ(boost::json::parse(pushed[0].data_json),
            (boost::json::value{{"order_id", order_in}, {"status", "SHIPPED"}}));
}

TEST_F(EventsTest, RedeliveredEventCreatesOneNotification) {
  const auto user = core::new_uuid_v7();
  const auto order = core::new_uuid_v7();
  const auto event_id = core::new_uuid_v4();
  produce(user_topic_, user, user_event(user, "u", true, true, {}, "2026-11-26T04:00:00.000Z"));
  // The relay may publish one event more than once...
  for (int i = 0; i < 3; ++i)
    produce(order_topic_, order, order_event(event_id, order, user, "SHIPPED"));
  start_loops();
  ASSERT_TRUE(await_committed(4));
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), 1);

  // ...and a consumer group may read everything again (lost commits, a reset group).
  stop_loops();
  start_loops(ecn::testing::unique_name("notif_replay"));
  ASSERT_TRUE(await_committed(4));
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), 1);
  EXPECT_EQ(scalar("SELECT unread FROM unread_counters"), 1);
}

TEST_F(EventsTest, LateUserEventLeadsToANotificationAfterRetry) {
  user_wait_ = {.attempts = 50, .initial_backoff = 100ms, .max_backoff = 200ms};
  start_loops();
  const auto user = core::new_uuid_v7();
  const auto order = core::new_uuid_v7();
  produce(order_topic_, order, order_event(core::new_uuid_v4(), order, user, "DELIVERED"));
  // The order event is being retried: nothing yet, nothing committed.
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return metrics_.render().find("kafka_consumer_lag") != std::string::npos; }, 10s));
  EXPECT_EQ(order_loop_->committed(), 0u);
  produce(user_topic_, user, user_event(user, "late", true, true, {}, "2026-11-26T04:00:00.000Z"));
  ASSERT_TRUE(await_committed(2));
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications WHERE user_id = '" + user +
                   "' AND data->>'status' = 'DELIVERED'"),
            1);
}

TEST_F(EventsTest, EventOfAUserThatNeverArrivesGoesToTheDeadLetterTopic) {
  user_wait_ = {.attempts = 2, .initial_backoff = 50ms, .max_backoff = 50ms};
  start_loops();
  const auto ghost_order = core::new_uuid_v7();
  produce(order_topic_, ghost_order,
          order_event(core::new_uuid_v4(), ghost_order, core::new_uuid_v7(), "SHIPPED"));
  const auto poison_order = core::new_uuid_v7();
  produce(order_topic_, poison_order, R"({"event_id": "nope"})");
  const auto user = core::new_uuid_v7();
  produce(user_topic_, user, user_event(user, "u", true, true, {}, "2026-11-26T04:00:00.000Z"));
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return scalar("SELECT count(*) FROM subscribers") == 1; }, 30s));
  const auto good_order = core::new_uuid_v7();
  produce(order_topic_, good_order, order_event(core::new_uuid_v4(), good_order, user, "SHIPPED"));
  ASSERT_TRUE(await_committed(4));
  EXPECT_EQ(scalar("SELECT count(*) FROM notifications"), 1);

  const auto dlq = kafka::dead_letter_topic(order_topic_);
  const auto ghost = await_record(dlq, ghost_order);
  ASSERT_TRUE(ghost.has_value());
  EXPECT_NE(std::string(kafka::last_header(ghost->headers, "error").value_or(""))
                .find("is not in the subscribers projection"),
            std::string::npos);
  const auto poison = await_record(dlq, poison_order);
  ASSERT_TRUE(poison.has_value());
  EXPECT_EQ(kafka::last_header(poison->headers, "error").value_or(""),
            "INVALID_ARGUMENT: event_id: must be a UUID");
}

}  // namespace
}  // namespace ecn::notification::testing
