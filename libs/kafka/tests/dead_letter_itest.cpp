#include <gtest/gtest.h>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/dead_letter.hpp"
#include "ecn/kafka/error.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;

TEST(DeadLetter, ParksTheOriginalBytesWithTheReasonAndSource) {
  const auto source = test::make_topic("dlq_source", 2);
  const TopicSpec dlq{dead_letter_topic(source), 1};
  ensure_topics(testing::kafka_brokers(), {&dlq, 1});

  ProducerOptions options;
  options.brokers = testing::kafka_brokers();
  Producer producer(options);
  const std::string payload = std::string("{\"broken\":") + '\0' + "\x80";
  ASSERT_TRUE(producer.produce_sync(source, "order-7", payload, {{"trace", "t-1"}}).ok());

  Consumer consumer(test::fresh_group(source));
  const auto originals = test::consume_until(
      consumer, [](const auto& all) { return !all.empty(); }, 30s);
  ASSERT_EQ(originals.size(), 1u);
  const Message& original = originals.front();

  DeadLetterPublisher publisher(producer);
  publisher.publish(original, "cannot parse order event");
  // The dead letter is acknowledged, so committing past the original is now safe.
  EXPECT_EQ(consumer.commit(originals), 1u);

  Consumer dlq_reader(test::fresh_group(dlq.name));
  const auto letters = test::consume_until(
      dlq_reader, [](const auto& all) { return !all.empty(); }, 30s);
  ASSERT_EQ(letters.size(), 1u);
  const Message& letter = letters.front();
  EXPECT_EQ(letter.key, "order-7");
  EXPECT_EQ(letter.payload, payload);
  EXPECT_EQ(last_header(letter.headers, "trace"), "t-1");
  EXPECT_EQ(last_header(letter.headers, "error"), "cannot parse order event");
  EXPECT_EQ(last_header(letter.headers, "source-topic"), source);
  EXPECT_EQ(last_header(letter.headers, "source-partition"), std::to_string(original.partition));
  EXPECT_EQ(last_header(letter.headers, "source-offset"), std::to_string(original.offset));
}

TEST(DeadLetter, ThrowsWhenTheDeadLetterIsNotAcknowledged) {
  ProducerOptions options;
  options.brokers = "127.0.0.1:1";
  options.close_timeout = 100ms;
  Producer producer(options);
  DeadLetterPublisher publisher(producer, 300ms);
  Message original;
  original.topic = "anything";
  EXPECT_THROW(publisher.publish(original, "boom"), KafkaError);
}

}  // namespace
}  // namespace ecn::kafka
