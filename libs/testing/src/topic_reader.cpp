#include "ecn/testing/topic_reader.hpp"

#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/testing/environment.hpp"

namespace ecn::testing {

std::vector<kafka::Message> read_keys(const std::string& topic, const std::set<std::string>& keys,
                                      std::size_t expected, std::chrono::milliseconds timeout) {
  using namespace std::chrono_literals;
  const auto partitions = static_cast<std::size_t>(kafka::partition_count(kafka_brokers(), topic));
  kafka::Consumer consumer({.brokers = kafka_brokers(),
                            .group_id = unique_name("topic_reader"),
                            .topics = {topic},
                            .session_timeout = 6s});
  std::vector<kafka::Message> matching;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (auto& message : consumer.poll_batch(1000, 200ms)) {
      if (keys.contains(message.key)) matching.push_back(std::move(message));
    }
    if (matching.size() >= expected && consumer.assignment().size() == partitions &&
        consumer.lag() == 0) {
      break;
    }
  }
  return matching;
}

}  // namespace ecn::testing
