#include "storage/product_store.hpp"

#include <pqxx/pqxx>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/outbox.hpp"
#include "ecn/pg/pool.hpp"
#include "events/product_created.hpp"

namespace ecn::product::storage {
namespace {

// Microseconds since the epoch travel as integers, so no time zone or text format of the
// session can change a cursor.
constexpr const char* kColumns =
    "id::text, name, description, price_minor, currency_code, category, image_url, "
    "(extract(epoch FROM created_at) * 1000000)::bigint";

domain::Product read_product(const pqxx::row& row) {
  domain::Product product;
  product.id = row[0].as<std::string>();
  product.name = row[1].as<std::string>();
  product.description = row[2].as<std::string>();
  product.price = {row[3].as<std::int64_t>(), row[4].as<std::string>()};
  product.category = row[5].as<std::string>();
  if (!row[6].is_null()) product.image_url = row[6].as<std::string>();
  product.created_at_us = row[7].as<std::int64_t>();
  return product;
}

std::vector<domain::Product> read_products(const pqxx::result& rows) {
  std::vector<domain::Product> products;
  products.reserve(rows.size());
  for (const auto& row : rows) products.push_back(read_product(row));
  return products;
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

// Rows strictly after the cursor in newest-first order; parameters $n (microseconds) and
// $n+1 (id).
std::string keyset_condition(int n) {
  return "(created_at, id) < (timestamptz 'epoch' + $" + std::to_string(n) +
         "::bigint * interval '1 microsecond', $" + std::to_string(n + 1) + "::uuid)";
}

}  // namespace

core::KeysetCursor cursor_of(const domain::Product& product) {
  return {product.created_at_us, product.id};
}

domain::Product ProductStore::add(const domain::NewProduct& product) {
  const auto id = core::new_uuid_v7();
  const auto event_id = core::new_uuid_v7();
  return pool_.transact([&](pqxx::work& tx) {
    const auto row = tx.exec_params1(
        std::string("INSERT INTO products (id, name, description, price_minor, currency_code, "
                    "category, image_url) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ") +
            kColumns,
        id, product.name, product.description, product.price.minor_units,
        product.price.currency_code, product.category, product.image_url);
    auto stored = read_product(row);
    kafka::enqueue(tx, events_topic_, stored.id, events::product_created_payload(stored, event_id));
    return stored;
  });
}

std::optional<domain::Product> ProductStore::get(const std::string& id) {
  return pool_.transact([&](pqxx::work& tx) -> std::optional<domain::Product> {
    const auto rows =
        tx.exec_params(std::string("SELECT ") + kColumns + " FROM products WHERE id = $1", id);
    if (rows.empty()) return std::nullopt;
    return read_product(rows[0]);
  });
}

std::vector<domain::Product> ProductStore::get_many(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return pool_.transact([&](pqxx::work& tx) {
    return read_products(tx.exec_params(
        std::string("SELECT ") + kColumns + " FROM products WHERE id = ANY($1::uuid[])",
        uuid_array(ids)));
  });
}

ProductPage ProductStore::list(const std::optional<std::string>& category, int limit,
                               const std::optional<core::KeysetCursor>& after) {
  // One row more than asked tells whether another page follows.
  const auto fetch = limit + 1;
  const std::string select = std::string("SELECT ") + kColumns + " FROM products WHERE ";
  const std::string order = " ORDER BY created_at DESC, id DESC LIMIT ";
  auto rows = pool_.transact([&](pqxx::work& tx) {
    if (category && after) {
      return tx.exec_params(select + "category = $1 AND " + keyset_condition(2) + order + "$4",
                            *category, after->created_at_us, after->id, fetch);
    }
    if (category) {
      return tx.exec_params(select + "category = $1" + order + "$2", *category, fetch);
    }
    if (after) {
      return tx.exec_params(select + keyset_condition(1) + order + "$3", after->created_at_us,
                            after->id, fetch);
    }
    return tx.exec_params(select + "true" + order + "$1", fetch);
  });
  ProductPage page;
  page.products = read_products(rows);
  if (page.products.size() > static_cast<std::size_t>(limit)) {
    page.products.resize(static_cast<std::size_t>(limit));
    page.has_next_page = true;
  }
  return page;
}

}  // namespace ecn::product::storage
