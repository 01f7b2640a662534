#pragma once

#include <cstdint>
#include <string_view>

#include "ecn/kafka/message.hpp"

namespace pqxx {
class transaction_base;
}

// The write side of the transactional outbox: a service records an event in the same
// PostgreSQL transaction as the state change it describes; OutboxRelay (outbox_relay.hpp)
// publishes it to Kafka afterwards. Either both commit or neither does.
namespace ecn::kafka {

// The NOTIFY channel enqueue() signals at commit, so an idle relay wakes at once.
inline constexpr std::string_view kOutboxChannel = "ecn_outbox";

// DDL of the outbox table, for a service's own migration (up).
std::string_view outbox_migration_sql();
// Its inverse (down migration).
std::string_view outbox_rollback_sql();

// Adds one event to the outbox within the caller's transaction and returns its id. Rows of
// one key are published in id order, so write the events of an entity after taking its row
// lock (UPDATE ... / SELECT ... FOR UPDATE): then a later transaction's event gets a later id.
// Header values must be UTF-8 text.
std::int64_t enqueue(pqxx::transaction_base& tx, std::string_view topic, std::string_view key,
                     std::string_view payload, const Headers& headers = {});

}  // namespace ecn::kafka
