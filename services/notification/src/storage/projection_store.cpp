#include "storage/projection_store.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <unordered_map>

namespace ecn::notification::storage {
namespace {

// Times travel as integer microseconds, so equal versions compare equal.
const std::string kUpsertSubscribers =
    "INSERT INTO subscribers AS s (id, name, email, order_updates, promotions, categories, "
    "updated_at) "
    "SELECT id, name, email, order_updates, promotions, "
    "  ARRAY(SELECT jsonb_array_elements_text(categories)), "
    "  'epoch'::timestamptz + updated_at_us * interval '1 microsecond' "
    "FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, email text, "
    "  order_updates boolean, promotions boolean, categories jsonb, updated_at_us bigint) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, "
    "  order_updates = excluded.order_updates, promotions = excluded.promotions, "
    "  categories = excluded.categories, updated_at = excluded.updated_at "
    "WHERE excluded.updated_at >= s.updated_at";

const std::string kUpsertProducts =
    "INSERT INTO products AS p (id, name, category, price_amount, currency_code, created_at) "
    "SELECT id, name, category, price_amount::numeric, currency_code, "
    "  'epoch'::timestamptz + created_at_us * interval '1 microsecond' "
    "FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, category text, "
    "  price_amount text, currency_code text, created_at_us bigint) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category, "
    "  price_amount = excluded.price_amount, currency_code = excluded.currency_code, "
    "  created_at = excluded.created_at "
    "WHERE excluded.created_at >= p.created_at";

// One row per id (ON CONFLICT may touch a row once per statement): the newest version, the
// later one on a tie.
template <typename T, typename Version>
std::vector<const T*> newest_per_id(std::span<const T> items, Version version) {
  std::unordered_map<std::string, const T*> newest;
  std::vector<const T*> order;
  for (const auto& item : items) {
    auto [it, inserted] = newest.emplace(item.id, &item);
    if (inserted) {
      order.push_back(&item);
    } else if (version(item) >= version(*it->second)) {
      it->second = &item;
    }
  }
  for (auto& slot : order) slot = newest.at(slot->id);
  return order;
}

}  // namespace

std::size_t upsert_subscribers(pqxx::transaction_base& tx,
                               std::span<const events::UserUpserted> users) {
  if (users.empty()) return 0;
  boost::json::array input;
  for (const auto* user : newest_per_id(users, [](const auto& u) { return u.updated_at_us; })) {
    boost::json::array categories;
    for (const auto& category : user->categories) categories.emplace_back(category);
    input.push_back(boost::json::object{{"id", user->id},
                                        {"name", user->name},
                                        {"email", user->email},
                                        {"order_updates", user->order_updates},
                                        {"promotions", user->promotions},
                                        {"categories", std::move(categories)},
                                        {"updated_at_us", user->updated_at_us}});
  }
  return static_cast<std::size_t>(
      tx.exec_params(kUpsertSubscribers, boost::json::serialize(input)).affected_rows());
}

std::size_t upsert_products(pqxx::transaction_base& tx,
                            std::span<const events::ProductCreated> products) {
  if (products.empty()) return 0;
  boost::json::array input;
  for (const auto* product :
       newest_per_id(products, [](const auto& p) { return p.created_at_us; })) {
    input.push_back(boost::json::object{{"id", product->id},
                                        {"name", product->name},
                                        {"category", product->category},
                                        {"price_amount", product->price_amount},
                                        {"currency_code", product->currency_code},
                                        {"created_at_us", product->created_at_us}});
  }
  return static_cast<std::size_t>(
      tx.exec_params(kUpsertProducts, boost::json::serialize(input)).affected_rows());
}

}  // namespace ecn::notification::storage
