#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "outbox_store.hpp"

namespace ecn::kafka {
class Producer;
}

namespace ecn::kafka::detail {

// How a round ended: which rows Kafka acknowledged, and how many did not make it.
struct RoundResult {
  std::vector<std::int64_t> delivered;  // ids, in id order
  std::size_t failed = 0;               // refused by produce() or failed delivery
  std::size_t held_back = 0;            // not produced: an earlier row of their key failed
  std::size_t unconfirmed = 0;          // produced, report still outstanding
};

// One relay round: produces the rows in id order and collects their delivery reports.
// A row that produce() refuses holds back the later rows of its (topic, key) for this round,
// so a key is never published out of order. Reports arrive on the producer's thread; the
// shared state lets a late report land safely after the round was abandoned.
class DeliveryRound {
 public:
  DeliveryRound(Producer& producer, std::span<const OutboxRow> rows);

  // True once every produced row has its report; false when `timeout` passed first.
  bool wait(std::chrono::milliseconds timeout);
  std::size_t outstanding() const;
  RoundResult result() const;

 private:
  enum class Status { kPending, kDelivered, kFailed, kHeldBack };
  struct State {
    mutable std::mutex mutex;
    std::condition_variable done;
    std::vector<Status> status;
    std::size_t outstanding = 0;
  };

  std::vector<std::int64_t> ids_;
  std::vector<const OutboxRow*> rows_;
  std::shared_ptr<State> state_;
};

}  // namespace ecn::kafka::detail
