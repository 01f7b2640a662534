#include "events/consumer_loop.hpp"

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>

#include "ecn/kafka/dead_letter.hpp"
#include "ecn/kafka/error.hpp"
#include "ecn/ops/metrics.hpp"

namespace ecn::notification::events {

std::string loop_group(std::string_view consumer_group, std::string_view loop_name) {
  return std::string(consumer_group) + "." + std::string(loop_name);
}

void pause_or_throw(std::stop_token stop, std::chrono::milliseconds duration) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, duration, [] { return false; });
  if (stop.stop_requested()) throw Interrupted();
}

ConsumerLoop::ConsumerLoop(ConsumerLoopOptions options, BatchProcessor& processor,
                           kafka::Producer& producer, ops::MetricsRegistry& metrics)
    : options_(std::move(options)),
      processor_(processor),
      producer_(producer),
      records_(metrics.counter("kafka_consumer_records_total", "records consumed and committed",
                               {{"consumer", options_.name}})),
      dead_letters_(metrics.counter("kafka_dead_letters_total",
                                    "records parked in a dead-letter topic",
                                    {{"consumer", options_.name}})),
      lag_(metrics.gauge("kafka_consumer_lag", "records behind the high watermark",
                         {{"consumer", options_.name}})) {}

ConsumerLoop::~ConsumerLoop() {
  stop();
}

void ConsumerLoop::start() {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void ConsumerLoop::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
  report_lag(0);  // a stopped member is behind on nothing
}

// Adds this member's change: loops of one name (members of one group in this process) share
// the gauge, which then reads the sum of their lags.
void ConsumerLoop::report_lag(double lag) {
  lag_.add(lag - reported_lag_);
  reported_lag_ = lag;
}

void ConsumerLoop::run(std::stop_token stop) {
  auto backoff = options_.initial_backoff;
  while (!stop.stop_requested()) {
    try {
      kafka::Consumer consumer(options_.consumer);
      spdlog::info("{}: consuming {} as group {}", options_.name,
                   fmt::join(options_.consumer.topics, ","), options_.consumer.group_id);
      while (!stop.stop_requested()) {
        auto batch = consumer.poll_batch(options_.batch_size, options_.poll_timeout);
        report_lag(static_cast<double>(consumer.lag()));
        if (batch.empty()) continue;
        if (!settle(consumer, batch, stop)) return;
        backoff = options_.initial_backoff;
      }
    } catch (const Interrupted&) {
      return;
    } catch (const std::exception& e) {
      // A fatal consumer error: start over with a fresh member after a pause.
      spdlog::error("{}: consumer failed, restarting: {}", options_.name, e.what());
      try {
        pause_or_throw(stop, backoff);
      } catch (const Interrupted&) {
        return;
      }
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }
}

bool ConsumerLoop::settle(kafka::Consumer& consumer, std::span<const kafka::Message> batch,
                          std::stop_token stop) {
  auto backoff = options_.initial_backoff;
  kafka::DeadLetterPublisher dead_letter_publisher(producer_);
  for (;;) {
    try {
      const auto dead = processor_.process(batch, stop);
      for (const auto& letter : dead) {
        const auto& message = batch[letter.index];
        spdlog::warn("{}: {}[{}]@{} to the dead-letter topic: {}", options_.name, message.topic,
                     message.partition, message.offset, letter.error);
        dead_letter_publisher.publish(message, letter.error);
        dead_letters_.inc();
      }
      break;
    } catch (const Interrupted&) {
      return false;
    } catch (const std::exception& e) {
      spdlog::error("{}: batch of {} failed, retrying in {} ms: {}", options_.name, batch.size(),
                    backoff.count(), e.what());
      try {
        pause_or_throw(stop, backoff);
      } catch (const Interrupted&) {
        return false;
      }
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }
  try {
    consumer.commit(batch);
  } catch (const kafka::KafkaError& e) {
    // The records come again (to us or to the partition's new owner); processing is idempotent.
    spdlog::warn("{}: commit failed, records will be re-delivered: {}", options_.name, e.what());
    return true;
  }
  records_.inc(static_cast<double>(batch.size()));
  committed_ += batch.size();
  return true;
}

}  // namespace ecn::notification::events
