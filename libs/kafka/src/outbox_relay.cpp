#include "ecn/kafka/outbox_relay.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "backoff.hpp"
#include "delivery_round.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/pg/pool.hpp"
#include "outbox_store.hpp"
#include "relay_lock.hpp"

namespace ecn::kafka {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kPurgeChunk = 10000;
constexpr auto kMaxPurgeInterval = std::chrono::milliseconds(60000);
constexpr auto kReportSlice = std::chrono::milliseconds(200);
constexpr auto kFirstStallNotice = std::chrono::milliseconds(5000);

// What a relay step achieved, which decides how long to wait before the next.
enum class Step { kMore, kIdle, kFailed };

}  // namespace

struct OutboxRelay::Impl {
  Impl(pg::Pool& pool, Producer& producer, RelayOptions options)
      : pool(pool), producer(producer), options(options), store(pool) {}

  void run();
  Step step();
  detail::RoundResult publish(std::span<const detail::OutboxRow> rows);
  void settle();
  void purge_if_due();
  void wait_for_work(detail::RelayLock& lock);
  bool stop_requested() const { return stopping_flag.load(); }
  // Sleeps up to `delay`, or less when stop() is called.
  void pause(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex);
    wake.wait_for(lock, delay, [&] { return stopping_flag.load(); });
  }

  pg::Pool& pool;
  Producer& producer;
  RelayOptions options;
  detail::OutboxStore store;
  std::atomic<bool> leader{false};
  std::atomic<std::uint64_t> published{0};
  std::atomic<bool> stopping_flag{false};
  std::mutex mutex;
  std::condition_variable wake;
  std::thread thread;
  // Delivered rows not yet marked sent (PostgreSQL failed meanwhile): settled before anything
  // else, so they are not published twice.
  std::vector<std::int64_t> delivered_unsettled;
  Clock::time_point next_purge = Clock::now();
};

OutboxRelay::OutboxRelay(pg::Pool& pool, Producer& producer, RelayOptions options) {
  if (producer.delivery_timeout().count() != 0) {
    throw std::invalid_argument(
        "outbox relay: the producer gives up on records after " +
        std::to_string(producer.delivery_timeout().count()) +
        " ms (message.timeout.ms); the relay needs 0 so a long Kafka outage cannot reorder keys");
  }
  if (options.batch_size == 0) throw std::invalid_argument("outbox relay: batch_size is 0");
  impl_ = std::make_unique<Impl>(pool, producer, options);
}

OutboxRelay::~OutboxRelay() {
  stop();
}

void OutboxRelay::start() {
  if (impl_->thread.joinable()) return;
  impl_->stopping_flag = false;
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

void OutboxRelay::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping_flag = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

bool OutboxRelay::is_leader() const {
  return impl_->leader.load();
}

std::uint64_t OutboxRelay::published() const {
  return impl_->published.load();
}

std::int64_t OutboxRelay::backlog() {
  return impl_->store.backlog();
}

void OutboxRelay::Impl::run() {
  detail::RelayLock lock(pool.options().url, options.lock_key, options.listen);
  detail::Backoff backoff(options.initial_backoff, options.max_backoff);
  while (!stop_requested()) {
    try {
      if (!lock.still_held()) {
        if (leader.exchange(false)) spdlog::warn("outbox relay: no longer the leader");
        if (!lock.try_acquire()) {
          pause(options.idle_poll);  // another relay publishes; stand by
          continue;
        }
        leader = true;
        spdlog::info("outbox relay: leader for this database; publishing");
      }
      switch (step()) {
        case Step::kMore:
          backoff.reset();
          break;
        case Step::kIdle:
          backoff.reset();
          wait_for_work(lock);
          break;
        case Step::kFailed:
          pause(backoff.next());
          break;
      }
    } catch (const std::exception& e) {
      const auto delay = backoff.next();
      spdlog::error("outbox relay: {}; retrying in {} ms", e.what(), delay.count());
      pause(delay);
    }
  }
  leader = false;
  lock.release();
}

Step OutboxRelay::Impl::step() {
  settle();
  purge_if_due();
  const auto rows = store.unsent(options.batch_size);
  if (rows.empty()) return Step::kIdle;
  const auto result = publish(rows);
  delivered_unsettled = result.delivered;
  settle();
  if (result.failed > 0 || result.held_back > 0) return Step::kFailed;
  return rows.size() == options.batch_size ? Step::kMore : Step::kIdle;
}

detail::RoundResult OutboxRelay::Impl::publish(std::span<const detail::OutboxRow> rows) {
  detail::DeliveryRound round(producer, rows);
  detail::Backoff notice(kFirstStallNotice, std::max(options.max_backoff, kFirstStallNotice));
  auto next_notice = Clock::now() + notice.next();
  while (!round.wait(kReportSlice)) {
    if (stop_requested()) {
      // Bounded: what is still unconfirmed stays unsent and is published again later.
      producer.flush(options.shutdown_timeout);
      round.wait(std::chrono::milliseconds(0));
      break;
    }
    if (Clock::now() >= next_notice) {
      // Kafka is unreachable: the records wait in the producer, which keeps reconnecting;
      // nothing more is read until they are through.
      spdlog::warn("outbox relay: {} of {} records still await delivery; is Kafka down?",
                   round.outstanding(), rows.size());
      next_notice = Clock::now() + notice.next();
    }
  }
  const auto result = round.result();
  if (result.failed > 0 || result.unconfirmed > 0) {
    spdlog::warn(
        "outbox relay: round of {} rows: {} delivered, {} failed, {} held back, {} "
        "unconfirmed",
        rows.size(), result.delivered.size(), result.failed, result.held_back, result.unconfirmed);
  }
  return result;
}

void OutboxRelay::Impl::settle() {
  if (delivered_unsettled.empty()) return;
  store.settle(delivered_unsettled, options.retention.count() == 0);
  published += delivered_unsettled.size();
  delivered_unsettled.clear();
}

void OutboxRelay::Impl::purge_if_due() {
  if (options.retention.count() == 0 || Clock::now() < next_purge) return;
  const auto purged = store.purge_sent(options.retention, kPurgeChunk);
  // A full chunk means more are due: purge again next step instead of waiting.
  next_purge = purged == kPurgeChunk
                   ? Clock::now()
                   : Clock::now() + std::min(options.retention, kMaxPurgeInterval);
  if (purged > 0) spdlog::debug("outbox relay: purged {} sent rows", purged);
}

void OutboxRelay::Impl::wait_for_work(detail::RelayLock& lock) {
  if (!options.listen) {
    pause(options.idle_poll);
    return;
  }
  lock.await_notification(options.idle_poll, [this] { return stop_requested(); });
}

}  // namespace ecn::kafka
