#include "ecn/kafka/admin.hpp"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <memory>
#include <thread>
#include <vector>

#include "ecn/kafka/error.hpp"

namespace ecn::kafka {
namespace {

using Clock = std::chrono::steady_clock;

template <typename T, void (*Destroy)(T*)>
struct Deleter {
  void operator()(T* p) const { Destroy(p); }
};
using HandlePtr = std::unique_ptr<rd_kafka_t, Deleter<rd_kafka_t, rd_kafka_destroy>>;
using QueuePtr =
    std::unique_ptr<rd_kafka_queue_t, Deleter<rd_kafka_queue_t, rd_kafka_queue_destroy>>;
using EventPtr =
    std::unique_ptr<rd_kafka_event_t, Deleter<rd_kafka_event_t, rd_kafka_event_destroy>>;
using OptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t,
                                   Deleter<rd_kafka_AdminOptions_t, rd_kafka_AdminOptions_destroy>>;
using NewTopicPtr =
    std::unique_ptr<rd_kafka_NewTopic_t, Deleter<rd_kafka_NewTopic_t, rd_kafka_NewTopic_destroy>>;
using DeleteTopicPtr =
    std::unique_ptr<rd_kafka_DeleteTopic_t,
                    Deleter<rd_kafka_DeleteTopic_t, rd_kafka_DeleteTopic_destroy>>;
using ResourcePtr =
    std::unique_ptr<rd_kafka_ConfigResource_t,
                    Deleter<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy>>;

void log_line(const rd_kafka_t*, int level, const char* facility, const char* message) {
  spdlog::log(level <= 3   ? spdlog::level::err
              : level == 4 ? spdlog::level::warn
                           : spdlog::level::debug,
              "kafka admin: {} {}", facility, message);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<std::int64_t>(left.count(), 0));
}

// A short-lived client for admin requests: the admin API needs a handle of its own, and
// admin calls are rare (service start, tests), so it is not worth sharing one.
class AdminClient {
 public:
  AdminClient(const std::string& brokers, std::chrono::milliseconds timeout)
      : deadline_(Clock::now() + timeout) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::array<char, 512> errstr{};
    for (const auto& [name, value] :
         {std::pair<const char*, std::string>{"bootstrap.servers", brokers},
          {"client.id", "ecn-admin"},
          {"allow.auto.create.topics", "false"}}) {
      if (rd_kafka_conf_set(conf, name, value.c_str(), errstr.data(), errstr.size()) !=
          RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         std::string("kafka admin: ") + name + ": " + errstr.data());
      }
    }
    rd_kafka_conf_set_log_cb(conf, log_line);
    handle_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size()));
    if (!handle_) {
      rd_kafka_conf_destroy(conf);
      throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                       std::string("cannot create Kafka admin client: ") + errstr.data());
    }
    queue_.reset(rd_kafka_queue_new(handle_.get()));
  }

  rd_kafka_t* get() const { return handle_.get(); }
  rd_kafka_queue_t* queue() const { return queue_.get(); }
  Clock::time_point deadline() const { return deadline_; }

  OptionsPtr options(rd_kafka_admin_op_t op, bool with_operation_timeout) const {
    OptionsPtr options(rd_kafka_AdminOptions_new(handle_.get(), op));
    std::array<char, 512> errstr{};
    const int ms = std::max(remaining_ms(deadline_), 1);
    rd_kafka_AdminOptions_set_request_timeout(options.get(), ms, errstr.data(), errstr.size());
    // The broker answers only once the operation completed (or this passed), so the topics
    // exist on return rather than merely being scheduled.
    if (with_operation_timeout) {
      rd_kafka_AdminOptions_set_operation_timeout(options.get(), ms, errstr.data(), errstr.size());
    }
    return options;
  }

  // Waits for the result event of the request just sent; throws on a request-level error.
  EventPtr await(rd_kafka_event_type_t type, const char* what) const {
    // librdkafka reports its own timeout through the event; the slack only guards a hang.
    EventPtr event(rd_kafka_queue_poll(queue_.get(), remaining_ms(deadline_) + 5000));
    if (!event) throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT, std::string(what) + ": timed out");
    if (rd_kafka_event_type(event.get()) != type) {
      throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, std::string(what) + ": unexpected result event");
    }
    if (const auto err = rd_kafka_event_error(event.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw KafkaError(err, std::string(what) + ": " + rd_kafka_event_error_string(event.get()));
    }
    return event;
  }

 private:
  Clock::time_point deadline_;
  HandlePtr handle_;
  QueuePtr queue_;
};

// Partition count of `topic` when every partition has a leader; 0 when the topic is unknown;
// -1 while it exists but is not ready (no leader yet).
int ready_partitions(const AdminClient& admin, const std::string& topic) {
  const rd_kafka_metadata_t* metadata = nullptr;
  // All topics, not one: asking for a single unknown topic could make the broker create it.
  const auto err = rd_kafka_metadata(admin.get(), 1, nullptr, &metadata,
                                     std::max(remaining_ms(admin.deadline()), 1));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError(err, "cannot read Kafka metadata: " + std::string(rd_kafka_err2str(err)));
  }
  std::unique_ptr<const rd_kafka_metadata_t,
                  Deleter<const rd_kafka_metadata_t, rd_kafka_metadata_destroy>>
      guard(metadata);
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& t = metadata->topics[i];
    if (topic != t.topic) continue;
    if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR || t.partition_cnt == 0) return -1;
    for (int p = 0; p < t.partition_cnt; ++p) {
      if (t.partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR || t.partitions[p].leader < 0) {
        return -1;
      }
    }
    return t.partition_cnt;
  }
  return 0;
}

