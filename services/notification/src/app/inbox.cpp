#include "app/inbox.hpp"

#include <optional>

#include "ecn/core/cursor.hpp"
#include "ecn/pg/pool.hpp"
#include "push/live_publisher.hpp"
#include "storage/notification_store.hpp"

namespace ecn::notification::app {
namespace {

core::Result<std::optional<core::KeysetCursor>> optional_cursor(std::string_view text,
                                                                std::string_view field) {
  if (text.empty()) return std::optional<core::KeysetCursor>();
  auto cursor = core::decode_cursor(text, field);
  if (!cursor) return cursor.error();
  return std::optional<core::KeysetCursor>(*cursor);
}

// Pages are read with one row more than asked, which tells whether another page follows.
Page to_page(std::vector<domain::Notification> rows, int size) {
  Page page;
  page.has_next_page = rows.size() > static_cast<std::size_t>(size);
  if (page.has_next_page) rows.resize(static_cast<std::size_t>(size));
  if (!rows.empty()) page.end_cursor = cursor_of(rows.back());
  page.notifications = std::move(rows);
  return page;
}

}  // namespace

std::string cursor_of(const domain::Notification& notification) {
  return core::encode_cursor({.created_at_us = notification.created_at_us, .id = notification.id});
}

core::Result<domain::Notification> Inbox::post(const domain::PostInput& input) {
  auto valid = domain::validate_post(input);
  if (!valid) return valid.error();
  auto stored =
      pool_.transact([&](pqxx::work& tx) { return storage::insert_notifications(tx, {*valid}); });
  live_.publish(stored);
  return stored.front();
}

core::Result<Page> Inbox::list(std::string_view user_id, bool unread_only, std::int64_t first,
                               std::string_view after) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  auto size = core::page_size(first, "page.first");
  if (!size) return size.error();
  auto cursor = optional_cursor(after, "page.after");
  if (!cursor) return cursor.error();
  auto rows = pool_.transact([&](pqxx::work& tx) {
    return storage::list_newest_first(tx, *user, unread_only, *cursor, *size + 1);
  });
  return to_page(std::move(rows), *size);
}

core::Result<Page> Inbox::list_after(std::string_view user_id, std::string_view after,
                                     std::int64_t first) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  auto size = core::page_size(first, "first");
  if (!size) return size.error();
  auto cursor = optional_cursor(after, "after");
  if (!cursor) return cursor.error();
  auto rows = pool_.transact(
      [&](pqxx::work& tx) { return storage::list_oldest_after(tx, *user, *cursor, *size + 1); });
  return to_page(std::move(rows), *size);
}

core::Result<std::int64_t> Inbox::unread_count(std::string_view user_id) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  return pool_.transact([&](pqxx::work& tx) { return storage::unread_count(tx, *user); });
}

core::Result<domain::Notification> Inbox::mark_read(std::string_view user_id, std::string_view id) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  auto notification = domain::validate_uuid(id, "id");
  if (!notification) return notification.error();
  auto marked =
      pool_.transact([&](pqxx::work& tx) { return storage::mark_read(tx, *user, *notification); });
  // Someone else's notification reads exactly like a missing one: ids are not probeable.
  if (!marked) return core::Error{core::ErrorCode::kNotFound, "id: no such notification"};
  return *marked;
}

core::Result<std::int64_t> Inbox::mark_all_read(std::string_view user_id) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  return pool_.transact([&](pqxx::work& tx) { return storage::mark_all_read(tx, *user); });
}

}  // namespace ecn::notification::app
