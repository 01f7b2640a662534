// Client-side behaviour of the producer, against an address where no broker listens.

#include "ecn/kafka/producer.hpp"

#include <gtest/gtest.h>
#include <librdkafka/rdkafkacpp.h>

#include <future>
#include <string>

#include "ecn/kafka/error.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;

constexpr const char* kNoBroker = "127.0.0.1:1";

ProducerOptions unreachable() {
  ProducerOptions options;
  options.brokers = kNoBroker;
  options.close_timeout = 200ms;
  return options;
}

TEST(Producer, RejectsAnUnknownSettingByName) {
  auto options = unreachable();
  options.config["no.such.property"] = "1";
  try {
    Producer producer(options);
    FAIL() << "expected KafkaError";
  } catch (const KafkaError& e) {
    EXPECT_NE(std::string(e.what()).find("no.such.property"), std::string::npos) << e.what();
  }
}

TEST(Producer, NeverGivesUpByDefaultAndHonoursOverrides) {
  EXPECT_EQ(Producer(unreachable()).delivery_timeout(), 0ms);
  auto options = unreachable();
  options.delivery_timeout = 5000ms;
  EXPECT_EQ(Producer(options).delivery_timeout(), 5000ms);
  options.config["message.timeout.ms"] = "1234";
  EXPECT_EQ(Producer(options).delivery_timeout(), 1234ms);
}

TEST(Producer, RefusedRecordThrowsAndNeverCallsBack) {
  auto options = unreachable();
  options.config["message.max.bytes"] = "1000";
  Producer producer(options);
  bool called = false;
  try {
    producer.produce("t", "k", std::string(5000, 'x'), {},
                     [&](const DeliveryReport&) { called = true; });
    FAIL() << "expected KafkaError";
  } catch (const KafkaError& e) {
    EXPECT_EQ(e.code(), RdKafka::ERR_MSG_SIZE_TOO_LARGE);
  }
  EXPECT_FALSE(called);
  EXPECT_EQ(producer.in_flight(), 0u);
}

TEST(Producer, DeliveryFailureReachesTheCallback) {
  auto options = unreachable();
  options.delivery_timeout = 300ms;
  Producer producer(options);
  std::promise<DeliveryReport> promise;
  producer.produce("t", "k", "v", {{"h", "1"}},
                   [&](const DeliveryReport& report) { promise.set_value(report); });
  auto future = promise.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  const auto report = future.get();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.error_code, RdKafka::ERR__MSG_TIMED_OUT);
  EXPECT_EQ(report.topic, "t");
  EXPECT_FALSE(report.error.empty());
}

TEST(Producer, ProduceSyncReportsItsOwnTimeout) {
  Producer producer(unreachable());
  const auto report = producer.produce_sync("t", "k", "v", {}, 200ms);
  EXPECT_EQ(report.error_code, RdKafka::ERR__TIMED_OUT);
  EXPECT_EQ(producer.in_flight(), 1u);
  EXPECT_FALSE(producer.flush(50ms));
}

TEST(Producer, DestructionPurgesWhatCannotBeDeliveredAndSaysSo) {
  std::promise<DeliveryReport> promise;
  auto future = promise.get_future();
  const auto started = std::chrono::steady_clock::now();
  {
    Producer producer(unreachable());
    producer.produce("t", "k", "v", {},
                     [&](const DeliveryReport& report) { promise.set_value(report); });
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  ASSERT_EQ(future.wait_for(0ms), std::future_status::ready);
  EXPECT_EQ(future.get().error_code, RdKafka::ERR__PURGE_QUEUE);
}

}  // namespace
}  // namespace ecn::kafka
