#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "kafka_test_support.hpp"

namespace ecn::kafka {
namespace {

using namespace std::chrono_literals;

// Offset of each value per key, reading the whole topic with a fresh group up to `sentinel`.
std::map<std::string, std::map<std::string, std::int64_t>> values_by_key(
    const std::string& topic, const std::string& sentinel) {
  Consumer consumer(test::fresh_group(topic));
  const auto messages = test::consume_until(
      consumer,
      [&](const std::vector<Message>& all) { return !all.empty() && all.back().key == sentinel; },
      30s);
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  for (const auto& m : messages) out[m.key][m.payload] = m.offset;
  return out;
}

TEST(Compaction, CompactedTopicKeepsTheLastValuePerKey) {
  // Tiny segments and no dirty-ratio threshold, so the broker's log cleaner (checking every
  // second in the test broker) compacts within seconds instead of hours.
  const std::map<std::string, std::string> config = {{"cleanup.policy", "compact"},
                                                     {"segment.ms", "100"},
                                                     {"min.cleanable.dirty.ratio", "0.01"},
                                                     {"delete.retention.ms", "100"},
                                                     {"min.compaction.lag.ms", "0"}};
  const auto topic = test::make_topic("compact", 1, config);
  const auto described = describe_topic_config(testing::kafka_brokers(), topic);
  for (const auto& [name, value] : config) EXPECT_EQ(described.at(name), value) << name;

  ProducerOptions options;
  options.brokers = testing::kafka_brokers();
  Producer producer(options);
  const std::vector<std::string> keys = {"user-1", "user-2", "user-3", "user-4"};
  std::map<std::string, std::int64_t> last_offset;
  for (int round = 1; round <= 3; ++round) {
    for (const auto& key : keys) {
      const auto report = producer.produce_sync(topic, key, key + "@v" + std::to_string(round));
      ASSERT_TRUE(report.ok()) << report.error;
      last_offset[key] = report.offset;
    }
    // Segments roll on time: the next record must come after segment.ms so each round lands
    // in a segment of its own. Nothing on the broker can be awaited for that.
    std::this_thread::sleep_for(300ms);
  }
  // Rolls the segment holding the last round, which makes it eligible for cleaning (the
  // active segment never is).
  const std::string sentinel = "sentinel";
  ASSERT_TRUE(producer.produce_sync(topic, sentinel, "end").ok());

  // All 12 versions were written (offsets 0..11); compaction must leave exactly the last
  // one of each key, at the offset it was written to.
  std::map<std::string, std::map<std::string, std::int64_t>> after;
  const bool compacted = testing::wait_until(
      [&] {
        after = values_by_key(topic, sentinel);
        for (const auto& key : keys) {
          if (!after.contains(key) || after.at(key).size() != 1) return false;
        }
        return true;
      },
      90s, 2s);
  ASSERT_TRUE(compacted) << "the log cleaner did not compact " << topic << " within 90 s";
  for (const auto& key : keys) {
    const std::map<std::string, std::int64_t> expected = {{key + "@v3", last_offset.at(key)}};
    EXPECT_EQ(after.at(key), expected) << key;
  }
}

}  // namespace
}  // namespace ecn::kafka
