#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/order.hpp"
#include "domain/pricing.hpp"
#include "ecn/core/cursor.hpp"
#include "ecn/core/status.hpp"
#include "events/order_status_updated.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::order::storage {

// One page of a user's orders, newest first; has_next_page says whether more follow.
struct OrderPage {
  std::vector<domain::Order> orders;
  bool has_next_page = false;
};

// The orders, order_items and order_status_history tables: the only place that knows their
// SQL. Every statement is parameterized.
class OrderStore {
 public:
  // Status changes are written to the outbox for `events_topic` (ORDER_EVENTS_TOPIC).
  explicit OrderStore(pg::Pool& pool,
                      std::string events_topic = std::string(events::kOrderStatusUpdatedTopic))
      : pool_(pool), events_topic_(std::move(events_topic)) {}

  // Places a PENDING order under a new UUIDv7, its lines and its first history row, in one
  // transaction.
  domain::Order create(const std::string& user_id, const domain::PricedOrder& priced);

  // `id` must be a canonical UUID (callers validate it).
  std::optional<domain::Order> get(const std::string& id);

  // The orders among `ids` (canonical UUIDs) with their lines, in no particular order.
  std::vector<domain::Order> get_many(const std::vector<std::string>& ids);

  // The user's orders, newest first on (created_at, id), strictly after `after` when given.
  OrderPage list_by_user(const std::string& user_id, int limit,
                         const std::optional<core::KeysetCursor>& after);

  // Moves the order to `to` under its row lock (SELECT ... FOR UPDATE), so concurrent updates
  // of one order run one after another, each deciding on the status the previous one left. A
  // real transition updates the order, appends to its history and enqueues its
  // order-status-updated event, all in one transaction; the current status again writes
  // nothing. NOT_FOUND for an unknown order, FAILED_PRECONDITION for a forbidden transition.
  core::Result<domain::Order> update_status(const std::string& id, domain::OrderStatus to);

 private:
  pg::Pool& pool_;
  std::string events_topic_;
};

// The keyset position of an order in a user's listing.
core::KeysetCursor cursor_of(const domain::Order& order);

}  // namespace ecn::order::storage
