#include "events_fixture.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/dead_letter.hpp"
#include "ecn/pg/migrator.hpp"
#include "ecn/testing/environment.hpp"
#include "storage/schema.hpp"

namespace ecn::notification::testing {
namespace {

using namespace std::chrono_literals;

}  // namespace

EventsTest::EventsTest()
    : user_topic_(ecn::testing::unique_name("user_events")),
      product_topic_(ecn::testing::unique_name("product_events")),
      order_topic_(ecn::testing::unique_name("order_status")) {
  pg::Migrator(database_.url(), storage::migrations()).up();
  pool_ = std::make_unique<pg::Pool>(pg::PoolOptions{.url = database_.url(), .max_size = 4});
  std::vector<kafka::TopicSpec> specs;
  for (const auto& topic : {user_topic_, product_topic_, order_topic_}) {
    specs.push_back({.name = topic, .partitions = 3});
    specs.push_back({.name = kafka::dead_letter_topic(topic), .partitions = 1});
    all_topics_.push_back(topic);
    all_topics_.push_back(kafka::dead_letter_topic(topic));
  }
  kafka::ensure_topics(ecn::testing::kafka_brokers(), specs);
  producer_ = std::make_unique<kafka::Producer>(
      kafka::ProducerOptions{.brokers = ecn::testing::kafka_brokers(), .client_id = "notif-test"});
}

EventsTest::~EventsTest() {
  stop_loops();
  producer_.reset();
  try {
    kafka::delete_topics(ecn::testing::kafka_brokers(), all_topics_);
  } catch (const std::exception&) {
    // Leftover topics of a test are harmless: their names are never reused.
  }
}

void EventsTest::start_loops(const std::string& group) {
  const auto group_id = group.empty() ? ecn::testing::unique_name("notif_group") : group;
  projections_.emplace(*pool_, user_topic_, product_topic_);
  order_updates_.emplace(*pool_, live_, user_wait_);
  const auto options = [&](std::string name, std::vector<std::string> topics) {
    std::string loop_group_id = events::loop_group(group_id, name);
    return events::ConsumerLoopOptions{.name = std::move(name),
                                       .consumer = {.brokers = ecn::testing::kafka_brokers(),
                                                    .group_id = std::move(loop_group_id),
                                                    .topics = std::move(topics),
                                                    .session_timeout = 10s},
                                       .batch_size = 500,
                                       .poll_timeout = 100ms};
  };
  projection_loop_.emplace(options("projections", {user_topic_, product_topic_}), *projections_,
                           *producer_, metrics_);
  order_loop_.emplace(options("order-updates", {order_topic_}), *order_updates_, *producer_,
                      metrics_);
  projection_loop_->start();
  order_loop_->start();
}

void EventsTest::stop_loops() {
  if (order_loop_) order_loop_->stop();
  if (projection_loop_) projection_loop_->stop();
  order_loop_.reset();
  projection_loop_.reset();
}

void EventsTest::produce(const std::string& topic, const std::string& key,
                         const std::string& payload) {
  const auto report = producer_->produce_sync(topic, key, payload);
  ASSERT_TRUE(report.ok()) << report.error;
}

std::string EventsTest::user_event(const std::string& user_id, const std::string& name,
                                   bool order_updates, bool promotions,
                                   const std::vector<std::string>& categories,
                                   const std::string& updated_at) {
  boost::json::array list;
  for (const auto& c : categories) list.emplace_back(c);
  return boost::json::serialize(boost::json::object{
      {"event_id", core::new_uuid_v4()},
      {"type", "user-upserted"},
      {"occurred_at", updated_at},
      {"user",
       {{"id", user_id},
        {"name", name},
        {"email", name + "@example.com"},
        {"preferences",
         {{"order_updates", order_updates}, {"promotions", promotions}, {"categories", list}}},
        {"updated_at", updated_at}}}});
}

std::string EventsTest::product_event(const std::string& product_id, const std::string& category,
                                      const std::string& created_at) {
  return boost::json::serialize(
      boost::json::object{{"event_id", core::new_uuid_v4()},
                          {"type", "product-created"},
                          {"occurred_at", created_at},
                          {"product",
                           {{"id", product_id},
                            {"name", "Product " + category},
                            {"category", category},
                            {"price", {{"amount", "19.99"}, {"currency_code", "EUR"}}},
                            {"created_at", created_at}}}});
}

std::string EventsTest::order_event(const std::string& event_id, const std::string& order_id,
                                    const std::string& user_id, const std::string& status) {
  return boost::json::serialize(
      boost::json::object{{"event_id", event_id},
                          {"order_id", order_id},
                          {"user_id", user_id},
                          {"old_status", "CONFIRMED"},
                          {"new_status", status},
                          {"occurred_at", "2026-11-26T04:00:00.123Z"},
                          {"total", {{"amount", "19.99"}, {"currency_code", "EUR"}}}});
}

bool EventsTest::await_committed(std::uint64_t records) {
  return ecn::testing::wait_until(
      [&] {
        std::uint64_t total = 0;
        if (projection_loop_) total += projection_loop_->committed();
        if (order_loop_) total += order_loop_->committed();
        return total >= records;
      },
      30s);
}

std::optional<kafka::Message> EventsTest::await_record(const std::string& topic,
                                                       const std::string& key) {
  kafka::Consumer consumer({.brokers = ecn::testing::kafka_brokers(),
                            .group_id = ecn::testing::unique_name("notif_reader"),
                            .topics = {topic}});
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    for (auto& message : consumer.poll_batch(100, 200ms)) {
      if (message.key == key) return message;
    }
  }
  return std::nullopt;
}

std::int64_t EventsTest::scalar(const std::string& sql) {
  pqxx::connection connection(database_.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<std::int64_t>();
}

}  // namespace ecn::notification::testing
