#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/notification.hpp"
#include "domain/validation.hpp"
#include "ecn/core/status.hpp"

namespace ecn::pg {
class Pool;
}
namespace ecn::notification::push {
class LivePublisher;
}

namespace ecn::notification::app {

// One page of an inbox listing.
struct Page {
  std::vector<domain::Notification> notifications;
  bool has_next_page = false;
  std::string end_cursor;  // of the last notification; "" for an empty page
};

// The opaque cursor of a notification.
std::string cursor_of(const domain::Notification& notification);

// The inbox use cases, one method per RPC, each one transaction. Expected failures come back as
// errors (INVALID_ARGUMENT naming the field, NOT_FOUND); database failures throw and are mapped
// at the gRPC edge. New notifications go to the live publisher after the commit. Thread-safe.
class Inbox {
 public:
  Inbox(pg::Pool& pool, push::LivePublisher& live) : pool_(pool), live_(live) {}

  core::Result<domain::Notification> post(const domain::PostInput& input);
  core::Result<Page> list(std::string_view user_id, bool unread_only, std::int64_t first,
                          std::string_view after);
  // Oldest first, strictly after the cursor ("" = from the beginning): subscription replay.
  core::Result<Page> list_after(std::string_view user_id, std::string_view after,
                                std::int64_t first);
  core::Result<std::int64_t> unread_count(std::string_view user_id);
  core::Result<domain::Notification> mark_read(std::string_view user_id, std::string_view id);
  core::Result<std::int64_t> mark_all_read(std::string_view user_id);

 private:
  pg::Pool& pool_;
  push::LivePublisher& live_;
};

}  // namespace ecn::notification::app
