#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/new_product.hpp"
#include "domain/product.hpp"
#include "ecn/core/cursor.hpp"
#include "events/product_created.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::product::storage {

// One page of a newest-first listing; has_next_page says whether rows remain after it.
struct ProductPage {
  std::vector<domain::Product> products;
  bool has_next_page = false;
};

// The products table: the only place that knows its SQL. Every statement is parameterized.
class ProductStore {
 public:
  // New products are written to the outbox for `events_topic` (PRODUCT_EVENTS_TOPIC).
  explicit ProductStore(pg::Pool& pool,
                        std::string events_topic = std::string(events::kProductEventsTopic))
      : pool_(pool), events_topic_(std::move(events_topic)) {}

  // Stores the product under a new UUIDv7 and, in the same transaction, enqueues its
  // product-created event in the outbox: both commit or neither does.
  domain::Product add(const domain::NewProduct& product);

  // `id` must be a canonical UUID (callers validate it).
  std::optional<domain::Product> get(const std::string& id);

  // The products among `ids` (canonical UUIDs) in one query, in no particular order.
  std::vector<domain::Product> get_many(const std::vector<std::string>& ids);

  // Newest first on (created_at, id), strictly after `after` when given, at most `limit` rows,
  // optionally only one (normalized) category.
  ProductPage list(const std::optional<std::string>& category, int limit,
                   const std::optional<core::KeysetCursor>& after);

 private:
  pg::Pool& pool_;
  std::string events_topic_;
};

// The keyset position of a product in the listing.
core::KeysetCursor cursor_of(const domain::Product& product);

}  // namespace ecn::product::storage
