#include <gtest/gtest.h>
#include <librdkafka/rdkafkacpp.h>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/error.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;
using testing::kafka_brokers;
using testing::unique_name;

TEST(Admin, EnsureTopicsCreatesThemWithTheirConfig) {
  const std::vector<TopicSpec> specs = {
      {unique_name("admin_plain"), 3},
      {unique_name("admin_compact"), 2, 1, {{"cleanup.policy", "compact"}}},
  };
  ensure_topics(kafka_brokers(), specs);
  EXPECT_EQ(partition_count(kafka_brokers(), specs[0].name), 3);
  EXPECT_EQ(partition_count(kafka_brokers(), specs[1].name), 2);
  EXPECT_EQ(describe_topic_config(kafka_brokers(), specs[1].name).at("cleanup.policy"), "compact");
  EXPECT_EQ(describe_topic_config(kafka_brokers(), specs[0].name).at("cleanup.policy"), "delete");
}

TEST(Admin, EnsureTopicsIsIdempotentAndLeavesExistingTopicsAlone) {
  std::vector<TopicSpec> specs = {{unique_name("admin_again"), 3}};
  ensure_topics(kafka_brokers(), specs);
  EXPECT_NO_THROW(ensure_topics(kafka_brokers(), specs));
  specs[0].partitions = 6;  // differs: logged, not applied
  EXPECT_NO_THROW(ensure_topics(kafka_brokers(), specs));
  EXPECT_EQ(partition_count(kafka_brokers(), specs[0].name), 3);
}

TEST(Admin, EnsureTopicsNamesTheTopicItCouldNotCreate) {
  const std::vector<TopicSpec> specs = {{unique_name("admin_ok"), 1},
                                        {unique_name("admin_bad"), 1, 3}};  // 3 replicas, 1 broker
  try {
    ensure_topics(kafka_brokers(), specs);
    FAIL() << "expected KafkaError";
  } catch (const KafkaError& e) {
    EXPECT_EQ(e.code(), RdKafka::ERR_INVALID_REPLICATION_FACTOR) << e.what();
    EXPECT_NE(std::string(e.what()).find(specs[1].name), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(specs[0].name), std::string::npos) << e.what();
  }
}

TEST(Admin, DeleteTopicsRemovesThemAndToleratesMissingOnes) {
  const std::vector<TopicSpec> specs = {{unique_name("admin_doomed"), 1}};
  ensure_topics(kafka_brokers(), specs);
  const std::vector<std::string> names = {specs[0].name, unique_name("admin_never_was")};
  delete_topics(kafka_brokers(), names);
  EXPECT_TRUE(testing::wait_until(
      [&] { return partition_count(kafka_brokers(), specs[0].name) == 0; }, 10s, 100ms));
  EXPECT_NO_THROW(delete_topics(kafka_brokers(), names));
}

TEST(Admin, UnreachableBrokerFailsWithinTheTimeout) {
  const std::vector<TopicSpec> specs = {{unique_name("admin_nowhere"), 1}};
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(ensure_topics("127.0.0.1:1", specs, 1500ms), KafkaError);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

}  // namespace
}  // namespace ecn::kafka
