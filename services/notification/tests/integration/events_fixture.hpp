#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ecn/kafka/message.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/ops/metrics.hpp"
#include "ecn/pg/pool.hpp"
#include "ecn/testing/temp_database.hpp"
#include "events/consumer_loop.hpp"
#include "events/order_update_processor.hpp"
#include "events/projection_processor.hpp"
#include "inbox_fixture.hpp"

namespace ecn::notification::testing {

// The service's two consumer loops in this process over a fresh database, reading topics of
// their own (unique names, so other tests' events never reach them) on the real Kafka; tests
// produce the events of BRIEF §1 to them with a real producer.
class EventsTest : public ::testing::Test {
 protected:
  EventsTest();
  ~EventsTest() override;

  // Starts both loops (tests may change user_wait_ first) with consumer group `group`.
  void start_loops(const std::string& group = "");
  void stop_loops();

  void produce(const std::string& topic, const std::string& key, const std::string& payload);
  static std::string user_event(const std::string& user_id, const std::string& name,
                                bool order_updates, bool promotions,
                                const std::vector<std::string>& categories,
                                const std::string& updated_at);
  static std::string product_event(const std::string& product_id, const std::string& category,
                                   const std::string& created_at);
  static std::string order_event(const std::string& event_id, const std::string& order_id,
                                 const std::string& user_id, const std::string& status);

  // Waits until the loops committed at least `records` records in total.
  bool await_committed(std::uint64_t records);
  // The first record of `topic` (read from the beginning by a fresh group) with that key.
  std::optional<kafka::Message> await_record(const std::string& topic, const std::string& key);

  std::int64_t scalar(const std::string& sql);

  ecn::testing::TempDatabase database_;
  std::unique_ptr<pg::Pool> pool_;
  std::string user_topic_;
  std::string product_topic_;
  std::string order_topic_;
  std::vector<std::string> all_topics_;
  std::unique_ptr<kafka::Producer> producer_;
  ops::MetricsRegistry metrics_;
  RecordingPublisher live_;
  // Patient by default: both loops start together, and on a loaded machine the projection loop
  // may join its group seconds after the order loop, so an order event must be able to wait
  // for its user. Tests of the dead-letter path set a short policy themselves.
  events::UserWaitPolicy user_wait_{.attempts = 60,
                                    .initial_backoff = std::chrono::milliseconds(50),
                                    .max_backoff = std::chrono::milliseconds(500)};
  std::optional<events::ProjectionProcessor> projections_;
  std::optional<events::OrderUpdateProcessor> order_updates_;
  std::optional<events::ConsumerLoop> projection_loop_;
  std::optional<events::ConsumerLoop> order_loop_;
};

}  // namespace ecn::notification::testing