void await_ready(const AdminClient& admin, const TopicSpec& spec) {
  constexpr auto kRetry = std::chrono::milliseconds(100);
  while (true) {
    const int partitions = ready_partitions(admin, spec.name);
    if (partitions > 0) {
      if (partitions != spec.partitions) {
        spdlog::warn("kafka admin: topic {} has {} partitions, not the {} asked for", spec.name,
                     partitions, spec.partitions);
      }
      return;
    }
    if (Clock::now() + kRetry >= admin.deadline()) {
      throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT,
                       "topic " + spec.name + " has no leader for every partition yet");
    }
    // Waiting for the controller to elect leaders; there is no event to block on.
    std::this_thread::sleep_for(kRetry);
  }
}

}  // namespace

void ensure_topics(const std::string& brokers, std::span<const TopicSpec> topics,
                   std::chrono::milliseconds timeout) {
  if (topics.empty()) return;
  AdminClient admin(brokers, timeout);
  std::vector<NewTopicPtr> owned;
  std::vector<rd_kafka_NewTopic_t*> requests;
  std::array<char, 512> errstr{};
  for (const auto& spec : topics) {
    owned.emplace_back(rd_kafka_NewTopic_new(
        spec.name.c_str(), spec.partitions, spec.replication_factor, errstr.data(), errstr.size()));
    if (!owned.back()) {
      throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                       "topic " + spec.name + ": " + std::string(errstr.data()));
    }
    for (const auto& [name, value] : spec.config) {
      const auto err =
          rd_kafka_NewTopic_set_config(owned.back().get(), name.c_str(), value.c_str());
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw KafkaError(err, "topic " + spec.name + ": bad config " + name);
      }
    }
    requests.push_back(owned.back().get());
  }
  auto options = admin.options(RD_KAFKA_ADMIN_OP_CREATETOPICS, true);
  rd_kafka_CreateTopics(admin.get(), requests.data(), requests.size(), options.get(),
                        admin.queue());
  const auto event = admin.await(RD_KAFKA_EVENT_CREATETOPICS_RESULT, "CreateTopics");
  std::size_t count = 0;
  const auto* results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
  std::string failures;
  int first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
  for (std::size_t i = 0; i < count; ++i) {
    const auto err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
      continue;
    if (first_error == RD_KAFKA_RESP_ERR_NO_ERROR) first_error = err;
    const char* message = rd_kafka_topic_result_error_string(results[i]);
    failures += std::string(failures.empty() ? "" : "; ") + rd_kafka_topic_result_name(results[i]) +
                ": " + (message != nullptr ? message : rd_kafka_err2str(err));
  }
  if (!failures.empty()) throw KafkaError(first_error, "cannot create topics: " + failures);
  for (const auto& spec : topics) await_ready(admin, spec);
}

std::map<std::string, std::string> describe_topic_config(const std::string& brokers,
                                                         const std::string& topic,
                                                         std::chrono::milliseconds timeout) {
  AdminClient admin(brokers, timeout);
  ResourcePtr resource(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str()));
  auto* raw = resource.get();
  auto options = admin.options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, false);
  rd_kafka_DescribeConfigs(admin.get(), &raw, 1, options.get(), admin.queue());
  const auto event = admin.await(RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT, "DescribeConfigs");
  std::size_t count = 0;
  const auto* resources = rd_kafka_DescribeConfigs_result_resources(
      rd_kafka_event_DescribeConfigs_result(event.get()), &count);
  if (count != 1) throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "DescribeConfigs: no result");
  if (const auto err = rd_kafka_ConfigResource_error(resources[0]); err) {
    throw KafkaError(err, "DescribeConfigs " + topic + ": " +
                              rd_kafka_ConfigResource_error_string(resources[0]));
  }
  std::size_t entries = 0;
  const auto* configs = rd_kafka_ConfigResource_configs(resources[0], &entries);
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < entries; ++i) {
    const char* value = rd_kafka_ConfigEntry_value(configs[i]);
    out.emplace(rd_kafka_ConfigEntry_name(configs[i]), value != nullptr ? value : "");
  }
  return out;
}

int partition_count(const std::string& brokers, const std::string& topic,
                    std::chrono::milliseconds timeout) {
  AdminClient admin(brokers, timeout);
  return std::max(ready_partitions(admin, topic), 0);
}

void delete_topics(const std::string& brokers, std::span<const std::string> topics,
                   std::chrono::milliseconds timeout) {
  if (topics.empty()) return;
  AdminClient admin(brokers, timeout);
  std::vector<DeleteTopicPtr> owned;
  std::vector<rd_kafka_DeleteTopic_t*> requests;
  for (const auto& name : topics) {
    owned.emplace_back(rd_kafka_DeleteTopic_new(name.c_str()));
    requests.push_back(owned.back().get());
  }
  auto options = admin.options(RD_KAFKA_ADMIN_OP_DELETETOPICS, true);
  rd_kafka_DeleteTopics(admin.get(), requests.data(), requests.size(), options.get(),
                        admin.queue());
  const auto event = admin.await(RD_KAFKA_EVENT_DELETETOPICS_RESULT, "DeleteTopics");
  std::size_t count = 0;
  const auto* results =
      rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.get()), &count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
      continue;
    throw KafkaError(err, std::string("cannot delete topic ") +
                              rd_kafka_topic_result_name(results[i]) + ": " +
                              rd_kafka_err2str(err));
  }
}

}  // namespace ecn::kafka
