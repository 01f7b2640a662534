#include <gtest/gtest.h>

#include <map>
#include <set>

#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;
using test::consume_until;
using test::fresh_group;
using test::make_topic;

ProducerOptions producer_options() {
  ProducerOptions options;
  options.brokers = testing::kafka_brokers();
  return options;
}

TEST(ProducerConsumer, RoundTripKeepsKeyPayloadHeadersTimestampAndKeyOrder) {
  const auto topic = make_topic("roundtrip", 3);
  constexpr int kCount = 60;
  const auto before = std::chrono::system_clock::now() - 1s;
  {
    Producer producer(producer_options());
    std::atomic<int> delivered{0};
    std::atomic<int> failed{0};
    for (int i = 0; i < kCount; ++i) {
      // Binary payload with a NUL byte: bytes, not C strings.
      std::string payload = "seq=" + std::to_string(i) + std::string(1, '\0') + "\xff";
      producer.produce(topic, "key-" + std::to_string(i % 5), payload,
                       {{"seq", std::to_string(i)}, {"kind", "test"}},
                       [&](const DeliveryReport& r) { ++(r.ok() ? delivered : failed); });
    }
    ASSERT_TRUE(producer.flush(30s));
    EXPECT_EQ(delivered.load(), kCount);
    EXPECT_EQ(failed.load(), 0);
  }
  const auto after = std::chrono::system_clock::now() + 1s;

  Consumer consumer(fresh_group(topic));
  const auto messages = consume_until(
      consumer, [](const auto& all) { return all.size() >= static_cast<std::size_t>(kCount); },
      30s);
  ASSERT_EQ(messages.size(), static_cast<std::size_t>(kCount));

  std::map<std::string, std::int32_t> partition_of_key;
  std::map<std::string, int> last_seq_of_key;
  std::set<int> seen;
  for (const auto& m : messages) {
    EXPECT_EQ(m.topic, topic);
    const int seq = std::stoi(std::string(*last_header(m.headers, "seq")));
    EXPECT_EQ(m.key, "key-" + std::to_string(seq % 5));
    EXPECT_EQ(m.payload, "seq=" + std::to_string(seq) + std::string(1, '\0') + "\xff");
    EXPECT_EQ(last_header(m.headers, "kind"), "test");
    EXPECT_GE(m.timestamp, before);
    EXPECT_LE(m.timestamp, after);
    // One key, one partition, read in the order produced.
    auto [it, first] = partition_of_key.emplace(m.key, m.partition);
    EXPECT_EQ(it->second, m.partition) << m.key;
    if (!first) {
      EXPECT_GT(seq, last_seq_of_key[m.key]) << m.key;
    }
    last_seq_of_key[m.key] = seq;
    seen.insert(seq);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kCount));
}

TEST(ProducerConsumer, ProduceSyncReturnsWhereTheRecordLanded) {
  const auto topic = make_topic("sync", 1);
  Producer producer(producer_options());
  const auto first = producer.produce_sync(topic, "k", "one");
  const auto second = producer.produce_sync(topic, "k", "two");
  ASSERT_TRUE(first.ok()) << first.error;
  ASSERT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(first.topic, topic);
  EXPECT_EQ(first.partition, 0);
  EXPECT_EQ(first.offset, 0);
  EXPECT_EQ(second.offset, 1);
}

TEST(ProducerConsumer, PollBatchNeverReturnsMoreThanAsked) {
  const auto topic = make_topic("batch", 2);
  Producer producer(producer_options());
  for (int i = 0; i < 45; ++i) producer.produce(topic, std::to_string(i), "v");
  ASSERT_TRUE(producer.flush(30s));
  Consumer consumer(fresh_group(topic));
  std::size_t total = 0;
  std::size_t largest = 0;
  ASSERT_TRUE(testing::wait_until(
      [&] {
        const auto batch = consumer.poll_batch(10, 200ms);
        largest = std::max(largest, batch.size());
        total += batch.size();
        return total >= 45;
      },
      30s, 0ms));
  EXPECT_EQ(total, 45u);
  EXPECT_EQ(largest, 10u);
  EXPECT_EQ(consumer.lag(), 0);
}

TEST(ProducerConsumer, LagCountsWhatIsNotReadYet) {
  const auto topic = make_topic("lag", 1);
  Producer producer(producer_options());
  for (int i = 0; i < 20; ++i) producer.produce(topic, "k", std::to_string(i));
  ASSERT_TRUE(producer.flush(30s));
  Consumer consumer(fresh_group(topic));
  std::vector<Message> first;
  ASSERT_TRUE(testing::wait_until(
      [&] {
        first = consumer.poll_batch(5, 200ms);
        return !first.empty();
      },
      30s, 0ms));
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(consumer.lag(), 15);
}

// A listener that only cares about what happens once it is ready: it starts at each partition's
// end as of its assignment, whatever auto_offset_reset says, and the first record produced
// after poll_batch has applied the assignment is delivered (a lazily resolved "latest" can
// skip it).
TEST(ProducerConsumer, StartAtEndOnAssignSkipsOlderRecordsAndDeliversTheNextOnes) {
  constexpr int kPartitions = 3;
  const auto topic = make_topic("start-at-end", kPartitions);
  Producer producer(producer_options());
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(producer.produce_sync(topic, "key-" + std::to_string(i), "old").ok());
  }

  auto options = fresh_group(topic);
  options.auto_offset_reset = "earliest";  // would deliver the old records
  options.start_at_end_on_assign = true;
  Consumer consumer(options);
  std::vector<Message> before_assignment = consume_until(
      consumer, [&](const auto&) { return consumer.assignment().size() == kPartitions; }, 30s);
  ASSERT_EQ(consumer.assignment().size(), static_cast<std::size_t>(kPartitions));
  EXPECT_TRUE(before_assignment.empty()) << before_assignment.front().payload;

  std::set<std::int32_t> partitions;
  int produced = 0;
  for (int i = 0; partitions.size() < kPartitions && i < 100; ++i, ++produced) {
    const auto landed = producer.produce_sync(topic, "key-" + std::to_string(i), "new");
    ASSERT_TRUE(landed.ok()) << landed.error;
    partitions.insert(landed.partition);
  }
  ASSERT_EQ(partitions.size(), static_cast<std::size_t>(kPartitions));
  const auto messages = consume_until(
      consumer, [&](const auto& all) { return all.size() >= static_cast<std::size_t>(produced); },
      30s);
  ASSERT_EQ(messages.size(), static_cast<std::size_t>(produced));
  for (const auto& m : messages) EXPECT_EQ(m.payload, "new") << m.partition << "@" << m.offset;
}

}  // namespace
}  // namespace ecn::kafka
