#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ecn::notification::domain {

// What a notification is about; the values are the proto's NotificationType numbers.
enum class NotificationType : std::int16_t { kOrderUpdate = 1, kPromotion = 2, kSystem = 3 };

// A notification about to be stored: validated, user id canonical, data a JSON object text.
struct NewNotification {
  std::string user_id;
  NotificationType type = NotificationType::kSystem;
  std::string title;
  std::string body;
  std::string data_json = "{}";
};

// A stored notification as the inbox shows it.
struct Notification {
  std::string id;  // UUIDv7
  std::string user_id;
  NotificationType type = NotificationType::kSystem;
  std::string title;
  std::string body;
  std::string data_json;
  // Microseconds since the epoch, PostgreSQL's precision (the inserting transaction's start).
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> read_at_us;
  // Position in its user's inbox, in commit order (1, 2, ...): what cursors and listings use.
  std::int64_t seq = 0;
  bool read() const { return read_at_us.has_value(); }
};

}  // namespace ecn::notification::domain
