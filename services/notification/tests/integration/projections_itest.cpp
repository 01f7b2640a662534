// user-events and product-events → the subscribers and products projections, on real Kafka.
#include <gtest/gtest.h>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/dead_letter.hpp"
#include "ecn/kafka/message.hpp"
#include "ecn/testing/environment.hpp"
#include "events_fixture.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(EventsTest, UserEventsUpsertSubscribersAndIgnoreStaleVersions) {
  start_loops();
  const auto user = core::new_uuid_v7();
  produce(user_topic_, user,
          user_event(user, "newer", false, true, {"books", "games"}, "2026-11-26T04:00:02.000Z"));
  // An older version arriving late (e.g. replayed) must not win.
  produce(user_topic_, user,
          user_event(user, "older", true, false, {}, "2026-11-26T04:00:01.000Z"));
  ASSERT_TRUE(await_committed(2));

  EXPECT_EQ(scalar("SELECT count(*) FROM subscribers WHERE id = '" + user +
                   "' AND name = 'newer' AND NOT order_updates AND promotions "
                   "AND categories = ARRAY['books', 'games']"),
            1);

  // A newer version does win.
  produce(user_topic_, user,
          user_event(user, "newest", true, true, {}, "2026-11-26T04:00:03.000Z"));
  ASSERT_TRUE(await_committed(3));
  EXPECT_EQ(scalar("SELECT count(*) FROM subscribers WHERE id = '" + user +
                   "' AND name = 'newest' AND order_updates AND categories = '{}'"),
            1);
}

TEST_F(EventsTest, ProductEventsFillTheProductsProjection) {
  start_loops();
  const auto product = core::new_uuid_v7();
  produce(product_topic_, product, product_event(product, "books", "2026-11-26T04:00:00.000Z"));
  produce(product_topic_, product, product_event(product, "books", "2026-11-26T04:00:00.000Z"));
  ASSERT_TRUE(await_committed(2));
  EXPECT_EQ(scalar("SELECT count(*) FROM products WHERE id = '" + product +
                   "' AND category = 'books' AND price_amount = 19.99 AND currency_code = 'EUR'"),
            1);
}

TEST_F(EventsTest, PoisonGoesToTheDeadLetterTopicAndTheNextGoodRecordIsProcessed) {
  start_loops();
  const auto poison_key = core::new_uuid_v7();
  produce(user_topic_, poison_key, "{not json");
  const auto user = core::new_uuid_v7();
  produce(user_topic_, user, user_event(user, "good", true, true, {}, "2026-11-26T04:00:00.000Z"));
  ASSERT_TRUE(await_committed(2));
  EXPECT_EQ(scalar("SELECT count(*) FROM subscribers WHERE id = '" + user + "'"), 1);

  const auto dead = await_record(kafka::dead_letter_topic(user_topic_), poison_key);
  ASSERT_TRUE(dead.has_value());
  EXPECT_EQ(dead->payload, "{not json");
  EXPECT_EQ(kafka::last_header(dead->headers, "error").value_or(""),
            "INVALID_ARGUMENT: payload: not valid JSON");
  EXPECT_EQ(kafka::last_header(dead->headers, "source-topic").value_or(""), user_topic_);
}

}  // namespace
}  // namespace ecn::notification::testing
