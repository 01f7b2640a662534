#include "storage/order_update_store.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/order_update.hpp"
#include "ecn/core/uuid.hpp"
#include "storage/notification_store.hpp"

namespace ecn::notification::storage {
namespace {

const std::string kWaiting =
    "SELECT DISTINCT r.event_id::text FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, "
    "user_id uuid) "
    "WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = r.user_id) "
    "AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = r.event_id)";

// Counter rows are locked in user order so concurrent batches never deadlock on them.
const std::string kApply =
    "WITH ev AS ("
    "  SELECT DISTINCT ON (event_id) * FROM jsonb_to_recordset($1::jsonb) "
    "  AS r(event_id uuid, id uuid, user_id uuid, title text, body text, data jsonb) "
    "  ORDER BY event_id), "
    "known AS (SELECT ev.*, s.order_updates FROM ev JOIN subscribers s ON s.id = ev.user_id), "
    "fresh AS ("
    "  INSERT INTO processed_events (event_id) SELECT event_id FROM known "
    "  ON CONFLICT (event_id) DO NOTHING RETURNING event_id), "
    "n AS ("
    "  INSERT INTO notifications (id, user_id, type, title, body, data) "
    "  SELECT k.id, k.user_id, 1, k.title, k.body, k.data "
    "  FROM known k JOIN fresh f ON f.event_id = k.event_id WHERE k.order_updates "
    "  RETURNING *), "
    "counted AS ("
    "  INSERT INTO unread_counters (user_id, unread) "
    "  SELECT user_id, count(*) FROM n GROUP BY user_id ORDER BY user_id "
    "  ON CONFLICT (user_id) DO UPDATE SET unread = unread_counters.unread + excluded.unread) "
    "SELECT " +
    notification_columns() + " FROM n ORDER BY n.id";

}  // namespace

OrderUpdateOutcome apply_order_updates(pqxx::transaction_base& tx,
                                       std::span<const events::OrderStatusUpdated> updates) {
  OrderUpdateOutcome outcome;
  if (updates.empty()) return outcome;
  boost::json::array input;
  input.reserve(updates.size());
  for (const auto& update : updates) {
    auto text = domain::order_update_text(update.order_id, update.new_status);
    // Ids are made in event order, so one order's notifications sort in their real order.
    input.push_back(boost::json::object{{"event_id", update.event_id},
                                        {"id", core::new_uuid_v7()},
                                        {"user_id", update.user_id},
                                        {"title", text.title},
                                        {"body", text.body},
                                        {"data", boost::json::parse(text.data_json)}});
  }
  const auto payload = boost::json::serialize(input);
  for (const auto& row : tx.exec_params(kWaiting, payload)) {
    outcome.waiting_event_ids.push_back(row[0].as<std::string>());
  }
  for (const auto& row : tx.exec_params(kApply, payload)) {
    outcome.created.push_back(row_to_notification(row));
  }
  return outcome;
}

}  // namespace ecn::notification::storage
