#pragma once

#include <string>

#include "domain/notification.hpp"

namespace ecn::notification::push {

// A notification as live subscribers receive it on `notifications:user:<user_id>`: the fields
// of the gRPC Notification, with `type` as its enum name, `data` as an object, times RFC 3339.
std::string notification_json(const domain::Notification& notification);

// "notifications:user:<user_id>".
std::string user_channel(const std::string& user_id);

}  // namespace ecn::notification::push
