#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/cron.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::notification::app {

class Campaigns;

// What one tick did.
struct TickResult {
  enum class Outcome {
    kRan,              // this replica ran the tick
    kLockedElsewhere,  // another replica holds the scheduler lock right now
    kAlreadyRun,       // the tick for this cron time (or a later one) has already run
  };
  Outcome outcome = Outcome::kRan;
  std::vector<std::string> campaign_ids;  // the campaigns this run created
};

// Creates a campaign for each product added to the projection since the previous run, at the
// times of the PROMOTION_CRON schedule, in exactly one replica: a tick runs under a PostgreSQL
// advisory lock (try-lock: a replica without it skips) and records the cron time it served, so
// a replica that gets the lock later for the same time does nothing.
class PromotionScheduler {
 public:
  PromotionScheduler(pg::Pool& pool, Campaigns& campaigns, domain::CronSchedule schedule);
  ~PromotionScheduler();
  PromotionScheduler(const PromotionScheduler&) = delete;
  PromotionScheduler& operator=(const PromotionScheduler&) = delete;

  // The run for cron time `slot`, in one transaction; the campaigns are queued for fan-out
  // after the commit.
  TickResult tick(std::chrono::system_clock::time_point slot);

  // A thread that sleeps until the schedule's next time and ticks, until stop().
  void start();
  void stop();

 private:
  void loop();

  pg::Pool& pool_;
  Campaigns& campaigns_;
  domain::CronSchedule schedule_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ecn::notification::app
