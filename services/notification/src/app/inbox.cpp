#include "app/inbox.hpp"

#include <optional>

#include "domain/inbox_cursor.hpp"
#include "ecn/core/cursor.hpp"
#include "ecn/pg/pool.hpp"
#include "push/live_publisher.hpp"
#include "storage/notification_store.hpp"

namespace ecn::notification::app {
namespace {

// The listing's position from the request's cursor ("" = none), decoded before any database
// work so a bad cursor costs nothing.
core::Result<std::optional<domain::InboxPosition>> optional_position(std::string_view text,
                                                                     std::string_view field) {
  if (text.empty()) return std::optional<domain::InboxPosition>();
  auto position = domain::decode_inbox_cursor(text, field);
  if (!position) return position.error();
  return std::optional<domain::InboxPosition>(*position);
}

// The number a position stands for, inside the listing's transaction; nullopt for a former
// cursor whose notification the user does not have.
std::optional<std::int64_t> sequence_at(pqxx::transaction_base& tx, std::string_view user_id,
                                        const domain::InboxPosition& position) {
  if (position.legacy_id.empty()) return position.seq;
  return storage::sequence_of(tx, user_id, position.legacy_id);
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
  return domain::encode_inbox_cursor(notification.seq);
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
  auto position = optional_position(after, "page.after");
  if (!position) return position.error();
  auto rows =
      pool_.transact([&](pqxx::work& tx) -> std::optional<std::vector<domain::Notification>> {
        std::optional<std::int64_t> before;
        if (*position) {
          before = sequence_at(tx, *user, **position);
          if (!before) return std::nullopt;
        }
        return storage::list_newest_first(tx, *user, unread_only, before, *size + 1);
      });
  if (!rows) return domain::bad_inbox_cursor("page.after");
  return to_page(std::move(*rows), *size);
}

core::Result<Page> Inbox::list_after(std::string_view user_id, std::string_view after,
                                     std::int64_t first) {
  auto user = domain::validate_uuid(user_id, "user_id");
  if (!user) return user.error();
  auto size = core::page_size(first, "first");
  if (!size) return size.error();
  auto position = optional_position(after, "after");
  if (!position) return position.error();
  auto rows =
      pool_.transact([&](pqxx::work& tx) -> std::optional<std::vector<domain::Notification>> {
        const auto after_seq =
            *position ? sequence_at(tx, *user, **position) : std::optional<std::int64_t>(0);
        if (!after_seq) return std::nullopt;
        return storage::list_oldest_after(tx, *user, *after_seq, *size + 1);
      });
  if (!rows) return domain::bad_inbox_cursor("after");
  return to_page(std::move(*rows), *size);
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
