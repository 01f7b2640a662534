#pragma once

#include <cstddef>
#include <span>

#include "events/event_payloads.hpp"

namespace pqxx {
class transaction_base;
}

// The projections of other services' data (subscribers, products), run inside the caller's
// transaction.
namespace ecn::notification::storage {

// Upserts the users in one statement, keeping per id only the newest version (by updated_at;
// the later record wins a tie, as Kafka's per-key order says it is newer). A version older than
// the stored one changes nothing, so redelivered and reordered events are harmless. Returns the
// rows written.
std::size_t upsert_subscribers(pqxx::transaction_base& tx,
                               std::span<const events::UserUpserted> users);

// The same for products, versioned by created_at.
std::size_t upsert_products(pqxx::transaction_base& tx,
                            std::span<const events::ProductCreated> products);

}  // namespace ecn::notification::storage
