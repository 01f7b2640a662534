#include "ecn/kafka/dead_letter.hpp"

#include <spdlog/spdlog.h>

#include "ecn/kafka/error.hpp"
#include "ecn/kafka/producer.hpp"

namespace ecn::kafka {

std::string dead_letter_topic(std::string_view source) {
  return std::string(source) + ".dlq";
}

Headers dead_letter_headers(const Message& original, std::string_view error) {
  Headers headers = original.headers;
  headers.emplace_back("error", std::string(error));
  headers.emplace_back("source-topic", original.topic);
  headers.emplace_back("source-partition", std::to_string(original.partition));
  headers.emplace_back("source-offset", std::to_string(original.offset));
  return headers;
}

void DeadLetterPublisher::publish(const Message& original, std::string_view error) {
  const auto topic = dead_letter_topic(original.topic);
  const auto report = producer_.produce_sync(topic, original.key, original.payload,
                                             dead_letter_headers(original, error), timeout_);
  if (!report.ok()) {
    throw KafkaError(report.error_code, "cannot publish dead letter of " + original.topic + "/" +
                                            std::to_string(original.partition) + "@" +
                                            std::to_string(original.offset) + " to " + topic +
                                            ": " + report.error);
  }
  spdlog::warn("kafka: dead-lettered {}/{}@{} to {}: {}", original.topic, original.partition,
               original.offset, topic, error);
}

}  // namespace ecn::kafka
