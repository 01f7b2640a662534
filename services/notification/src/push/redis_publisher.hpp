#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "push/live_publisher.hpp"

namespace ecn::ops {
class MetricsRegistry;
class Counter;
}  // namespace ecn::ops

namespace ecn::notification::push {

// Settings of a RedisPublisher.
struct RedisPublisherOptions {
  std::string url = "redis://127.0.0.1:6379";  // redis://host:port[/db]
  std::size_t max_queue = 100'000;             // beyond it messages are dropped (and counted)
  std::size_t max_pipeline = 1000;             // PUBLISH commands sent in one write
  std::chrono::milliseconds timeout{1000};     // connect and per-reply
  std::chrono::milliseconds retry_backoff{500};
};

// Publishes committed notifications to Redis pub/sub from a thread of its own, so a write never
// waits for Redis: publish() only queues. The thread pipelines what is queued (one round trip
// for a whole batch). While Redis is down, messages fail, are logged and counted in
// `redis_publish_failures_total`, and publishing resumes by itself when Redis is back (live
// delivery is best effort: subscribers replay what they missed with ListNotificationsAfter).
class RedisPublisher final : public LivePublisher {
 public:
  RedisPublisher(RedisPublisherOptions options, ops::MetricsRegistry& metrics);
  ~RedisPublisher() override;
  RedisPublisher(const RedisPublisher&) = delete;
  RedisPublisher& operator=(const RedisPublisher&) = delete;

  void publish(std::span<const domain::Notification> notifications) noexcept override;

  std::uint64_t published() const;  // messages Redis accepted
  std::uint64_t failed() const;     // messages lost to errors or a full queue

 private:
  void run(std::stop_token stop);

  RedisPublisherOptions options_;
  std::string host_;
  int port_ = 6379;
  ops::Counter& published_total_;
  ops::Counter& failures_total_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<std::pair<std::string, std::string>> queue_;  // channel, message
  std::jthread thread_;
};

}  // namespace ecn::notification::push
