// The user-upserted event: exactly the brief's schema, and nothing private.
#include "events/user_events.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "ecn/core/time.hpp"

namespace {

using namespace ecn::user;

domain::User sample_user() {
  return domain::User{
      .id = "0190a5f0-7e5b-7cc1-8a3e-0123456789ab",
      .name = "Ada \"the Countess\" Lovelace",
      .email = "ada@example.com",
      .preferences = {.order_updates = true, .promotions = false, .categories = {"books", "toys"}},
      .created_at = *ecn::core::parse_rfc3339("2027-01-15T08:00:00.000Z"),
      .updated_at = *ecn::core::parse_rfc3339("2027-01-15T08:30:00.123456Z")};
}

TEST(UserUpsertedPayload, IsTheBriefsSchemaInItsFieldOrder) {
  const auto user = sample_user();
  const auto payload =
      events::user_upserted_payload(user, "0190a5f0-aaaa-7ccc-8aaa-000000000001", user.updated_at);
  EXPECT_EQ(payload, R"({"event_id":"0190a5f0-aaaa-7ccc-8aaa-000000000001","type":"user-upserted",)"
                     R"("occurred_at":"2027-01-15T08:30:00.123Z","user":{)"
                     R"("id":"0190a5f0-7e5b-7cc1-8a3e-0123456789ab",)"
                     R"("name":"Ada \"the Countess\" Lovelace","email":"ada@example.com",)"
                     R"("preferences":{"order_updates":true,"promotions":false,)"
                     R"("categories":["books","toys"]},"updated_at":"2027-01-15T08:30:00.123Z"}})");
}

TEST(UserUpsertedPayload, EveryCategoryMeansAnEmptyArray) {
  auto user = sample_user();
  user.preferences.categories.clear();
  const auto payload =
      boost::json::parse(events::user_upserted_payload(user, "e", user.updated_at));
  const auto& categories = payload.at("user").at("preferences").at("categories");
  ASSERT_TRUE(categories.is_array());
  EXPECT_TRUE(categories.as_array().empty());
}

TEST(UserUpsertedPayload, CarriesOnlyPublicFields) {
  const auto payload =
      boost::json::parse(events::user_upserted_payload(sample_user(), "e", {})).as_object();
  EXPECT_EQ(payload.size(), 4u);
  const auto& user = payload.at("user").as_object();
  std::vector<std::string> keys;
  for (const auto& field : user) keys.emplace_back(field.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "name", "email", "preferences", "updated_at"}));
}

TEST(UserEventsTopic, IsCompacted) {
  const auto topic = events::user_events_topic();
  EXPECT_EQ(topic.name, "user-events");
  EXPECT_EQ(topic.config.at("cleanup.policy"), "compact");
}

}  // namespace
