#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/notification.hpp"

namespace pqxx {
class transaction_base;
}  // namespace pqxx

// The campaigns table, the campaign fan-out and the scheduler's state, run inside the caller's
// transaction.
namespace ecn::notification::storage {

// Stores a PENDING campaign with a fresh UUIDv7 id; nullopt when it is a scheduled campaign for
// a product that already has one.
std::optional<domain::Campaign> insert_campaign(pqxx::transaction_base& tx,
                                                const domain::NewCampaign& campaign);

std::optional<domain::Campaign> find_campaign(pqxx::transaction_base& tx, std::string_view id);

// Ids of PENDING and RUNNING campaigns, oldest first: what a starting service resumes.
std::vector<std::string> unfinished_campaigns(pqxx::transaction_base& tx);

// One fan-out step of a campaign.
struct FanOutBatch {
  // The recipient rows this batch inserted (text left empty: the caller has the campaign).
  std::vector<domain::Notification> inserted;
  // No subscriber left (COMPLETED), or the campaign was not PENDING/RUNNING.
  bool finished = false;
};

// Inserts the campaign's next `batch_size` matching subscribers after the stored cursor (by id)
// in one statement that also moves the cursor, the unread counters and per-user numbers,
// recipient_count and the status (RUNNING, then COMPLETED on a short batch). The campaign row
// is locked first, so concurrent runners of one campaign take turns, and a repeated batch (a
// lost cursor) inserts nothing for recipients who already have the campaign.
FanOutBatch fan_out_batch(pqxx::transaction_base& tx, std::string_view campaign_id,
                          std::int64_t batch_size);

void mark_failed(pqxx::transaction_base& tx, std::string_view campaign_id);

// Whether this transaction got the scheduler's advisory lock (released at its end); false when
// another replica holds it.
bool try_lock_scheduler(pqxx::transaction_base& tx);

// The scheduler's last cron time, nullopt before its first run.
std::optional<std::chrono::system_clock::time_point> scheduler_last_slot(
    pqxx::transaction_base& tx);

// Products added to the projection since the previous run (those its snapshot did not see),
// then records `slot` and this transaction's snapshot for the next run. The first run only
// records: products known before it are not news.
std::vector<domain::PromotedProduct> take_new_products(pqxx::transaction_base& tx,
                                                       std::chrono::system_clock::time_point slot);

}  // namespace ecn::notification::storage
