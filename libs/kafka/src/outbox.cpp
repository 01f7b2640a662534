#include "ecn/kafka/outbox.hpp"

#include <pqxx/pqxx>

#include "header_codec.hpp"

namespace ecn::kafka {

std::string_view outbox_migration_sql() {
  // Sent rows are marked (sent_at), not deleted at once: they stay for the relay's retention
  // period to show what was published and when. The relay only ever looks for unsent rows in
  // id order, so a partial index holding just the backlog serves it: it stays as small as the
  // backlog however many sent rows wait for the purge, and marking a row sent removes it from
  // the index. The purge walks the primary key from the oldest id, where old sent rows are.
  return R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic      text        NOT NULL,
  key        text        NOT NULL,
  payload    bytea       NOT NULL,
  headers    jsonb       NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
)sql";
}

std::string_view outbox_rollback_sql() {
  return "DROP TABLE IF EXISTS outbox;\n";
}

std::int64_t enqueue(pqxx::transaction_base& tx, std::string_view topic, std::string_view key,
                     std::string_view payload, const Headers& headers) {
  // pg_notify in RETURNING costs no extra round trip; PostgreSQL sends it only at commit and
  // folds the identical notifications of one transaction into one.
  const auto row = tx.exec_params1(
      "INSERT INTO outbox (topic, key, payload, headers) VALUES ($1, $2, $3, $4::jsonb) "
      "RETURNING id, pg_notify($5, '')",
      std::string(topic), std::string(key), pqxx::binarystring(payload.data(), payload.size()),
      detail::encode_headers(headers), std::string(kOutboxChannel));
  return row[0].as<std::int64_t>();
}

}  // namespace ecn::kafka
