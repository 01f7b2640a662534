// notification-service: wiring only. The life of the binary is ecn::service::run_service's.
#include <deque>
#include <optional>
#include <string>

#include "api/notification_grpc_service.hpp"
#include "app/campaigns.hpp"
#include "app/inbox.hpp"
#include "app/processed_events_purge.hpp"
#include "app/promotion_scheduler.hpp"
#include "ecn/kafka/dead_letter.hpp"
#include "ecn/rpc/server.hpp"
#include "ecn/service/service.hpp"
#include "events/consumer_loop.hpp"
#include "events/event_payloads.hpp"
#include "events/order_update_processor.hpp"
#include "events/projection_processor.hpp"
#include "push/redis_publisher.hpp"
#include "settings.hpp"
#include "storage/schema.hpp"

namespace {

using namespace ecn;
namespace events = notification::events;

// The topics the settings name (each service creates what it reads or writes, whichever starts
// first), and their dead-letter topics.
std::vector<kafka::TopicSpec> consumed_topics(const notification::NotificationSettings& settings) {
  std::vector<kafka::TopicSpec> topics = {
      {.name = settings.user_events_topic, .config = {{"cleanup.policy", "compact"}}},
      {.name = settings.product_events_topic},
      {.name = settings.order_events_topic}};
  for (std::size_t i = 0, n = topics.size(); i < n; ++i) {
    topics.push_back({.name = kafka::dead_letter_topic(topics[i].name)});
  }
  return topics;
}

class NotificationModule final : public service::ServiceModule {
 public:
  void declare_settings(core::ConfigReader& reader) override {
    settings_ = notification::declare_notification_settings(reader);
  }

  void start(service::Runtime& runtime) override {
    notification::app::check_retention_covers_topic(runtime.settings.kafka_brokers,
                                                    settings_.order_events_topic,
                                                    settings_.processed_events_retention);
    live_.emplace(notification::push::RedisPublisherOptions{.url = settings_.redis_url},
                  runtime.metrics);
    inbox_.emplace(runtime.pool, *live_);
    campaigns_.emplace(
        runtime.pool, *live_,
        notification::app::CampaignOptions{.batch_size = settings_.campaign_batch_size});
    campaigns_->resume_unfinished();
    campaigns_->start();
    scheduler_.emplace(runtime.pool, *campaigns_, settings_.promotion_schedule);
    scheduler_->start();
    grpc_.emplace(*inbox_, *campaigns_, runtime.work);
    runtime.rpc.add_service(*grpc_);

    projections_.emplace(runtime.pool, settings_.user_events_topic, settings_.product_events_topic);
    order_updates_.emplace(runtime.pool, *live_, settings_.user_wait);
    projection_loop_.emplace(
        loop_options("projections", {settings_.user_events_topic, settings_.product_events_topic},
                     runtime),
        *projections_, runtime.producer, runtime.metrics);
    // Members of one group share the topic's partitions: each has a batch and a transaction in
    // flight, so the database works on several at once (bench/pipeline on 2 cores: ~32k
    // events/s with one, 48-52k with two or three).
    for (std::int64_t i = 1; i <= settings_.order_consumers; ++i) {
      // One name: the members' records add up and their lags sum in /metrics.
      order_loops_.emplace_back(
          loop_options("order-updates", {settings_.order_events_topic}, runtime), *order_updates_,
          runtime.producer, runtime.metrics);
    }
    projection_loop_->start();
    for (auto& loop : order_loops_) loop.start();
    purge_.emplace(
        runtime.pool,
        notification::app::PurgeOptions{.retention = settings_.processed_events_retention},
        runtime.metrics);
    purge_->start();
  }

  void stop() override {
    if (purge_) purge_->stop();
    for (auto& loop : order_loops_) loop.stop();
    if (projection_loop_) projection_loop_->stop();
    if (scheduler_) scheduler_->stop();
    if (campaigns_) campaigns_->stop();
  }

  std::vector<kafka::TopicSpec> topics() const override { return consumed_topics(settings_); }

 private:
  events::ConsumerLoopOptions loop_options(std::string name, std::vector<std::string> topics,
                                           const service::Runtime& runtime) const {
    std::string group = events::loop_group(settings_.consumer_group, name);
    return {.name = std::move(name),
            .consumer = {.brokers = runtime.settings.kafka_brokers,
                         .group_id = std::move(group),
                         .topics = std::move(topics),
                         .client_id = "notification-service",
                         .session_timeout = settings_.consumer_session_timeout},
            .batch_size = static_cast<std::size_t>(settings_.consumer_batch_size)};
  }

  notification::NotificationSettings settings_;
  std::optional<notification::push::RedisPublisher> live_;
  std::optional<notification::app::Inbox> inbox_;
  std::optional<notification::app::Campaigns> campaigns_;
  std::optional<notification::app::PromotionScheduler> scheduler_;
  std::optional<notification::api::NotificationGrpcService> grpc_;
  std::optional<events::ProjectionProcessor> projections_;
  std::optional<events::OrderUpdateProcessor> order_updates_;
  std::optional<events::ConsumerLoop> projection_loop_;
  std::deque<events::ConsumerLoop> order_loops_;  // a deque: loops never move once started
  std::optional<notification::app::ProcessedEventsPurge> purge_;
};

}  // namespace

int main(int argc, char** argv) {
  NotificationModule module;
  return service::run_service(argc, argv,
                              {.name = "notification-service",
                               .description = "inbox, order updates, promotions, live push",
                               .default_grpc_port = 50054,
                               .default_ops_port = 9104,
                               .default_database = "notifications",
                               .migrations = notification::storage::migrations(),
                               .outbox_relay = false},
                              module);
}
