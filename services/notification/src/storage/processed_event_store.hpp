#pragma once

#include <chrono>
#include <cstdint>

namespace pqxx {
class transaction_base;
}

// processed_events: the idempotency rows of order events.
namespace ecn::notification::storage {

// Deletes up to `limit` rows processed more than `older_than` ago, oldest first, skipping rows
// another replica's purge has locked; returns how many went.
std::int64_t purge_processed_events(pqxx::transaction_base& tx, std::chrono::seconds older_than,
                                    std::int64_t limit);

}  // namespace ecn::notification::storage
