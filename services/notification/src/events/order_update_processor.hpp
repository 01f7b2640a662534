#pragma once

#include <chrono>

#include "events/consumer_loop.hpp"

namespace ecn::pg {
class Pool;
}
namespace ecn::notification::push {
class LivePublisher;
}

namespace ecn::notification::events {

// How long an order event waits for its user to reach the projection.
struct UserWaitPolicy {
  int attempts = 5;  // re-tries after the first try
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
};

// order-status-updated → ORDER_UPDATE notifications. Each attempt is one transaction over the
// events still pending; events whose user is not in the projection yet are tried again with
// exponential backoff (the user-upserted event may still be on its way through the other
// consumer) and become dead letters when the policy is exhausted. Unparsable records are dead
// letters at once. New notifications go to live push after each commit.
class OrderUpdateProcessor final : public BatchProcessor {
 public:
  OrderUpdateProcessor(pg::Pool& pool, push::LivePublisher& live, UserWaitPolicy policy)
      : pool_(pool), live_(live), policy_(policy) {}

  std::vector<DeadLetter> process(std::span<const kafka::Message> batch,
                                  std::stop_token stop) override;

 private:
  pg::Pool& pool_;
  push::LivePublisher& live_;
  UserWaitPolicy policy_;
};

}  // namespace ecn::notification::events
