#include "storage/notification_store.hpp"

#include <boost/json.hpp>
#include <limits>
#include <pqxx/pqxx>
#include <unordered_map>

#include "ecn/core/uuid.hpp"

namespace ecn::notification::storage {

// A campaign's recipient rows carry no text of their own: it is read from the campaign.
// Times travel as integer microseconds (PostgreSQL's precision), so no timestamp text needs
// parsing.
const std::string& notification_columns() {
  static const std::string columns =
      "n.id::text, n.user_id::text, n.type, "
      "coalesce(n.title, (SELECT c.title FROM campaigns c WHERE c.id = n.campaign_id)), "
      "coalesce(n.body, (SELECT c.body FROM campaigns c WHERE c.id = n.campaign_id), ''), "
      "coalesce(n.data::text, (SELECT jsonb_build_object('campaign_id', c.id, 'product_id', "
      "c.product_id)::text FROM campaigns c WHERE c.id = n.campaign_id), '{}'), "
      "(extract(epoch FROM n.created_at) * 1000000)::bigint, "
      "(extract(epoch FROM n.read_at) * 1000000)::bigint, n.seq";
  return columns;
}

namespace {

// The user's counter row gives the numbers: its upsert adds the batch to `unread` and to
// `last_seq` and returns the new last_seq, so the user's rows are numbered
// last_seq - count + 1 .. last_seq in input order. The upsert locks the row until commit (rows
// taken in user order: no deadlocks), so the next insert for the user numbers after this one
// commits: per-user numbers follow commit order.
const std::string kInsert =
    "WITH input AS ("
    "  SELECT * FROM jsonb_to_recordset($1::jsonb) "
    "  AS r(ord int, id uuid, user_id uuid, type smallint, title text, body text, data jsonb)), "
    "per_user AS (SELECT user_id, count(*) AS k FROM input GROUP BY user_id), "
    "counted AS ("
    "  INSERT INTO unread_counters (user_id, unread, last_seq) "
    "  SELECT user_id, k, k FROM per_user ORDER BY user_id "
    "  ON CONFLICT (user_id) DO UPDATE SET unread = unread_counters.unread + excluded.unread, "
    "    last_seq = unread_counters.last_seq + excluded.last_seq "
    "  RETURNING user_id, last_seq), "
    "n AS ("
    "  INSERT INTO notifications (id, user_id, type, title, body, data, seq) "
    "  SELECT i.id, i.user_id, i.type, i.title, i.body, i.data, "
    "    c.last_seq - p.k + row_number() OVER (PARTITION BY i.user_id ORDER BY i.ord) "
    "  FROM input i JOIN per_user p ON p.user_id = i.user_id "
    "  JOIN counted c ON c.user_id = i.user_id RETURNING *) "
    "SELECT " +
    notification_columns() + " FROM n";

// Newest first and oldest first on the per-user number; "after" a cursor is strictly below it
// (newest first) or above it (oldest first). (user_id, seq) is unique and indexed, also as a
// partial index over the unread rows.
const std::string kListNewest = "SELECT " + notification_columns() +
                                " FROM notifications n WHERE n.user_id = $1::uuid "
                                "AND n.seq < $2 ORDER BY n.seq DESC LIMIT $3";
const std::string kListUnread = "SELECT " + notification_columns() +
                                " FROM notifications n WHERE n.user_id = $1::uuid "
                                "AND n.read_at IS NULL AND n.seq < $2 "
                                "ORDER BY n.seq DESC LIMIT $3";
const std::string kListOldest = "SELECT " + notification_columns() +
                                " FROM notifications n WHERE n.user_id = $1::uuid "
                                "AND n.seq > $2 ORDER BY n.seq LIMIT $3";
const std::string kSequenceOf =
    "SELECT seq FROM notifications WHERE user_id = $1::uuid AND id = $2::uuid";

const std::string kUnreadCount = "SELECT unread FROM unread_counters WHERE user_id = $1::uuid";

// The counter moves only when this statement really flipped the row: a concurrent MarkRead of
// the same row waits on its lock, re-checks read_at and updates nothing.
const std::string kMarkRead =
    "WITH n AS ("
    "  UPDATE notifications SET read_at = now() "
    "  WHERE id = $2::uuid AND user_id = $1::uuid AND read_at IS NULL RETURNING *), "
    "counted AS ("
    "  UPDATE unread_counters SET unread = unread - (SELECT count(*) FROM n) "
    "  WHERE user_id = $1::uuid AND EXISTS (SELECT 1 FROM n)) "
    "SELECT " +
    notification_columns() + " FROM n";
const std::string kFindOwned = "SELECT " + notification_columns() +
                               " FROM notifications n WHERE n.id = $2::uuid "
                               "AND n.user_id = $1::uuid";

const std::string kMarkAllRead =
    "WITH n AS ("
    "  UPDATE notifications SET read_at = now() "
    "  WHERE user_id = $1::uuid AND read_at IS NULL RETURNING 1), "
    "marked AS (SELECT count(*) AS c FROM n), "
    "counted AS ("
    "  UPDATE unread_counters SET unread = unread - (SELECT c FROM marked) "
    "  WHERE user_id = $1::uuid AND (SELECT c FROM marked) > 0) "
    "SELECT c FROM marked";

std::vector<domain::Notification> rows(const pqxx::result& result) {
  std::vector<domain::Notification> out;
  out.reserve(result.size());
  for (const auto& row : result) out.push_back(row_to_notification(row));
  return out;
}

}  // namespace

domain::Notification row_to_notification(const pqxx::row& row) {
  domain::Notification n;
  n.id = row[0].as<std::string>();
  n.user_id = row[1].as<std::string>();
  n.type = static_cast<domain::NotificationType>(row[2].as<int>());
  n.title = row[3].is_null() ? std::string() : row[3].as<std::string>();
  n.body = row[4].as<std::string>();
  n.data_json = row[5].as<std::string>();
  n.created_at_us = row[6].as<std::int64_t>();
  if (!row[7].is_null()) n.read_at_us = row[7].as<std::int64_t>();
  n.seq = row[8].as<std::int64_t>();
  return n;
}

std::vector<domain::Notification> insert_notifications(
    pqxx::transaction_base& tx, const std::vector<domain::NewNotification>& notifications) {
  if (notifications.empty()) return {};
  boost::json::array input;
  input.reserve(notifications.size());
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < notifications.size(); ++i) {
    const auto& n = notifications[i];
    auto id = core::new_uuid_v7();
    position.emplace(id, i);
    input.push_back(boost::json::object{{"ord", i},
                                        {"id", id},
                                        {"user_id", n.user_id},
                                        {"type", static_cast<int>(n.type)},
                                        {"title", n.title},
                                        {"body", n.body},
                                        {"data", boost::json::parse(n.data_json)}});
  }
  const auto result = tx.exec_params(kInsert, boost::json::serialize(input));
  std::vector<domain::Notification> stored(notifications.size());
  for (const auto& row : result) {
    auto n = row_to_notification(row);
    stored[position.at(n.id)] = std::move(n);
  }
  return stored;
}

