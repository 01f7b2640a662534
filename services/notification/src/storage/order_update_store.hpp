#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/notification.hpp"
#include "events/event_payloads.hpp"

namespace pqxx {
class transaction_base;
}

namespace ecn::notification::storage {

// What one application of order events did.
struct OrderUpdateOutcome {
  std::vector<domain::Notification> created;  // for live push after the commit
  // Events not processed because their user is not in the projection yet (retry them).
  std::vector<std::string> waiting_event_ids;
};

// Turns order events into ORDER_UPDATE notifications in two statements inside the caller's
// transaction: each event whose user is known is recorded in processed_events (so a
// redelivered event changes nothing) and, when that user has order_updates on, becomes one
// notification counted as unread. Events of unknown users are left untouched.
OrderUpdateOutcome apply_order_updates(pqxx::transaction_base& tx,
                                       std::span<const events::OrderStatusUpdated> updates);

}  // namespace ecn::notification::storage
