#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>

namespace ecn::notification::testing {

// The subscribers the campaign tests send to: s<i> for i in [0, count), promotions off when
// i % 3 == 0, categories by i % 4: {}, {books}, {toys}, {books,garden}.
void add_campaign_subscribers(pqxx::transaction_base& tx, int count);

// The names a campaign of `category` (nullopt: every category) must reach among them, by the
// rules of the issue: opted in, and no categories chosen or `category` among them.
std::multiset<std::string> campaign_audience(int count, const std::optional<std::string>& category);

}  // namespace ecn::notification::testing
