#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace ecn::pg {
class Pool;
}

namespace ecn::kafka {

class Producer;

// Settings of an OutboxRelay.
struct RelayOptions {
  std::size_t batch_size = 500;               // rows read and published per round
  std::chrono::milliseconds idle_poll{1000};  // longest idle wait (NOTIFY usually ends it)
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{30000};  // cap of the exponential backoff on errors
  // How long sent rows are kept before being purged; 0 deletes them as soon as delivered.
  std::chrono::milliseconds retention{std::chrono::hours(24)};
  // Bound on the wait for delivery reports when stop() interrupts a round.
  std::chrono::milliseconds shutdown_timeout{3000};
  bool listen = true;  // LISTEN for enqueue()'s NOTIFY, to publish without waiting idle_poll
  // The advisory lock that elects one relay per database; all relays of a database must agree.
  std::int64_t lock_key = 0x65636e5f6f757462;  // "ecn_outb"
};

// Publishes outbox rows (outbox.hpp) to Kafka from a thread of its own.
//
// One relay per database publishes at a time: the one holding a PostgreSQL advisory lock on a
// dedicated session; the others stand by and take over when that session ends. The leader
// reads unsent rows in id order, produces them, waits for every delivery report and marks the
// delivered rows sent. Per-key order holds because the idempotent producer keeps the order of
// a partition across retries, a row refused by produce() holds back the later rows of its key
// for that round, and a round starts only after the previous one was settled. Delivery is at
// least once: a row delivered but not marked (crash, PostgreSQL down) is published again, so
// consumers deduplicate on event_id.
//
// While Kafka is down the round's records wait inside the producer (which reconnects with its
// own backoff) and the relay reads nothing more; failed rounds and PostgreSQL errors back off
// exponentially up to max_backoff. When Kafka returns the waiting round completes and the
// backlog drains at full speed.
class OutboxRelay {
 public:
  // The producer must never give up on a record (ProducerOptions::delivery_timeout 0, the
  // default): a record failed by timeout while a later one of its partition got through would
  // reorder its key. Throws std::invalid_argument otherwise.
  OutboxRelay(pg::Pool& pool, Producer& producer, RelayOptions options = {});
  ~OutboxRelay();  // stop()
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  void start();
  // Returns within about shutdown_timeout (plus a PostgreSQL round trip); rows whose delivery
  // was not confirmed stay unsent and are published again by the next leader.
  void stop();

  bool is_leader() const;
  std::uint64_t published() const;  // rows this relay delivered and marked sent
  // Unsent rows in the outbox, for the outbox-backlog gauge. Queries PostgreSQL; throws
  // its errors.
  std::int64_t backlog();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::kafka
