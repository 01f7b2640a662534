#include "storage/user_store.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ecn::user::storage {
namespace {

// The columns every query returns, in the order row_to_user reads them. Times travel as
// integer microseconds (PostgreSQL's own precision) and categories as a JSON array (in both
// directions, kept in order by WITH ORDINALITY), so no text format of timestamps or arrays
// needs parsing or quoting here.
const std::string kColumns =
    "id::text, name, email, order_updates, promotions, array_to_json(categories)::text, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, "
    "(extract(epoch FROM updated_at) * 1000000)::bigint";
constexpr int kColumnCount = 8;

const std::string kInsertUser =
    "INSERT INTO users (id, name, email, password_hash, order_updates, promotions, categories) "
    "VALUES ($1::uuid, $2, $3, $4, $5, $6, "
    "ARRAY(SELECT c FROM jsonb_array_elements_text($7::jsonb) WITH ORDINALITY AS t(c, n) "
    "ORDER BY n)) "
    "ON CONFLICT (email) DO NOTHING RETURNING " +
    kColumns;

const std::string kFindCredentials =
    "SELECT " + kColumns + ", password_hash FROM users WHERE email = $1";

const std::string kFindUser = "SELECT " + kColumns + " FROM users WHERE id = $1::uuid";

const std::string kLockUser = "SELECT " + kColumns + " FROM users WHERE id = $1::uuid FOR UPDATE";

const std::string kFindUsers = "SELECT " + kColumns + " FROM users WHERE id = ANY($1::uuid[])";

// updated_at moves forward even when two changes fall in one clock tick (now() is the
// transaction's start), so readers can order a user's versions by it.
const std::string kUpdatePreferences =
    "UPDATE users SET order_updates = $2, promotions = $3, "
    "categories = ARRAY(SELECT c FROM jsonb_array_elements_text($4::jsonb) WITH ORDINALITY "
    "AS t(c, n) ORDER BY n), "
    "updated_at = greatest(now(), updated_at + interval '1 microsecond') "
    "WHERE id = $1::uuid RETURNING " +
    kColumns;

std::chrono::system_clock::time_point from_micros(std::int64_t micros) {
  return std::chrono::system_clock::time_point(std::chrono::microseconds(micros));
}

std::string categories_json(const std::vector<std::string>& categories) {
  boost::json::array array;
  for (const auto& category : categories) array.emplace_back(category);
  return boost::json::serialize(array);
}

std::vector<std::string> categories_from_json(std::string_view text) {
  std::vector<std::string> out;
  const auto parsed = boost::json::parse(text);
  for (const auto& value : parsed.as_array()) {
    out.emplace_back(value.as_string());
  }
  return out;
}

domain::User row_to_user(const pqxx::row& row) {
  domain::User user;
  user.id = row[0].as<std::string>();
  user.name = row[1].as<std::string>();
  user.email = row[2].as<std::string>();
  user.preferences.order_updates = row[3].as<bool>();
  user.preferences.promotions = row[4].as<bool>();
  user.preferences.categories = categories_from_json(row[5].c_str());
  user.created_at = from_micros(row[6].as<std::int64_t>());
  user.updated_at = from_micros(row[7].as<std::int64_t>());
  return user;
}

std::optional<domain::User> single_user(const pqxx::result& result) {
  if (result.empty()) return std::nullopt;
  return row_to_user(result[0]);
}

// "{a,b}": UUIDs need no quoting inside an array literal.
std::string uuid_array_literal(const std::vector<std::string>& ids) {
  std::string literal = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) literal += ',';
    literal += ids[i];
  }
  literal += '}';
  return literal;
}

}  // namespace

std::optional<domain::User> insert_user(pqxx::transaction_base& tx, const NewUser& user) {
  return single_user(tx.exec_params(kInsertUser, user.id, user.name, user.email, user.password_hash,
                                    user.preferences.order_updates, user.preferences.promotions,
                                    categories_json(user.preferences.categories)));
}

std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, std::string_view email) {
  const auto result = tx.exec_params(kFindCredentials, std::string(email));
  if (result.empty()) return std::nullopt;
  return Credentials{row_to_user(result[0]), result[0][kColumnCount].as<std::string>()};
}

std::optional<domain::User> find_user(pqxx::transaction_base& tx, std::string_view id) {
  return single_user(tx.exec_params(kFindUser, std::string(id)));
}

std::optional<domain::User> lock_user(pqxx::transaction_base& tx, std::string_view id) {
  return single_user(tx.exec_params(kLockUser, std::string(id)));
}

std::vector<domain::User> find_users(pqxx::transaction_base& tx,
                                     const std::vector<std::string>& ids) {
  std::vector<domain::User> users;
  if (ids.empty()) return users;
  const auto result = tx.exec_params(kFindUsers, uuid_array_literal(ids));
  users.reserve(result.size());
  for (const auto& row : result) users.push_back(row_to_user(row));
  return users;
}

domain::User update_preferences(pqxx::transaction_base& tx, std::string_view id,
                                const domain::Preferences& preferences) {
  const auto result =
      tx.exec_params(kUpdatePreferences, std::string(id), preferences.order_updates,
                     preferences.promotions, categories_json(preferences.categories));
  if (result.empty()) throw std::logic_error("update_preferences: user does not exist");
  return row_to_user(result[0]);
}

}  // namespace ecn::user::storage
