// Kafka goes away with a backlog in the outbox; when it returns every event arrives exactly
// once and in per-key order.

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "ecn/kafka/outbox.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/infra_control.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;
using testing::wait_until;

// Starts Kafka again however the test ends, so later tests find it running.
class KafkaOutage {
 public:
  KafkaOutage() { testing::infra("stop", "kafka"); }
  KafkaOutage(const KafkaOutage&) = delete;
  KafkaOutage& operator=(const KafkaOutage&) = delete;
  ~KafkaOutage() {
    if (!over_) {
      try {
        testing::infra("start", "kafka");
      } catch (const std::exception& e) {
        spdlog::error("could not restart kafka: {}", e.what());
      }
    }
  }
  void end() {
    testing::infra("start", "kafka");
    over_ = true;
  }

 private:
  bool over_ = false;
};

// Reads the whole topic and checks that sequences 0..events-1 each arrived once, and that
// every key's sequences arrived in increasing order.
void expect_exactly_once_in_key_order(const std::string& topic, int partitions, int events) {
  const auto messages = test::read_topic(topic, partitions, events, 180s);
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(events)) << "duplicates or losses";
  std::vector<int> count(events, 0);
  std::map<std::string, int> last;
  int out_of_order = 0;
  for (const auto& m : messages) {
    const int seq = std::stoi(m.payload.substr(m.payload.find(':') + 1));
    ASSERT_GE(seq, 0);
    ASSERT_LT(seq, events);
    ++count[seq];
    if (auto it = last.find(m.key); it != last.end() && seq <= it->second) ++out_of_order;
    last[m.key] = seq;
  }
  int missing = 0;
  int duplicated = 0;
  for (int c : count) {
    missing += c == 0;
    duplicated += c > 1;
  }
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(duplicated, 0);
  EXPECT_EQ(out_of_order, 0);
}

void enqueue_events(pg::Pool& pool, const std::string& topic, int events, int keys,
                    int per_transaction) {
  for (int first = 0; first < events; first += per_transaction) {
    pool.transact([&](pqxx::work& tx) {
      for (int seq = first; seq < std::min(first + per_transaction, events); ++seq) {
        const auto key = "key-" + std::to_string(seq % keys);
        enqueue(tx, topic, key, key + ":" + std::to_string(seq));
      }
    });
  }
}

TEST(OutboxRelayFault, KafkaOutageLosesNothingDuplicatesNothingAndKeepsKeyOrder) {
  constexpr int kEvents = 10000;
  constexpr int kKeys = 100;
  constexpr int kPerTransaction = 1000;
  constexpr int kPartitions = 6;
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_outage", kPartitions);

  KafkaOutage outage;
  enqueue_events(db.pool(), topic, kEvents, kKeys, kPerTransaction);

  ProducerOptions producer_options;
  producer_options.brokers = testing::kafka_brokers();
  Producer producer(producer_options);
  RelayOptions options;
  options.batch_size = 500;
  options.idle_poll = 500ms;
  options.max_backoff = 5s;
  OutboxRelay relay(db.pool(), producer, options);
  relay.start();
  // The first round is produced and stuck in the producer while the broker is away.
  ASSERT_TRUE(wait_until([&] { return producer.in_flight() == 500; }, 30s));
  // ...and the relay holds still: no second round on top of the unsettled first one.
  EXPECT_FALSE(
      wait_until([&] { return producer.in_flight() != 500 || relay.published() != 0; }, 3s, 100ms));
  EXPECT_EQ(relay.backlog(), kEvents);

  outage.end();
  ASSERT_TRUE(wait_until([&] { return relay.backlog() == 0; }, 300s, 200ms))
      << "backlog stuck at " << relay.backlog();
  EXPECT_EQ(relay.published(), static_cast<std::uint64_t>(kEvents));

  expect_exactly_once_in_key_order(topic, kPartitions, kEvents);
  relay.stop();
}

TEST(OutboxRelayFault, KafkaStoppedMidStreamLosesNothingDuplicatesNothingAndKeepsKeyOrder) {
  constexpr int kEvents = 30000;
  constexpr int kKeys = 100;
  constexpr int kPartitions = 6;
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_midstream", kPartitions);
  enqueue_events(db.pool(), topic, kEvents, kKeys, 2000);

  ProducerOptions producer_options;
  producer_options.brokers = testing::kafka_brokers();
  Producer producer(producer_options);
  RelayOptions options;
  options.batch_size = 100;  // many small rounds, so the broker stops in the middle of one
  options.idle_poll = 500ms;
  options.max_backoff = 5s;
  OutboxRelay relay(db.pool(), producer, options);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.published() >= 1000; }, 60s, 5ms));
  {
    KafkaOutage outage;  // a graceful broker shutdown while rounds are in flight
    const auto backlog = relay.backlog();
    ASSERT_GT(backlog, 0) << "everything was published before Kafka stopped; raise kEvents";
    outage.end();
  }
  ASSERT_TRUE(wait_until([&] { return relay.backlog() == 0; }, 300s, 200ms))
      << "backlog stuck at " << relay.backlog();
  EXPECT_EQ(relay.published(), static_cast<std::uint64_t>(kEvents));
  expect_exactly_once_in_key_order(topic, kPartitions, kEvents);
  relay.stop();
}

}  // namespace
}  // namespace ecn::kafka
