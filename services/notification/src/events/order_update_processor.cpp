#include "events/order_update_processor.hpp"

#include <algorithm>
#include <unordered_set>

#include "ecn/pg/pool.hpp"
#include "events/event_payloads.hpp"
#include "push/live_publisher.hpp"
#include "storage/order_update_store.hpp"

namespace ecn::notification::events {

std::vector<DeadLetter> OrderUpdateProcessor::process(std::span<const kafka::Message> batch,
                                                      std::stop_token stop) {
  std::vector<DeadLetter> dead;
  std::vector<OrderStatusUpdated> pending;
  std::vector<std::size_t> pending_index;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto update = parse_order_status_updated(batch[i].payload);
    if (!update) {
      dead.push_back({i, core::to_string(update.error())});
      continue;
    }
    pending.push_back(std::move(*update));
    pending_index.push_back(i);
  }

  auto backoff = policy_.initial_backoff;
  for (int attempt = 0; !pending.empty(); ++attempt) {
    auto outcome =
        pool_.transact([&](pqxx::work& tx) { return storage::apply_order_updates(tx, pending); });
    live_.publish(outcome.created);
    if (outcome.waiting_event_ids.empty()) break;

    const std::unordered_set<std::string> waiting(outcome.waiting_event_ids.begin(),
                                                  outcome.waiting_event_ids.end());
    std::vector<OrderStatusUpdated> still;
    std::vector<std::size_t> still_index;
    for (std::size_t k = 0; k < pending.size(); ++k) {
      if (waiting.contains(pending[k].event_id)) {
        still.push_back(std::move(pending[k]));
        still_index.push_back(pending_index[k]);
      }
    }
    pending = std::move(still);
    pending_index = std::move(still_index);
    if (attempt >= policy_.attempts) {
      for (std::size_t k = 0; k < pending.size(); ++k) {
        dead.push_back({pending_index[k],
                        "user " + pending[k].user_id + " is not in the subscribers projection"});
      }
      break;
    }
    pause_or_throw(stop, backoff);
    backoff = std::min(backoff * 2, policy_.max_backoff);
  }
  std::sort(dead.begin(), dead.end(),
            [](const DeadLetter& a, const DeadLetter& b) { return a.index < b.index; });
  return dead;
}

}  // namespace ecn::notification::events
