#include <gtest/gtest.h>

#include <map>
#include <pqxx/pqxx>
#include <set>

#include "ecn/kafka/outbox.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;
using testing::wait_until;

ProducerOptions producer_options() {
  ProducerOptions options;
  options.brokers = testing::kafka_brokers();
  return options;
}

RelayOptions quick() {
  RelayOptions options;
  options.idle_poll = 200ms;
  options.max_backoff = 1000ms;
  return options;
}

// Enqueues `count` events over `keys` keys in one transaction; payload "<key>:<seq>".
void enqueue_events(pg::Pool& pool, const std::string& topic, int first, int count, int keys,
                    bool commit = true) {
  auto lease = pool.acquire();
  pqxx::work tx(*lease);
  for (int seq = first; seq < first + count; ++seq) {
    const auto key = "key-" + std::to_string(seq % keys);
    enqueue(tx, topic, key, key + ":" + std::to_string(seq), {{"seq", std::to_string(seq)}});
  }
  if (commit) tx.commit();
}

int seq_of(const Message& m) {
  return std::stoi(m.payload.substr(m.payload.find(':') + 1));
}

// Every key's records arrive in increasing sequence order.
void expect_key_order(const std::vector<Message>& messages) {
  std::map<std::string, int> last;
  for (const auto& m : messages) {
    const int seq = seq_of(m);
    if (auto it = last.find(m.key); it != last.end()) {
      EXPECT_GT(seq, it->second) << "key " << m.key << " out of order";
    }
    last[m.key] = seq;
  }
}

TEST(OutboxRelay, PublishesCommittedRowsInKeyOrderAndMarksThemSent) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay", 3);
  enqueue_events(db.pool(), topic, 0, 100, 10);
  enqueue_events(db.pool(), topic, 100, 50, 10, /*commit=*/false);  // rolled back
  enqueue_events(db.pool(), topic, 150, 100, 10);
  enqueue_events(db.pool(), topic, 250, 100, 10);

  Producer producer(producer_options());
  auto options = quick();
  options.batch_size = 64;  // several rounds
  OutboxRelay relay(db.pool(), producer, options);
  EXPECT_EQ(relay.backlog(), 300);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.backlog() == 0; }, 60s, 50ms));
  EXPECT_EQ(relay.published(), 300u);
  EXPECT_EQ(db.count("sent_at IS NOT NULL"), 300);  // kept for the retention period

  const auto messages = test::read_topic(topic, 3, 300, 60s);
  ASSERT_EQ(messages.size(), 300u);
  std::set<int> seqs;
  for (const auto& m : messages) {
    seqs.insert(seq_of(m));
    EXPECT_EQ(last_header(m.headers, "seq"), std::to_string(seq_of(m)));
  }
  EXPECT_EQ(seqs.size(), 300u);
  EXPECT_EQ(seqs.count(120), 0u) << "a rolled-back event was published";
  expect_key_order(messages);
}

TEST(OutboxRelay, OnlyOneRelayPublishesAndAStandbyTakesOver) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_leader", 3);
  Producer producer(producer_options());
  auto first = std::make_unique<OutboxRelay>(db.pool(), producer, quick());
  OutboxRelay second(db.pool(), producer, quick());
  first->start();
  ASSERT_TRUE(wait_until([&] { return first->is_leader(); }, 10s));
  second.start();

  enqueue_events(db.pool(), topic, 0, 50, 5);
  ASSERT_TRUE(wait_until([&] { return first->backlog() == 0; }, 30s, 50ms));
  EXPECT_TRUE(first->is_leader());
  EXPECT_FALSE(second.is_leader());
  EXPECT_EQ(first->published(), 50u);
  EXPECT_EQ(second.published(), 0u);

  first->stop();  // its session closes, the lock frees
  ASSERT_TRUE(wait_until([&] { return second.is_leader(); }, 10s));
  enqueue_events(db.pool(), topic, 50, 50, 5);
  ASSERT_TRUE(wait_until([&] { return second.backlog() == 0; }, 30s, 50ms));
  EXPECT_EQ(second.published(), 50u);
  EXPECT_EQ(first->published(), 50u);

  const auto messages = test::read_topic(topic, 3, 100, 60s);
  EXPECT_EQ(messages.size(), 100u);
  expect_key_order(messages);
}

