#include "cache/product_events_listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <exception>
#include <optional>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/consumer.hpp"

namespace ecn::gateway::cache {
namespace {

using namespace std::chrono_literals;

// A product-created event, by its type (the payload's other fields do not matter here).
std::optional<bool> is_product_created(const std::string& payload) {
  boost::system::error_code error;
  const auto value = boost::json::parse(payload, error);
  if (error || !value.is_object()) return std::nullopt;
  const auto* type = value.as_object().if_contains("type");
  if (type == nullptr || !type->is_string()) return std::nullopt;
  return type->get_string() == "product-created";
}

}  // namespace

ProductEventsListener::ProductEventsListener(ProductEventsSettings settings,
                                             std::function<void()> on_change,
                                             ops::MetricsRegistry& registry)
    : settings_(std::move(settings)),
      on_change_(std::move(on_change)),
      events_(registry.counter("gateway_product_events_total",
                               "product-created events seen by the cache invalidation listener.")),
      malformed_(registry.counter("gateway_product_events_malformed_total",
                                  "Records on the product events topic that were not JSON events "
                                  "with a type.")) {}

ProductEventsListener::~ProductEventsListener() {
  stop();
}

void ProductEventsListener::start() {
  if (settings_.brokers.empty()) {
    spdlog::warn("product events listener off (no KAFKA_BROKERS): cache entries live until TTL");
    return;
  }
  thread_ = std::thread([this] { run(); });
}

void ProductEventsListener::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ProductEventsListener::run() {
  auto backoff = 500ms;
  while (!stopping_) {
    try {
      kafka::Consumer consumer({.brokers = settings_.brokers,
                                .group_id = settings_.group_prefix + "-" + core::new_uuid_v7(),
                                .topics = {settings_.topic},
                                .client_id = "gateway",
                                .auto_offset_reset = "latest",
                                .session_timeout = 10s,
                                .config = {},
                                // Whatever is produced once "assigned" is logged is seen.
                                .start_at_end_on_assign = true});
      std::size_t assigned = 0;
      while (!stopping_) {
        const auto batch = consumer.poll_batch(256, 200ms);
        backoff = 500ms;
        const auto now_assigned = consumer.assignment().size();
        bool changed = now_assigned != assigned;
        if (changed && assigned == 0) {
          spdlog::info("product events listener assigned {} partition(s) of {}", now_assigned,
                       settings_.topic);
        }
        assigned = now_assigned;
        int created_events = 0;
        for (const auto& message : batch) {
          const auto created = is_product_created(message.payload);
          if (!created) {
            malformed_.inc();
          } else if (*created) {
            ++created_events;
          }
        }
        if (changed || created_events > 0) on_change_();
        // Counted once handled, so the counter moving means the invalidation is done.
        events_.inc(created_events);
      }
      consumer.close();
    } catch (const std::exception& error) {
      spdlog::error("product events listener: {}; retrying in {} ms", error.what(),
                    backoff.count());
      for (auto waited = 0ms; waited < backoff && !stopping_; waited += 100ms) {
        std::this_thread::sleep_for(100ms);
      }
      backoff = std::min(backoff * 2, std::chrono::milliseconds(10s));
    }
  }
}

}  // namespace ecn::gateway::cache