std::vector<domain::Notification> list_newest_first(pqxx::transaction_base& tx,
                                                    std::string_view user_id, bool unread_only,
                                                    std::optional<std::int64_t> before_seq,
                                                    int limit) {
  return rows(tx.exec_params(unread_only ? kListUnread : kListNewest, std::string(user_id),
                             before_seq.value_or(std::numeric_limits<std::int64_t>::max()), limit));
}

std::vector<domain::Notification> list_oldest_after(pqxx::transaction_base& tx,
                                                    std::string_view user_id,
                                                    std::int64_t after_seq, int limit) {
  return rows(tx.exec_params(kListOldest, std::string(user_id), after_seq, limit));
}

std::optional<std::int64_t> sequence_of(pqxx::transaction_base& tx, std::string_view user_id,
                                        std::string_view id) {
  const auto result = tx.exec_params(kSequenceOf, std::string(user_id), std::string(id));
  if (result.empty()) return std::nullopt;
  return result[0][0].as<std::int64_t>();
}

std::int64_t unread_count(pqxx::transaction_base& tx, std::string_view user_id) {
  const auto result = tx.exec_params(kUnreadCount, std::string(user_id));
  return result.empty() ? 0 : result[0][0].as<std::int64_t>();
}

std::optional<domain::Notification> mark_read(pqxx::transaction_base& tx, std::string_view user_id,
                                              std::string_view id) {
  const std::string user(user_id);
  const std::string notification(id);
  auto marked = tx.exec_params(kMarkRead, user, notification);
  if (!marked.empty()) return row_to_notification(marked[0]);
  auto existing = tx.exec_params(kFindOwned, user, notification);
  if (existing.empty()) return std::nullopt;
  return row_to_notification(existing[0]);
}

std::int64_t mark_all_read(pqxx::transaction_base& tx, std::string_view user_id) {
  return tx.exec_params(kMarkAllRead, std::string(user_id))[0][0].as<std::int64_t>();
}

}  // namespace ecn::notification::storage
