#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/message.hpp"

namespace ecn::kafka {
class Producer;
}
namespace ecn::ops {
class MetricsRegistry;
class Counter;
class Gauge;
}  // namespace ecn::ops

namespace ecn::notification::events {

// A record of a batch that can never be processed, and why: it goes to "<topic>.dlq".
struct DeadLetter {
  std::size_t index = 0;  // in the batch
  std::string error;
};

// Thrown by a processor whose wait was cut short by shutdown: the batch is left uncommitted.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted by shutdown") {}
};

// Waits `duration` unless `stop` is requested first; throws Interrupted then.
void pause_or_throw(std::stop_token stop, std::chrono::milliseconds duration);

// What a consumer does with its records.
class BatchProcessor {
 public:
  virtual ~BatchProcessor() = default;
  // Stores the batch's effects (one transaction per attempt) and returns the records that can
  // never be processed. Throws to have the whole batch retried after a backoff (database down);
  // processing must therefore be idempotent.
  virtual std::vector<DeadLetter> process(std::span<const kafka::Message> batch,
                                          std::stop_token stop) = 0;
};

// The consumer group of one loop: `<consumer_group>.<loop_name>`. Each loop has a group of its
// own because a loop waiting inside a batch (the order loop holding an event whose user is still
// on its way) does not poll, and in a shared group it would hold up the very rebalance the other
// loop needs before it can receive that user.
std::string loop_group(std::string_view consumer_group, std::string_view loop_name);

// Settings of a ConsumerLoop.
struct ConsumerLoopOptions {
  std::string name;  // metrics label and log prefix, e.g. "projections"
  kafka::ConsumerOptions consumer;
  std::size_t batch_size = 2000;
  std::chrono::milliseconds poll_timeout{200};
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{10000};
};

// One consumer-group member on a thread of its own: poll a batch, process it, park poison
// records in the dead-letter topic, then commit the offsets (only after the database commit,
// so a crash re-delivers instead of losing). Failures back off exponentially and retry the same
// batch; nothing ever stops the loop except stop(). Metrics:
// kafka_consumer_records_total{consumer}, kafka_dead_letters_total{consumer},
// kafka_consumer_lag{consumer}.
class ConsumerLoop {
 public:
  ConsumerLoop(ConsumerLoopOptions options, BatchProcessor& processor, kafka::Producer& producer,
               ops::MetricsRegistry& metrics);
  ~ConsumerLoop();  // stop()
  ConsumerLoop(const ConsumerLoop&) = delete;
  ConsumerLoop& operator=(const ConsumerLoop&) = delete;

  void start();
  // Ends waits at once; an unfinished batch stays uncommitted (re-delivered later). Idempotent.
  void stop();

  std::uint64_t committed() const { return committed_.load(); }  // records committed past

 private:
  void run(std::stop_token stop);
  void report_lag(double lag);
  // Processes and dead-letters one batch, retrying until done; false when stopped first.
  bool settle(kafka::Consumer& consumer, std::span<const kafka::Message> batch,
              std::stop_token stop);

  ConsumerLoopOptions options_;
  BatchProcessor& processor_;
  kafka::Producer& producer_;
  ops::Counter& records_;
  ops::Counter& dead_letters_;
  ops::Gauge& lag_;
  double reported_lag_ = 0;  // this member's share of lag_ (its thread only)
  std::atomic<std::uint64_t> committed_{0};
  std::jthread thread_;
};

}  // namespace ecn::notification::events
