#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ecn::kafka {

// A topic a service needs: created when missing, left alone when present.
struct TopicSpec {
  std::string name;
  int partitions = 6;
  int replication_factor = 1;
  std::map<std::string, std::string> config;  // e.g. {"cleanup.policy", "compact"}
};

// Why `name` cannot name one of our topics, or nullopt when it can: Kafka's rule (letters,
// digits, '.', '_', '-'; not "." or "..") and at most 200 characters, so its dead-letter topic
// (name + ".dlq") stays within Kafka's 249.
std::optional<std::string> topic_name_problem(std::string_view name);

// Creates the topics that do not exist yet (an existing topic counts as success; a partition
// count differing from the spec is logged, not changed) and returns once every topic has a
// leader for each partition, so producing right after never meets an unknown topic. Throws
// KafkaError naming each topic that failed, or when `timeout` passes first.
void ensure_topics(const std::string& brokers, std::span<const TopicSpec> topics,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The topic's effective configuration (name → value, defaults included) as the broker
// reports it through DescribeConfigs. Throws KafkaError.
std::map<std::string, std::string> describe_topic_config(
    const std::string& brokers, const std::string& topic,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Partitions of the topic according to the cluster metadata; 0 when it does not exist.
int partition_count(const std::string& brokers, const std::string& topic,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Deletes the topics; a topic already gone counts as success. Throws KafkaError.
void delete_topics(const std::string& brokers, std::span<const std::string> topics,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace ecn::kafka
