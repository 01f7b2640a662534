#pragma once

#include <span>

#include "domain/notification.hpp"

namespace ecn::notification::push {

// Where committed notifications go for live delivery (Redis pub/sub in production). Called after
// the database commit; it must never throw nor block a write for long: a lost live message is
// recovered by the subscriber's replay (ListNotificationsAfter).
class LivePublisher {
 public:
  virtual ~LivePublisher() = default;
  virtual void publish(std::span<const domain::Notification> notifications) noexcept = 0;
};

}  // namespace ecn::notification::push
