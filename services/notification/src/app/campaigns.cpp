#include "app/campaigns.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <exception>

#include "domain/validation.hpp"
#include "ecn/pg/pool.hpp"
#include "push/live_publisher.hpp"
#include "storage/campaign_store.hpp"

namespace ecn::notification::app {

Campaigns::Campaigns(pg::Pool& pool, push::LivePublisher& live, CampaignOptions options)
    : pool_(pool), live_(live), options_(options) {}

Campaigns::~Campaigns() {
  stop();
}

core::Result<domain::Campaign> Campaigns::create(const domain::CampaignInput& input) {
  auto valid = domain::validate_campaign(input);
  if (!valid) return valid.error();
  auto stored =
      pool_.transact([&](pqxx::work& tx) { return storage::insert_campaign(tx, *valid); });
  if (!stored) {
    return core::Error(core::ErrorCode::kInternal, "campaign not stored");
  }
  enqueue(stored->id);
  return *stored;
}

core::Result<domain::Campaign> Campaigns::get(std::string_view id) {
  auto valid_id = domain::validate_uuid(id, "id");
  if (!valid_id) return valid_id.error();
  auto found =
      pool_.transact([&](pqxx::work& tx) { return storage::find_campaign(tx, *valid_id); });
  if (!found) return core::Error(core::ErrorCode::kNotFound, "id: no such campaign");
  return *found;
}

void Campaigns::enqueue(std::string campaign_id) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(campaign_id));
  }
  wake_.notify_one();
}

std::size_t Campaigns::resume_unfinished() {
  const auto ids = pool_.transact([](pqxx::work& tx) { return storage::unfinished_campaigns(tx); });
  for (const auto& id : ids) enqueue(id);
  return ids.size();
}

void Campaigns::run(std::string_view campaign_id) {
  auto campaign =
      pool_.transact([&](pqxx::work& tx) { return storage::find_campaign(tx, campaign_id); });
  if (!campaign) return;
  // The same for every recipient: what the listing shows for a campaign row.
  const std::string data = boost::json::serialize(boost::json::object{
      {"campaign_id", campaign->id},
      {"product_id", campaign->product_id ? boost::json::value(*campaign->product_id)
                                          : boost::json::value(nullptr)}});
  int failures = 0;
  auto backoff = options_.retry_backoff;
  while (true) {
    storage::FanOutBatch batch;
    try {
      batch = pool_.transact([&](pqxx::work& tx) {
        return storage::fan_out_batch(tx, campaign_id, options_.batch_size);
      });
    } catch (const std::exception& e) {
      ++failures;
      spdlog::warn("campaign {}: fan-out batch failed (attempt {}): {}", campaign->id, failures,
                   e.what());
      if (failures >= options_.max_attempts) {
        try {
          pool_.transact([&](pqxx::work& tx) { storage::mark_failed(tx, campaign_id); });
        } catch (const std::exception& mark_error) {
          spdlog::error("campaign {}: not marked FAILED: {}", campaign->id, mark_error.what());
        }
        return;
      }
      if (!wait_before_retry(backoff)) return;
      backoff *= 2;
      continue;
    }
    failures = 0;
    backoff = options_.retry_backoff;
    for (auto& n : batch.inserted) {
      n.title = campaign->title;
      n.body = campaign->body;
      n.data_json = data;
    }
    live_.publish(batch.inserted);
    if (batch.finished) return;
    std::lock_guard lock(mutex_);
    if (stopping_) return;
  }
}

void Campaigns::start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { work(); });
}

void Campaigns::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Campaigns::work() {
  while (true) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      run(id);
    } catch (const std::exception& e) {
      // The campaign stays PENDING/RUNNING: the next start resumes it.
      spdlog::error("campaign {}: fan-out stopped: {}", id, e.what());
    }
  }
}

bool Campaigns::wait_before_retry(std::chrono::milliseconds backoff) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, backoff, [&] { return stopping_; });
}

}  // namespace ecn::notification::app
