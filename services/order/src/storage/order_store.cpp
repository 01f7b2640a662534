#include "storage/order_store.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <unordered_map>

#include "domain/status_machine.hpp"
#include "ecn/core/uuid.hpp"
#include "ecn/kafka/outbox.hpp"
#include "ecn/pg/pool.hpp"
#include "events/order_status_updated.hpp"

namespace ecn::order::storage {
namespace {

using core::Error;
using core::ErrorCode;

// Times travel as integer microseconds since the epoch, so no session time zone or text
// format can change them.
constexpr const char* kOrderColumns =
    "id::text, user_id::text, status, total_minor, currency_code, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, "
    "(extract(epoch FROM updated_at) * 1000000)::bigint";

domain::OrderStatus read_status(const pqxx::field& field) {
  const auto status = domain::parse_status(field.as<std::string>());
  // The CHECK constraint makes anything else impossible.
  if (!status) throw std::runtime_error("orders.status holds an unknown status");
  return *status;
}

domain::Order read_order(const pqxx::row& row) {
  domain::Order order;
  order.id = row[0].as<std::string>();
  order.user_id = row[1].as<std::string>();
  order.status = read_status(row[2]);
  order.total_minor = row[3].as<std::int64_t>();
  order.currency_code = row[4].as<std::string>();
  order.created_at_us = row[5].as<std::int64_t>();
  order.updated_at_us = row[6].as<std::int64_t>();
  return order;
}

// A PostgreSQL array literal of canonical UUIDs, passed as one parameter.
std::string uuid_array(const std::vector<std::string>& ids) {
  std::string text = "{";
  for (const auto& id : ids) {
    if (text.size() > 1) text += ',';
    text += id;
  }
  return text + "}";
}

// Reads the orders of `rows` and their lines (one more query for all of them), keeping the
// order of `rows`.
std::vector<domain::Order> with_lines(pqxx::work& tx, const pqxx::result& rows) {
  std::vector<domain::Order> orders;
  orders.reserve(rows.size());
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::string> ids;
  for (const auto& row : rows) {
    orders.push_back(read_order(row));
    index.emplace(orders.back().id, orders.size() - 1);
    ids.push_back(orders.back().id);
  }
  if (ids.empty()) return orders;
  const auto lines = tx.exec_params(
      "SELECT order_id::text, product_id::text, product_name, quantity, unit_price_minor, "
      "line_total_minor FROM order_items WHERE order_id = ANY($1::uuid[]) "
      "ORDER BY order_id, line_no",
      uuid_array(ids));
  for (const auto& line : lines) {
    orders[index.at(line[0].as<std::string>())].lines.push_back(
        {line[1].as<std::string>(), line[2].as<std::string>(), line[3].as<std::int32_t>(),
         line[4].as<std::int64_t>(), line[5].as<std::int64_t>()});
  }
  return orders;
}

std::optional<domain::Order> load(pqxx::work& tx, const std::string& id) {
  auto orders = with_lines(
      tx,
      tx.exec_params(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE id = $1", id));
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

// The lines as one JSON parameter, unpacked by jsonb_to_recordset: one round trip for up to
// 100 lines, with PostgreSQL doing all quoting.
std::string lines_json(const std::vector<domain::OrderLine>& lines) {
  boost::json::array array;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    array.push_back({{"line_no", i},
                     {"product_id", line.product_id},
                     {"product_name", line.product_name},
                     {"quantity", line.quantity},
                     {"unit_price_minor", line.unit_price_minor},
                     {"line_total_minor", line.line_total_minor}});
  }
  return boost::json::serialize(array);
}

}  // namespace

core::KeysetCursor cursor_of(const domain::Order& order) {
  return {order.created_at_us, order.id};
}

domain::Order OrderStore::create(const std::string& user_id, const domain::PricedOrder& priced) {
  const auto id = core::new_uuid_v7();
  return pool_.transact([&](pqxx::work& tx) {
    auto order = read_order(tx.exec_params1(
        std::string("INSERT INTO orders (id, user_id, status, total_minor, currency_code) "
                    "VALUES ($1, $2, $3, $4, $5) RETURNING ") +
            kOrderColumns,
        id, user_id, std::string(domain::to_string(domain::OrderStatus::kPending)),
        priced.total_minor, priced.currency_code));
    tx.exec_params0(
        "INSERT INTO order_items (order_id, line_no, product_id, product_name, quantity, "
        "unit_price_minor, line_total_minor) "
        "SELECT $1, line_no, product_id, product_name, quantity, unit_price_minor, "
        "line_total_minor "
        "FROM jsonb_to_recordset($2::jsonb) AS l(line_no integer, product_id uuid, product_name "
        "text, "
        "quantity integer, unit_price_minor bigint, line_total_minor bigint)",
        id, lines_json(priced.lines));
    tx.exec_params0(
        "INSERT INTO order_status_history (order_id, from_status, to_status, at) "
        "VALUES ($1, NULL, $2, (SELECT created_at FROM orders WHERE id = $1))",
        id, std::string(domain::to_string(order.status)));
    order.lines = priced.lines;
    return order;
  });
}

std::optional<domain::Order> OrderStore::get(const std::string& id) {
  return pool_.transact([&](pqxx::work& tx) { return load(tx, id); });
}

std::vector<domain::Order> OrderStore::get_many(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return pool_.transact([&](pqxx::work& tx) {
    return with_lines(tx, tx.exec_params(std::string("SELECT ") + kOrderColumns +
                                             " FROM orders WHERE id = ANY($1::uuid[])",
                                         uuid_array(ids)));
  });
}

OrderPage OrderStore::list_by_user(const std::string& user_id, int limit,
                                   const std::optional<core::KeysetCursor>& after) {
  // One row more than asked tells whether another page follows.
  const auto fetch = limit + 1;
  const std::string select =
      std::string("SELECT ") + kOrderColumns + " FROM orders WHERE user_id = $1 ";
  const std::string order = " ORDER BY created_at DESC, id DESC LIMIT ";
  OrderPage page;
  page.orders = pool_.transact([&](pqxx::work& tx) {
    if (after) {
      return with_lines(
          tx, tx.exec_params(select +
                                 "AND (created_at, id) < (timestamptz 'epoch' + $2::bigint * "
                                 "interval '1 microsecond', $3::uuid)" +
                                 order + "$4",
                             user_id, after->created_at_us, after->id, fetch));
    }
    return with_lines(tx, tx.exec_params(select + order + "$2", user_id, fetch));
  });
  if (page.orders.size() > static_cast<std::size_t>(limit)) {
    page.orders.resize(static_cast<std::size_t>(limit));
    page.has_next_page = true;
  }
  return page;
}

core::Result<domain::Order> OrderStore::update_status(const std::string& id,
                                                      domain::OrderStatus to) {
  const auto event_id = core::new_uuid_v7();
  return pool_.transact([&](pqxx::work& tx) -> core::Result<domain::Order> {
    const auto locked = tx.exec_params("SELECT status FROM orders WHERE id = $1 FOR UPDATE", id);
    if (locked.empty()) return Error{ErrorCode::kNotFound, "order " + id + " does not exist"};
    const auto from = read_status(locked[0][0]);
    const auto real = domain::check_transition(id, from, to);
    if (!real) return real.error();
    if (*real) {
      const auto status = std::string(domain::to_string(to));
      tx.exec_params0("UPDATE orders SET status = $2, updated_at = clock_timestamp() WHERE id = $1",
                      id, status);
      tx.exec_params0(
          "INSERT INTO order_status_history (order_id, from_status, to_status, at) "
          "SELECT id, $2, status, updated_at FROM orders WHERE id = $1",
          id, std::string(domain::to_string(from)));
    }
    auto order = load(tx, id);
    if (!order) throw std::logic_error("a locked order vanished");
    if (*real) {
      kafka::enqueue(tx, events_topic_, order->id,
                     events::order_status_updated_payload(*order, from, event_id));
    }
    return std::move(*order);
  });
}

}  // namespace ecn::order::storage
