#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/user.hpp"
#include "ecn/kafka/admin.hpp"

// The one topic user-service publishes, and the schema of its events.
namespace ecn::user::events {

inline constexpr std::string_view kUserEventsTopic = "user-events";  // USER_EVENTS_TOPIC's default
inline constexpr std::string_view kUserUpsertedType = "user-upserted";

// The user events topic, compacted: readers want each user's latest state, keyed by user id.
kafka::TopicSpec user_events_topic(std::string_view name = kUserEventsTopic);

// {event_id, type: "user-upserted", occurred_at, user: {id, name, email,
//  preferences: {order_updates, promotions, categories[]}, updated_at}} as compact JSON, in
// that field order; timestamps RFC 3339 UTC with milliseconds. Nothing else about the user
// (never a password hash) goes on the wire.
std::string user_upserted_payload(const domain::User& user, std::string_view event_id,
                                  std::chrono::system_clock::time_point occurred_at);

}  // namespace ecn::user::events
