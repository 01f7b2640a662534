#pragma once

// The relay's SQL against the outbox table, one named query per method.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ecn/kafka/message.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::kafka::detail {

// One outbox row as the relay publishes it.
struct OutboxRow {
  std::int64_t id = 0;
  std::string topic;
  std::string key;
  std::string payload;
  Headers headers;
};

// Reads and settles outbox rows through the service's pool; every method is one transaction.
class OutboxStore {
 public:
  explicit OutboxStore(pg::Pool& pool) : pool_(pool) {}

  // The oldest unsent rows, in id order.
  std::vector<OutboxRow> unsent(std::size_t limit);
  // Marks the rows sent, or deletes them when no retention is wanted.
  void settle(std::span<const std::int64_t> ids, bool delete_rows);
  // Deletes up to `limit` rows sent more than `age` ago; returns how many.
  std::size_t purge_sent(std::chrono::milliseconds age, std::size_t limit);
  std::int64_t backlog();

 private:
  pg::Pool& pool_;
};

}  // namespace ecn::kafka::detail
