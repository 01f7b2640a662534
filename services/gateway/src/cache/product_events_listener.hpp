#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "ecn/ops/metrics.hpp"

namespace ecn::gateway::cache {

// Where product-created events come from (KAFKA_BROKERS, PRODUCT_EVENTS_TOPIC).
struct ProductEventsSettings {
  std::string brokers;  // empty: no listener
  std::string topic = "product-events";
  std::string group_prefix = "gateway-cache";  // + a UUID: one group per replica
};

// Tells this replica about products added anywhere (another gateway replica, a script calling
// product-service): a Kafka consumer in a group of its own, starting at the end of the topic,
// on a thread of its own. `on_change` runs (on that thread) for each batch holding a
// product-created event, and whenever the partition assignment changes, since records may
// have been missed while none was held. Offsets are never committed: a new replica has nothing
// to catch up on, because the cache is shared and other replicas invalidated it. Logs
// "product events listener assigned" when it first holds partitions.
class ProductEventsListener {
 public:
  ProductEventsListener(ProductEventsSettings settings, std::function<void()> on_change,
                        ops::MetricsRegistry& registry);
  ~ProductEventsListener();  // stop()
  ProductEventsListener(const ProductEventsListener&) = delete;
  ProductEventsListener& operator=(const ProductEventsListener&) = delete;

  void start();
  // Leaves the group and joins the thread. Idempotent.
  void stop();

 private:
  void run();

  ProductEventsSettings settings_;
  std::function<void()> on_change_;
  ops::Counter& events_;
  ops::Counter& malformed_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ecn::gateway::cache
