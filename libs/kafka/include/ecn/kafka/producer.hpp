#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "ecn/kafka/message.hpp"

namespace ecn::kafka {

// Settings of a Producer. The producer is always idempotent (enable.idempotence=true,
// acks=all, at most 5 requests in flight), so retries neither duplicate nor reorder records
// of a partition.
struct ProducerOptions {
  std::string brokers;  // bootstrap.servers, "host:port,host:port"
  std::string client_id = "ecn";
  // How long librdkafka keeps retrying a record before failing it (message.timeout.ms).
  // 0 means until it is delivered: the outbox relay needs that, because a record failed by
  // timeout while a later one of the same partition gets through would break per-key order.
  std::chrono::milliseconds delivery_timeout{0};
  // Bounded flush when the producer is destroyed; what is still queued then is purged and its
  // callbacks report the purge.
  std::chrono::milliseconds close_timeout{5000};
  // Further librdkafka properties, applied last (they override the settings above).
  std::map<std::string, std::string> config;
};

// The outcome of one record: delivered (ok()) with its partition and offset, or failed with
// librdkafka's error code and message.
struct DeliveryReport {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  int error_code = 0;
  std::string error;
  bool ok() const { return error_code == 0; }
};

// Called once per record with its delivery report, on the producer's poll thread (or on the
// thread calling flush()); keep it short and thread-safe.
using DeliveryCallback = std::function<void(const DeliveryReport&)>;

// An idempotent Kafka producer. It owns the thread that serves delivery reports, so callers
// only produce and flush. Thread-safe.
class Producer {
 public:
  explicit Producer(ProducerOptions options);  // throws KafkaError on a bad configuration
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Queues one record; the key picks the partition (murmur2, as Java clients do). Throws
  // KafkaError when librdkafka refuses it now (queue full, record too large, fatal producer
  // state); the callback is then never called. Otherwise the callback gets the outcome.
  void produce(std::string_view topic, std::string_view key, std::string_view payload,
               const Headers& headers = {}, DeliveryCallback on_delivery = {});

  // produce() and wait for the report. A report that has not come within `timeout` is
  // returned as error RD_KAFKA_RESP_ERR__TIMED_OUT; the record may still be delivered later.
  DeliveryReport produce_sync(std::string_view topic, std::string_view key,
                              std::string_view payload, const Headers& headers = {},
                              std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Waits until every queued record has its report; false when `timeout` passed first.
  bool flush(std::chrono::milliseconds timeout);

  // Records accepted by produce() whose delivery report has not been served yet.
  std::size_t in_flight() const;

  // The effective message.timeout.ms (after ProducerOptions::config); 0 = never gives up.
  std::chrono::milliseconds delivery_timeout() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::kafka
