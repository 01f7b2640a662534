// user-upserted events on the real Kafka: published through the outbox by a relay, read back
// by a fresh consumer group from the beginning of the shared user-events topic.
#include <grpcpp/grpcpp.h>

#include <boost/json.hpp>
#include <set>

#include "ecn/core/time.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/kafka/admin.hpp"
#include "ecn/kafka/consumer.hpp"
#include "ecn/kafka/outbox_relay.hpp"
#include "ecn/kafka/producer.hpp"
#include "ecn/testing/environment.hpp"
#include "events/user_events.hpp"
#include "user_fixture.hpp"

namespace ecn::user::testing {
namespace {

using namespace std::chrono_literals;

class UserEventsTest : public UserServiceTest {
 protected:
  UserEventsTest() {
    const std::vector<kafka::TopicSpec> topics{events::user_events_topic()};
    kafka::ensure_topics(ecn::testing::kafka_brokers(), topics);
    producer_ = std::make_unique<kafka::Producer>(kafka::ProducerOptions{
        .brokers = ecn::testing::kafka_brokers(), .client_id = "user-itest"});
    relay_ = std::make_unique<kafka::OutboxRelay>(*pool_, *producer_);
    relay_->start();
  }
  ~UserEventsTest() override { relay_->stop(); }

  // The records of `key` on user-events, in order, read until `last` accepts one (then that
  // one is the final element) or 60 s pass.
  std::vector<kafka::Message> read_events_until(
      const std::string& key, const std::function<bool(const boost::json::value&)>& last) {
    kafka::Consumer consumer({.brokers = ecn::testing::kafka_brokers(),
                              .group_id = ecn::testing::unique_name("user_events_itest"),
                              .topics = {std::string(events::kUserEventsTopic)}});
    std::vector<kafka::Message> found;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& message : consumer.poll_batch(500, 500ms)) {
        if (message.key != key) continue;
        found.push_back(std::move(message));
        if (last(boost::json::parse(found.back().payload))) return found;
      }
    }
    ADD_FAILURE() << "the awaited event of " << key << " never came; got " << found.size();
    return found;
  }

  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::OutboxRelay> relay_;
};

std::string rfc3339(const google::protobuf::Timestamp& timestamp) {
  const auto time = std::chrono::system_clock::time_point(
      std::chrono::seconds(timestamp.seconds()) +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(timestamp.nanos())));
  return core::to_rfc3339(time);
}

// The event the brief specifies for `user`, with the event id the record carries.
boost::json::value expected_event(const pb::User& user, const boost::json::value& actual) {
  boost::json::array categories;
  for (const auto& category : user.preferences().categories()) categories.emplace_back(category);
  return boost::json::object{
      {"event_id", actual.at("event_id")},
      {"type", "user-upserted"},
      {"occurred_at", rfc3339(user.updated_at())},
      {"user", boost::json::object{
                   {"id", user.id()},
                   {"name", user.name()},
                   {"email", user.email()},
                   {"preferences",
                    boost::json::object{{"order_updates", user.preferences().order_updates()},
                                        {"promotions", user.preferences().promotions()},
                                        {"categories", std::move(categories)}}},
                   {"updated_at", rfc3339(user.updated_at())}}}};
}

TEST_F(UserEventsTest, RegisterAndEachRealPreferenceChangePublishOneExactEvent) {
  pb::AuthResponse session;
  ASSERT_TRUE(register_user("Ada Lovelace", "Ada@Example.com", "correct horse", &session).ok());
  const auto& registered_user = session.user();

  pb::PreferencesPatch first_change;
  first_change.set_promotions(false);
  first_change.mutable_categories()->add_values("Garden");
  first_change.mutable_categories()->add_values("books");
  pb::User after_first;
  ASSERT_TRUE(update_preferences(registered_user.id(), first_change, &after_first).ok());

  // Changes nothing: must publish nothing. Were it to, its record would come before the
  // next change's, since one key's records keep their order.
  pb::PreferencesPatch no_op;
  no_op.set_promotions(false);
  pb::User unchanged;
  ASSERT_TRUE(update_preferences(registered_user.id(), no_op, &unchanged).ok());

  pb::PreferencesPatch second_change;
  second_change.set_order_updates(false);
  pb::User after_second;
  ASSERT_TRUE(update_preferences(registered_user.id(), second_change, &after_second).ok());

  const auto records = read_events_until(registered_user.id(), [](const boost::json::value& v) {
    return !v.at("user").at("preferences").at("order_updates").as_bool();
  });
  ASSERT_EQ(records.size(), 3u);
  const std::vector<pb::User> states{registered_user, after_first, after_second};
  std::set<std::string> event_ids;
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].topic, "user-events");
    EXPECT_EQ(records[i].key, registered_user.id());
    const auto actual = boost::json::parse(records[i].payload);
    ASSERT_TRUE(actual.at("event_id").is_string());
    const std::string event_id(actual.at("event_id").as_string());
    EXPECT_TRUE(core::is_uuid(event_id)) << event_id;
    event_ids.insert(event_id);
    EXPECT_EQ(actual, expected_event(states[i], actual)) << records[i].payload;
    EXPECT_EQ(records[i].payload.find("password"), std::string::npos);
    EXPECT_EQ(records[i].payload.find("argon2"), std::string::npos);
  }
  EXPECT_EQ(event_ids.size(), 3u) << "each event has an id of its own";
  EXPECT_EQ(after_second.preferences().categories_size(), 2);
  EXPECT_NE(records[1].payload.find(R"("categories":["books","garden"])"), std::string::npos)
      << records[1].payload;
}

TEST_F(UserEventsTest, TheTopicIsCompacted) {
  const auto config = kafka::describe_topic_config(ecn::testing::kafka_brokers(),
                                                   std::string(events::kUserEventsTopic));
  EXPECT_EQ(config.at("cleanup.policy"), "compact");
}

}  // namespace
}  // namespace ecn::user::testing
