#include "push/notification_json.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "app/inbox.hpp"
#include "ecn/core/time.hpp"

namespace ecn::notification::push {
namespace {

std::string rfc3339(std::int64_t micros) {
  return core::to_rfc3339(std::chrono::system_clock::time_point(std::chrono::microseconds(micros)));
}

const char* type_name(domain::NotificationType type) {
  switch (type) {
    case domain::NotificationType::kOrderUpdate:
      return "ORDER_UPDATE";
    case domain::NotificationType::kPromotion:
      return "PROMOTION";
    case domain::NotificationType::kSystem:
      return "SYSTEM";
  }
  return "SYSTEM";
}

}  // namespace

std::string notification_json(const domain::Notification& notification) {
  boost::json::object out;
  out["id"] = notification.id;
  out["user_id"] = notification.user_id;
  out["type"] = type_name(notification.type);
  out["title"] = notification.title;
  out["body"] = notification.body;
  boost::system::error_code error;
  auto data = boost::json::parse(notification.data_json, error);
  out["data"] = error ? boost::json::value(boost::json::object()) : std::move(data);
  out["read"] = notification.read();
  out["created_at"] = rfc3339(notification.created_at_us);
  out["read_at"] = notification.read_at_us ? boost::json::value(rfc3339(*notification.read_at_us))
                                           : boost::json::value(nullptr);
  out["cursor"] = app::cursor_of(notification);
  return boost::json::serialize(out);
}

std::string user_channel(const std::string& user_id) {
  return "notifications:user:" + user_id;
}

}  // namespace ecn::notification::push
