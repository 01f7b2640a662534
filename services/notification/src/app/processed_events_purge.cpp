#include "app/processed_events_purge.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <stdexcept>

#include "domain/retention.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "storage/processed_event_store.hpp"

namespace ecn::notification::app {

ProcessedEventsPurge::ProcessedEventsPurge(pg::Pool& pool, PurgeOptions options,
                                           ops::MetricsRegistry& metrics)
    : pool_(pool),
      options_(options),
      purged_(metrics.counter("processed_events_purged_total",
                              "idempotency rows of order events deleted after their retention")) {}

ProcessedEventsPurge::~ProcessedEventsPurge() {
  stop();
}

std::int64_t ProcessedEventsPurge::run_once() {
  std::int64_t total = 0;
  while (!stopping()) {
    const auto deleted = pool_.transact([&](pqxx::work& tx) {
      return storage::purge_processed_events(tx, options_.retention, options_.batch_size);
    });
    total += deleted;
    purged_.inc(static_cast<double>(deleted));
    if (deleted < options_.batch_size) break;
  }
  return total;
}

void ProcessedEventsPurge::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ProcessedEventsPurge::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ProcessedEventsPurge::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void ProcessedEventsPurge::loop() {
  while (true) {
    try {
      if (const auto deleted = run_once(); deleted > 0) {
        spdlog::info("processed_events: purged {} row(s) older than {}", deleted,
                     domain::show_retention(options_.retention));
      }
    } catch (const std::exception& e) {
      spdlog::warn("processed_events: purge failed (next try in {} s): {}",
                   std::chrono::duration_cast<std::chrono::seconds>(options_.interval).count(),
                   e.what());
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, options_.interval, [&] { return stopping_; })) return;
  }
}

void check_retention_covers_topic(const std::string& brokers, const std::string& topic,
                                  std::chrono::seconds retention) {
  std::map<std::string, std::string> config;
  try {
    config = kafka::describe_topic_config(brokers, topic, std::chrono::seconds(5));
  } catch (const std::exception& e) {
    spdlog::warn("PROCESSED_EVENTS_RETENTION not checked against {}'s retention.ms: {}", topic,
                 e.what());
    return;
  }
  const auto found = config.find("retention.ms");
  if (found == config.end()) return;
  if (auto problem = domain::retention_shortfall(retention, found->second)) {
    throw std::runtime_error("PROCESSED_EVENTS_RETENTION: " + *problem + " (topic " + topic + ")");
  }
}

}  // namespace ecn::notification::app
