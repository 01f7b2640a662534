#include "storage/order_update_store.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/order_update.hpp"
#include "ecn/core/uuid.hpp"
#include "storage/notification_store.hpp"

namespace ecn::notification::storage {
namespace {

// Which events become notifications is settled first (known user, first delivery, order
// updates on); their users' counter rows then give the per-user numbers (see
// notification_store.cpp: taken under the row lock, so in commit order), locked in user order
// so concurrent batches never deadlock on them. processed_events rows go in event order for the
// same reason: two members of the group handling overlapping redeliveries during a rebalance
// then wait on each other's first shared event instead of each holding one the other needs.
const std::string kApply =
    "WITH ev AS ("
    "  SELECT DISTINCT ON (event_id) * FROM jsonb_to_recordset($1::jsonb) "
    "  AS r(ord int, event_id uuid, id uuid, user_id uuid, title text, body text, data jsonb) "
    "  ORDER BY event_id), "
    "known AS (SELECT ev.*, s.order_updates FROM ev JOIN subscribers s ON s.id = ev.user_id), "
    "fresh AS ("
    "  INSERT INTO processed_events (event_id) SELECT event_id FROM known ORDER BY event_id "
    "  ON CONFLICT (event_id) DO NOTHING RETURNING event_id), "
    "todo AS ("
    "  SELECT k.* FROM known k JOIN fresh f ON f.event_id = k.event_id WHERE k.order_updates), "
    "per_user AS (SELECT user_id, count(*) AS k FROM todo GROUP BY user_id), "
    "counted AS ("
    "  INSERT INTO unread_counters (user_id, unread, last_seq) "
    "  SELECT user_id, k, k FROM per_user ORDER BY user_id "
    "  ON CONFLICT (user_id) DO UPDATE SET unread = unread_counters.unread + excluded.unread, "
    "    last_seq = unread_counters.last_seq + excluded.last_seq "
    "  RETURNING user_id, last_seq), "
    "n AS ("
    "  INSERT INTO notifications (id, user_id, type, title, body, data, seq) "
    "  SELECT t.id, t.user_id, 1, t.title, t.body, t.data, "
    "    c.last_seq - p.k + row_number() OVER (PARTITION BY t.user_id ORDER BY t.ord) "
    "  FROM todo t JOIN per_user p ON p.user_id = t.user_id "
    "  JOIN counted c ON c.user_id = t.user_id RETURNING *), "
    // Events still waiting for their user (unknown, never processed), decided in this same
    // statement and so on the same snapshot as `known`: a second statement would see a user
    // committed in between, and its event would count neither as applied nor as waiting.
    // They come as the last column of every row; the row without a notification carries only
    // them.
    "waiting AS ("
    "  SELECT ev.event_id FROM ev "
    "  WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = ev.user_id) "
    "    AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = ev.event_id)) "
    "SELECT " +
    notification_columns() +
    ", w.ids FROM (SELECT string_agg(event_id::text, ',') AS ids FROM waiting) w "
    "LEFT JOIN n ON true ORDER BY n.id";

}  // namespace

OrderUpdateOutcome apply_order_updates(pqxx::transaction_base& tx,
                                       std::span<const events::OrderStatusUpdated> updates) {
  OrderUpdateOutcome outcome;
  if (updates.empty()) return outcome;
  boost::json::array input;
  input.reserve(updates.size());
  for (std::size_t i = 0; i < updates.size(); ++i) {
    const auto& update = updates[i];
    auto text = domain::order_update_text(update.order_id, update.new_status);
    // Numbered in event order, so one order's notifications list in their real order.
    input.push_back(boost::json::object{{"ord", i},
                                        {"event_id", update.event_id},
                                        {"id", core::new_uuid_v7()},
                                        {"user_id", update.user_id},
                                        {"title", text.title},
                                        {"body", text.body},
                                        {"data", boost::json::parse(text.data_json)}});
  }
  const auto payload = boost::json::serialize(input);
  const auto applied = tx.exec_params(kApply, payload);
  for (const auto& row : applied) {
    if (!row[0].is_null()) outcome.created.push_back(row_to_notification(row));
  }
  // At least one row whatever happened: the waiting list is joined to the notifications.
  const auto last = static_cast<pqxx::row::size_type>(applied.columns() - 1);
  if (!applied.empty() && !applied[0][last].is_null()) {
    const auto ids = applied[0][last].as<std::string>();
    for (std::size_t start = 0; start < ids.size();) {
      const auto comma = ids.find(',', start);
      const auto end = comma == std::string::npos ? ids.size() : comma;
      outcome.waiting_event_ids.push_back(ids.substr(start, end - start));
      start = end + 1;
    }
  }
  return outcome;
}

}  // namespace ecn::notification::storage
