#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace ecn::pg {
class Pool;
}
namespace ecn::ops {
class Counter;
class MetricsRegistry;
}  // namespace ecn::ops

namespace ecn::notification::app {

// Settings of a ProcessedEventsPurge.
struct PurgeOptions {
  std::chrono::seconds retention = std::chrono::hours(24 * 7);  // PROCESSED_EVENTS_RETENTION
  std::int64_t batch_size = 5000;                               // rows per transaction
  std::chrono::milliseconds interval{10 * 60'000};              // between two purges
};

// Keeps processed_events (the idempotency rows of order events) from growing forever: a thread
// deletes the rows older than the retention, one bounded batch per transaction (short locks,
// small WAL bursts, no long vacuum debt), at start and then every interval. Replicas may purge
// together: a batch skips rows another one has locked. Counted in
// `processed_events_purged_total`.
class ProcessedEventsPurge {
 public:
  ProcessedEventsPurge(pg::Pool& pool, PurgeOptions options, ops::MetricsRegistry& metrics);
  ~ProcessedEventsPurge();  // stop()
  ProcessedEventsPurge(const ProcessedEventsPurge&) = delete;
  ProcessedEventsPurge& operator=(const ProcessedEventsPurge&) = delete;

  // Deletes every row older than the retention, batch after batch; returns how many. Throws on
  // database errors (what was deleted before stays deleted).
  std::int64_t run_once();

  void start();
  void stop();  // idempotent; an unfinished purge stops after its current batch

 private:
  void loop();
  bool stopping();

  pg::Pool& pool_;
  PurgeOptions options_;
  ops::Counter& purged_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Refuses (std::runtime_error naming PROCESSED_EVENTS_RETENTION) a retention shorter than the
// order topic's retention.ms: a record Kafka still holds must find its idempotency row when it
// is delivered again. When the broker cannot tell now, logs a warning and lets the start go on.
void check_retention_covers_topic(const std::string& brokers, const std::string& topic,
                                  std::chrono::seconds retention);

}  // namespace ecn::notification::app
