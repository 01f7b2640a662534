#include "campaign_audience.hpp"

namespace ecn::notification::testing {

void add_campaign_subscribers(pqxx::transaction_base& tx, int count) {
  tx.exec_params(
      "INSERT INTO subscribers (id, name, email, order_updates, promotions, categories, "
      "updated_at) "
      "SELECT gen_random_uuid(), 's' || i, 's' || i || '@example.com', true, i % 3 <> 0, "
      "  (ARRAY['{}', '{books}', '{toys}', '{books,garden}'])[i % 4 + 1]::text[], now() "
      "FROM generate_series(0, $1 - 1) AS i",
      count);
}

std::multiset<std::string> campaign_audience(int count,
                                             const std::optional<std::string>& category) {
  std::multiset<std::string> names;
  for (int i = 0; i < count; ++i) {
    if (i % 3 == 0) continue;
    const int kind = i % 4;
    const bool match = !category || kind == 0 ||
                       (*category == "books" && (kind == 1 || kind == 3)) ||
                       (*category == "toys" && kind == 2) || (*category == "garden" && kind == 3);
    if (match) names.insert("s" + std::to_string(i));
  }
  return names;
}

}  // namespace ecn::notification::testing
