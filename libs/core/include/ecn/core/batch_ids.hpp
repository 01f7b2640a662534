#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ecn/core/status.hpp"

namespace ecn::core {

// The ids of a batch read (GetProducts, GetOrders, ...): validated as UUIDs, each kept once in
// the order first asked for.
struct BatchIds {
  std::vector<std::string> ids;       // lower-case canonical form, for the query
  std::vector<std::string> as_asked;  // the same ids as the caller wrote them, for its answer
};

// INVALID_ARGUMENT naming `field` (and the index of a bad id: "ids[3]: must be a UUID") when
// there are more than `max_ids` or one is not a UUID.
Result<BatchIds> parse_batch_ids(const std::vector<std::string>& raw, std::size_t max_ids,
                                 std::string_view field = "ids");

// Answers a batch in request order: each row found for an id goes to `on_found`, each id
// without a row to `on_missing` (as the caller wrote it).
template <typename Row, typename IdOf, typename OnFound, typename OnMissing>
void match_batch(const BatchIds& batch, std::vector<Row> rows, IdOf id_of, OnFound on_found,
                 OnMissing on_missing) {
  std::unordered_map<std::string, Row> by_id;
  by_id.reserve(rows.size());
  for (auto& row : rows) {
    std::string id(id_of(row));
    by_id.emplace(std::move(id), std::move(row));
  }
  for (std::size_t i = 0; i < batch.ids.size(); ++i) {
    const auto found = by_id.find(batch.ids[i]);
    if (found == by_id.end()) {
      on_missing(batch.as_asked[i]);
    } else {
      on_found(found->second);
    }
  }
}

}  // namespace ecn::core
