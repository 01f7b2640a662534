#pragma once

#include "push/live_publisher.hpp"

namespace ecn::notification::push {

// Publishes nowhere: for tests of the database side and for running without live push.
class NullPublisher final : public LivePublisher {
 public:
  void publish(std::span<const domain::Notification>) noexcept override {}
};

}  // namespace ecn::notification::push
