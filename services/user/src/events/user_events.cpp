#include "events/user_events.hpp"

#include <boost/json.hpp>

#include "ecn/core/time.hpp"

namespace ecn::user::events {

kafka::TopicSpec user_events_topic(std::string_view name) {
  return kafka::TopicSpec{.name = std::string(name), .config = {{"cleanup.policy", "compact"}}};
}

std::string user_upserted_payload(const domain::User& user, std::string_view event_id,
                                  std::chrono::system_clock::time_point occurred_at) {
  boost::json::array categories;
  for (const auto& category : user.preferences.categories) categories.emplace_back(category);

  boost::json::object preferences;
  preferences["order_updates"] = user.preferences.order_updates;
  preferences["promotions"] = user.preferences.promotions;
  preferences["categories"] = std::move(categories);

  boost::json::object body;
  body["id"] = user.id;
  body["name"] = user.name;
  body["email"] = user.email;
  body["preferences"] = std::move(preferences);
  body["updated_at"] = core::to_rfc3339(user.updated_at);

  boost::json::object event;
  event["event_id"] = event_id;
  event["type"] = kUserUpsertedType;
  event["occurred_at"] = core::to_rfc3339(occurred_at);
  event["user"] = std::move(body);
  return boost::json::serialize(event);
}

}  // namespace ecn::user::events
