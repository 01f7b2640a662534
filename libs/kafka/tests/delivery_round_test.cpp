// The relay's per-key hold-back, against an address where no broker listens: records that
// produce() accepts stay pending, records it refuses fail at once.

#include "delivery_round.hpp"

#include <gtest/gtest.h>

#include "ecn/kafka/producer.hpp"

namespace ecn::kafka::detail {
namespace {

using namespace std::chrono_literals;

OutboxRow row(std::int64_t id, std::string topic, std::string key, std::size_t size = 10) {
  return OutboxRow{id, std::move(topic), std::move(key), std::string(size, 'x'), {}};
}

ProducerOptions unreachable_with_small_records() {
  ProducerOptions options;
  options.brokers = "127.0.0.1:1";
  options.close_timeout = 100ms;
  options.config["message.max.bytes"] = "1000";
  return options;
}

TEST(DeliveryRound, RefusedRowHoldsBackLaterRowsOfItsKeyOnly) {
  Producer producer(unreachable_with_small_records());
  const std::vector<OutboxRow> rows = {
      row(1, "t", "k1"),        // accepted, pending
      row(2, "t", "k1", 5000),  // refused: too large
      row(3, "t", "k1"),        // held back behind row 2
      row(4, "t", "k2"),        // other key: accepted
      row(5, "u", "k1"),        // same key, other topic: accepted
      row(6, "t", "k1", 5000),  // held back as well, never tried
  };
  DeliveryRound round(producer, rows);
  EXPECT_FALSE(round.wait(50ms));
  EXPECT_EQ(round.outstanding(), 3u);
  EXPECT_EQ(producer.in_flight(), 3u);
  const auto result = round.result();
  EXPECT_TRUE(result.delivered.empty());
  EXPECT_EQ(result.failed, 1u);
  EXPECT_EQ(result.held_back, 2u);
  EXPECT_EQ(result.unconfirmed, 3u);
}

TEST(DeliveryRound, OutlivedByItsReports) {
  // The producer purges the pending records when destroyed, after the round is gone: the
  // reports must land in the shared state, not in a destroyed round.
  Producer producer(unreachable_with_small_records());
  const std::vector<OutboxRow> rows = {row(1, "t", "a"), row(2, "t", "b")};
  {
    DeliveryRound round(producer, rows);
    EXPECT_EQ(round.outstanding(), 2u);
  }
  EXPECT_EQ(producer.in_flight(), 2u);
}

TEST(DeliveryRound, EmptyRoundIsDoneAtOnce) {
  Producer producer(unreachable_with_small_records());
  DeliveryRound round(producer, {});
  EXPECT_TRUE(round.wait(0ms));
  EXPECT_EQ(round.result().delivered.size(), 0u);
}

}  // namespace
}  // namespace ecn::kafka::detail
