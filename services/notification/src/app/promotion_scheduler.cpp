#include "app/promotion_scheduler.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "app/campaigns.hpp"
#include "ecn/core/time.hpp"
#include "ecn/pg/pool.hpp"
#include "storage/campaign_store.hpp"

namespace ecn::notification::app {

PromotionScheduler::PromotionScheduler(pg::Pool& pool, Campaigns& campaigns,
                                       domain::CronSchedule schedule)
    : pool_(pool), campaigns_(campaigns), schedule_(schedule) {}

PromotionScheduler::~PromotionScheduler() {
  stop();
}

TickResult PromotionScheduler::tick(std::chrono::system_clock::time_point slot) {
  // The stored slot has PostgreSQL's precision; compare like with like.
  slot = std::chrono::floor<std::chrono::microseconds>(slot);
  auto result = pool_.transact([&](pqxx::work& tx) {
    TickResult run;
    if (!storage::try_lock_scheduler(tx)) {
      run.outcome = TickResult::Outcome::kLockedElsewhere;
      return run;
    }
    if (const auto last = storage::scheduler_last_slot(tx); last && *last >= slot) {
      run.outcome = TickResult::Outcome::kAlreadyRun;
      return run;
    }
    for (const auto& product : storage::take_new_products(tx, slot)) {
      if (auto campaign = storage::insert_campaign(tx, domain::product_campaign(product))) {
        run.campaign_ids.push_back(campaign->id);
      }
    }
    return run;
  });
  for (const auto& id : result.campaign_ids) campaigns_.enqueue(id);
  if (result.outcome == TickResult::Outcome::kRan) {
    spdlog::info("promotion scheduler: run for {} created {} campaign(s)", core::to_rfc3339(slot),
                 result.campaign_ids.size());
  }
  return result;
}

void PromotionScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void PromotionScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PromotionScheduler::loop() {
  while (true) {
    const auto next = schedule_.next_after(std::chrono::system_clock::now());
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_until(lock, next, [&] { return stopping_; })) return;
    }
    try {
      tick(next);
    } catch (const std::exception& e) {
      // Nothing was recorded: the next tick takes this run's products too.
      spdlog::error("promotion scheduler: run for {} failed: {}", core::to_rfc3339(next), e.what());
    }
  }
}

}  // namespace ecn::notification::app
