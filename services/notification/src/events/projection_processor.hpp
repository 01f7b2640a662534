#pragma once

#include <string>

#include "events/consumer_loop.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::notification::events {

// Keeps the subscribers and products projections: user-upserted records of `user_topic` and
// product-created records of `product_topic`, a whole batch in one transaction; a record that
// does not parse is a dead letter.
class ProjectionProcessor final : public BatchProcessor {
 public:
  ProjectionProcessor(pg::Pool& pool, std::string user_topic, std::string product_topic)
      : pool_(pool), user_topic_(std::move(user_topic)), product_topic_(std::move(product_topic)) {}

  std::vector<DeadLetter> process(std::span<const kafka::Message> batch,
                                  std::stop_token stop) override;

 private:
  pg::Pool& pool_;
  std::string user_topic_;
  std::string product_topic_;
};

}  // namespace ecn::notification::events