TEST(OutboxRelay, NotifyWakesAnIdleRelay) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_notify", 1);
  Producer producer(producer_options());
  auto options = quick();
  options.idle_poll = 60s;  // without the NOTIFY nothing would happen for a minute
  OutboxRelay relay(db.pool(), producer, options);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.is_leader(); }, 10s));
  // Let the relay find the outbox empty and go idle.
  ASSERT_TRUE(wait_until([&] { return relay.backlog() == 0; }, 10s));
  std::this_thread::sleep_for(300ms);  // not synchronisation: gives it time to start waiting
  const auto started = std::chrono::steady_clock::now();
  enqueue_events(db.pool(), topic, 0, 1, 1);
  ASSERT_TRUE(wait_until([&] { return relay.published() == 1; }, 10s, 10ms));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(OutboxRelay, ZeroRetentionDeletesDeliveredRows) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_delete", 1);
  Producer producer(producer_options());
  auto options = quick();
  options.retention = 0ms;
  OutboxRelay relay(db.pool(), producer, options);
  enqueue_events(db.pool(), topic, 0, 20, 2);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.published() == 20; }, 30s, 50ms));
  EXPECT_EQ(db.count(), 0);
  EXPECT_EQ(test::read_topic(topic, 1, 20, 30s).size(), 20u);
}

TEST(OutboxRelay, SentRowsArePurgedAfterTheRetention) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_purge", 1);
  Producer producer(producer_options());
  auto options = quick();
  options.retention = 500ms;
  OutboxRelay relay(db.pool(), producer, options);
  enqueue_events(db.pool(), topic, 0, 20, 2);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.published() == 20; }, 30s, 50ms));
  ASSERT_TRUE(wait_until([&] { return db.count() == 0; }, 30s, 100ms));
}

TEST(OutboxRelay, RefusedRowHoldsBackItsKeyButNotOthers) {
  test::OutboxDatabase db;
  const auto topic = test::make_topic("relay_poison", 1);
  auto poptions = producer_options();
  poptions.config["message.max.bytes"] = "1000";  // client-side limit: refused in produce()
  Producer producer(poptions);
  std::int64_t poison = 0;
  db.pool().transact([&](pqxx::work& tx) {
    enqueue(tx, topic, "a", "a:1");
    poison = enqueue(tx, topic, "a", std::string(5000, 'x'));
    enqueue(tx, topic, "a", "a:3");
    enqueue(tx, topic, "b", "b:4");
    enqueue(tx, topic, "b", "b:5");
  });
  OutboxRelay relay(db.pool(), producer, quick());
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.published() == 3; }, 30s, 50ms));
  auto messages = test::read_topic(topic, 1, 3, 30s);
  std::vector<std::string> payloads;
  for (const auto& m : messages) payloads.push_back(m.payload);
  EXPECT_EQ(payloads, (std::vector<std::string>{"a:1", "b:4", "b:5"}));
  EXPECT_EQ(relay.backlog(), 2);  // the poison row and the row behind it

  // An operator removes the poison row: the held-back row follows.
  db.pool().transact(
      [&](pqxx::work& tx) { tx.exec_params0("DELETE FROM outbox WHERE id = $1", poison); });
  ASSERT_TRUE(wait_until([&] { return relay.backlog() == 0; }, 30s, 50ms));
  messages = test::read_topic(topic, 1, 4, 30s);
  payloads.clear();
  for (const auto& m : messages) payloads.push_back(m.payload);
  EXPECT_EQ(payloads, (std::vector<std::string>{"a:1", "b:4", "b:5", "a:3"}));
}

TEST(OutboxRelay, StopsPromptlyWhileKafkaIsUnreachable) {
  test::OutboxDatabase db;
  ProducerOptions options;
  options.brokers = "127.0.0.1:1";
  options.close_timeout = 100ms;
  Producer producer(options);
  auto relay_options = quick();
  relay_options.shutdown_timeout = 500ms;
  OutboxRelay relay(db.pool(), producer, relay_options);
  enqueue_events(db.pool(), "nowhere", 0, 10, 2);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return producer.in_flight() == 10; }, 10s));
  const auto started = std::chrono::steady_clock::now();
  relay.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(relay.published(), 0u);
  EXPECT_EQ(relay.backlog(), 10);
}

TEST(OutboxRelay, RefusesAProducerThatGivesUp) {
  test::OutboxDatabase db;
  auto options = producer_options();
  options.delivery_timeout = 30s;
  Producer producer(options);
  EXPECT_THROW(OutboxRelay(db.pool(), producer), std::invalid_argument);
}

}  // namespace
}  // namespace ecn::kafka
