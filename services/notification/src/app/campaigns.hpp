#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "domain/campaign.hpp"
#include "ecn/core/status.hpp"

namespace ecn::pg {
class Pool;
}
namespace ecn::notification::push {
class LivePublisher;
}

namespace ecn::notification::app {

// How a campaign's fan-out proceeds.
struct CampaignOptions {
  std::int64_t batch_size = 5000;  // recipients per transaction
  int max_attempts = 5;            // failed batches in a row before the campaign is FAILED
  std::chrono::milliseconds retry_backoff{500};  // doubles after each failed attempt
};

// The promotion campaign use cases. Campaigns are fanned out by one background thread (started
// with start()), batch after batch, each batch pushed live after its commit; a campaign left
// PENDING or RUNNING by a crash is picked up again by resume_unfinished(). Thread-safe.
class Campaigns {
 public:
  Campaigns(pg::Pool& pool, push::LivePublisher& live, CampaignOptions options = {});
  ~Campaigns();
  Campaigns(const Campaigns&) = delete;
  Campaigns& operator=(const Campaigns&) = delete;

  // Validates and stores a PENDING campaign and queues its fan-out; INVALID_ARGUMENT naming the
  // field.
  core::Result<domain::Campaign> create(const domain::CampaignInput& input);
  // NOT_FOUND for an unknown id.
  core::Result<domain::Campaign> get(std::string_view id);

  // Queues a stored campaign's fan-out (the scheduler's campaigns).
  void enqueue(std::string campaign_id);
  // Queues every PENDING or RUNNING campaign; returns how many.
  std::size_t resume_unfinished();
  // The whole fan-out of one campaign in the calling thread, retried per batch with backoff and
  // marked FAILED after max_attempts failures in a row.
  void run(std::string_view campaign_id);

  void start();
  // Finishes the running batch, then returns; queued campaigns stay PENDING/RUNNING in the
  // database for the next start.
  void stop();

 private:
  void work();
  // False when stop() was called during the wait.
  bool wait_before_retry(std::chrono::milliseconds backoff);

  pg::Pool& pool_;
  push::LivePublisher& live_;
  CampaignOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace ecn::notification::app
