#include "settings.hpp"

#include "domain/retention.hpp"
#include "ecn/service/service.hpp"
#include "events/event_payloads.hpp"

namespace ecn::notification {

NotificationSettings declare_notification_settings(core::ConfigReader& reader) {
  NotificationSettings settings;
  settings.redis_url = reader.string("REDIS_URL", "redis://127.0.0.1:6379",
                                     "Redis for live push (pub/sub), redis://host:port");
  if (settings.redis_url.rfind("redis://", 0) != 0) {
    reader.reject("REDIS_URL", "expected redis://host:port");
  }
  settings.consumer_group = reader.string(
      "CONSUMER_GROUP", "notification-service",
      "prefix of the Kafka consumer groups: <prefix>.projections, <prefix>.order-updates");
  settings.user_events_topic =
      service::declare_topic_setting(reader, "USER_EVENTS_TOPIC", events::kUserEventsTopic,
                                     "topic of user-upserted events (user-service writes it)");
  settings.product_events_topic =
      service::declare_topic_setting(reader, "PRODUCT_EVENTS_TOPIC", events::kProductEventsTopic,
                                     "topic of product-created events (product-service writes it)");
  settings.order_events_topic = service::declare_topic_setting(
      reader, "ORDER_EVENTS_TOPIC", events::kOrderStatusTopic,
      "topic of order-status-updated events (order-service writes it)");
  settings.consumer_batch_size = reader.integer(
      "CONSUMER_BATCH_SIZE", 2000, 1, 100'000, "records per batch (one database transaction each)");
  settings.order_consumers = reader.integer(
      "ORDER_CONSUMERS", 2, 1, 16,
      "members of the order-updates consumer group in this process: each has its own batch "
      "and database transaction in flight (only as many as the topic's partitions get work)");
  settings.consumer_session_timeout =
      reader.duration_ms("CONSUMER_SESSION_TIMEOUT", std::chrono::seconds(45),
                         "how long the consumer group waits for a silent (killed) member before "
                         "giving its partitions to others; 6s-30m (the broker's bounds)");
  if (settings.consumer_session_timeout < std::chrono::seconds(6) ||
      settings.consumer_session_timeout > std::chrono::minutes(30)) {
    reader.reject("CONSUMER_SESSION_TIMEOUT", "must be between 6s and 30m");
  }
  settings.user_wait.attempts = static_cast<int>(
      reader.integer("ORDER_USER_WAIT_ATTEMPTS", 5, 0, 100,
                     "retries of an order event whose user is not known yet, before the DLQ"));
  settings.user_wait.initial_backoff =
      reader.duration_ms("ORDER_USER_WAIT_BACKOFF", std::chrono::milliseconds(200),
                         "first wait before such a retry (doubles each time, at most 5 s)");
  settings.campaign_batch_size = reader.integer("CAMPAIGN_BATCH_SIZE", 5000, 1, 100'000,
                                                "recipients per campaign fan-out transaction");
  const std::string retention = reader.string(
      "PROCESSED_EVENTS_RETENTION", "7d",
      "how long an order event's idempotency row is kept (then purged in batches): 1h-3650d as "
      "<n>d, <n>h, <n>m; at least the order topic's retention.ms (checked at start)");
  if (auto parsed = domain::parse_retention(retention)) {
    settings.processed_events_retention = *parsed;
  } else {
    reader.reject("PROCESSED_EVENTS_RETENTION", parsed.error().message);
  }
  const std::string cron =
      reader.string("PROMOTION_CRON", "0 * * * *",
                    "when the promotion scheduler runs: 5-field cron expression, UTC");
  if (auto schedule = domain::CronSchedule::parse(cron)) {
    settings.promotion_schedule = *schedule;
  } else {
    reader.reject("PROMOTION_CRON", schedule.error().message);
  }
  return settings;
}

}  // namespace ecn::notification
