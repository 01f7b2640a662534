#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "domain/cron.hpp"
#include "ecn/core/config.hpp"
#include "events/order_update_processor.hpp"

namespace ecn::notification {

// The settings only notification-service has (the common ones are the service runtime's).
struct NotificationSettings {
  std::string consumer_group = "notification-service";
  // Topic names: the brief's by default; tests and staging may point at others (which must
  // exist: only the default names are created at start).
  std::string user_events_topic = "user-events";
  std::string product_events_topic = "product-events";
  std::string order_events_topic = "order-status-updated";
  std::int64_t consumer_batch_size = 2000;
  std::int64_t order_consumers = 2;
  // How long the group waits for a silent consumer (a killed replica) before giving its
  // partitions to the others: a restarted replica gets its partitions back after it.
  std::chrono::milliseconds consumer_session_timeout{45000};
  std::string redis_url = "redis://127.0.0.1:6379";
  events::UserWaitPolicy user_wait;
  std::int64_t campaign_batch_size = 5000;
  // How long order events' idempotency rows are kept (PROCESSED_EVENTS_RETENTION).
  std::chrono::seconds processed_events_retention = std::chrono::hours(24 * 7);
  // When the promotion scheduler runs (PROMOTION_CRON, UTC).
  domain::CronSchedule promotion_schedule = *domain::CronSchedule::parse("0 * * * *");
};

// Declares the settings above on the reader (so --help lists them, and a bad value stops the
// start with exit 2 naming the variable) and returns their values.
NotificationSettings declare_notification_settings(core::ConfigReader& reader);

}  // namespace ecn::notification
