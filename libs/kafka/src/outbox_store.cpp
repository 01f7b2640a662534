#include "outbox_store.hpp"

#include "ecn/pg/pool.hpp"
#include "header_codec.hpp"

namespace ecn::kafka::detail {
namespace {

// A PostgreSQL array literal, so a whole round is settled by one statement.
std::string bigint_array(std::span<const std::int64_t> ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

}  // namespace

std::vector<OutboxRow> OutboxStore::unsent(std::size_t limit) {
  return pool_.transact([&](pqxx::work& tx) {
    const auto result = tx.exec_params(
        "SELECT id, topic, key, payload, headers::text FROM outbox "
        "WHERE sent_at IS NULL ORDER BY id LIMIT $1",
        limit);
    std::vector<OutboxRow> rows;
    rows.reserve(result.size());
    for (const auto& r : result) {
      rows.push_back(OutboxRow{r[0].as<std::int64_t>(), r[1].as<std::string>(),
                               r[2].as<std::string>(), pqxx::binarystring(r[3]).str(),
                               decode_headers(r[4].as<std::string>())});
    }
    return rows;
  });
}

void OutboxStore::settle(std::span<const std::int64_t> ids, bool delete_rows) {
  if (ids.empty()) return;
  pool_.transact([&](pqxx::work& tx) {
    tx.exec_params(delete_rows ? "DELETE FROM outbox WHERE id = ANY($1::bigint[])"
                               : "UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])",
                   bigint_array(ids));
  });
}

std::size_t OutboxStore::purge_sent(std::chrono::milliseconds age, std::size_t limit) {
  return pool_.transact([&](pqxx::work& tx) {
    // Walks the primary key from the oldest row, where the long-sent rows are, and stops after
    // `limit` matches: no index on sent_at needed.
    const auto result = tx.exec_params(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
        "WHERE sent_at < now() - $1 * interval '1 millisecond' ORDER BY id LIMIT $2)",
        age.count(), limit);
    return static_cast<std::size_t>(result.affected_rows());
  });
}

std::int64_t OutboxStore::backlog() {
  return pool_.transact([](pqxx::work& tx) {
    return tx.exec1("SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0].as<std::int64_t>();
  });
}

}  // namespace ecn::kafka::detail
