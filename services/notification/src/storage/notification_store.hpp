#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/notification.hpp"

namespace pqxx {
class transaction_base;
class row;
}  // namespace pqxx

// The notifications table and the per-user unread counters, run inside the caller's
// transaction. Every statement that changes how many notifications are unread changes the
// counter in the same statement, so the two never drift.
namespace ecn::notification::storage {

// The columns every notification query returns (table alias n), in row_to_notification's order.
// A function, not a global, so other files' statement constants may use it at static init.
const std::string& notification_columns();
domain::Notification row_to_notification(const pqxx::row& row);

// Inserts the notifications with fresh UUIDv7 ids in one statement, numbers them in their
// users' sequences (input order) and adds them to their users' unread counters; returns the
// stored rows in input order.
std::vector<domain::Notification> insert_notifications(
    pqxx::transaction_base& tx, const std::vector<domain::NewNotification>& notifications);

// One page of a user's inbox, newest first (descending per-user number, i.e. latest commit
// first), only rows numbered below `before_seq` when given; up to `limit` rows.
std::vector<domain::Notification> list_newest_first(pqxx::transaction_base& tx,
                                                    std::string_view user_id, bool unread_only,
                                                    std::optional<std::int64_t> before_seq,
                                                    int limit);

// A user's notifications numbered above `after_seq` (0: all), oldest first, that is in the
// order they were committed; up to `limit`.
std::vector<domain::Notification> list_oldest_after(pqxx::transaction_base& tx,
                                                    std::string_view user_id,
                                                    std::int64_t after_seq, int limit);

// The number of the user's notification `id`; nullopt when the user has none with that id.
std::optional<std::int64_t> sequence_of(pqxx::transaction_base& tx, std::string_view user_id,
                                        std::string_view id);

// The counter: one primary-key lookup, 0 for a user never notified.
std::int64_t unread_count(pqxx::transaction_base& tx, std::string_view user_id);

// Marks the user's notification read (keeping an earlier read_at) and returns it; nullopt when
// the user has no notification with that id.
std::optional<domain::Notification> mark_read(pqxx::transaction_base& tx, std::string_view user_id,
                                              std::string_view id);

// Marks every unread notification of the user read; returns how many.
std::int64_t mark_all_read(pqxx::transaction_base& tx, std::string_view user_id);

}  // namespace ecn::notification::storage
