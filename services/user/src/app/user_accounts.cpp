#include "app/user_accounts.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>
#include <unordered_map>
#include <utility>

#include "ecn/core/uuid.hpp"
#include "ecn/kafka/outbox.hpp"
#include "ecn/pg/pool.hpp"
#include "events/user_events.hpp"
#include "storage/user_store.hpp"

namespace ecn::user::app {
namespace {

using core::Error;
using core::ErrorCode;
using core::Result;

// The one answer to every failed sign-in, whatever failed.
const Error kBadCredentials{ErrorCode::kUnauthenticated, "invalid email or password"};

Error not_found(std::string_view id) {
  return Error{ErrorCode::kNotFound, "user " + std::string(id) + " not found"};
}

// Records the user's new public state for user-events, in the caller's transaction. The
// event happened when the row changed, so occurred_at is the row's updated_at.
void publish_upserted(pqxx::transaction_base& tx, std::string_view topic,
                      const domain::User& user) {
  kafka::enqueue(tx, topic, user.id,
                 events::user_upserted_payload(user, core::new_uuid_v7(), user.updated_at));
}

}  // namespace

UserAccounts::UserAccounts(pg::Pool& pool, auth::PasswordHasher& hasher,
                           const auth::TokenIssuer& tokens, std::string events_topic)
    : pool_(pool), hasher_(hasher), tokens_(tokens), events_topic_(std::move(events_topic)) {}

Result<Session> UserAccounts::register_user(const domain::RegistrationInput& input) {
  auto registration = domain::validate_registration(input);
  if (!registration) return registration.error();

  // Hashed before the transaction: it takes ~0.1 s that no connection should wait through.
  storage::NewUser row{core::new_uuid_v7(), registration->name, registration->email,
                       hasher_.hash(registration->password), registration->preferences};
  auto user = pool_.transact([&](pqxx::work& tx) -> std::optional<domain::User> {
    auto stored = storage::insert_user(tx, row);
    if (stored) publish_upserted(tx, events_topic_, *stored);
    return stored;
  });
  if (!user) return Error{ErrorCode::kAlreadyExists, "email: already registered"};

  spdlog::info("user {} registered", user->id);
  auto token = tokens_.issue(user->id, std::chrono::system_clock::now());
  return Session{std::move(*user), std::move(token)};
}

Result<Session> UserAccounts::login(const domain::LoginInput& input) {
  auto credentials = domain::validate_login(input);
  if (!credentials) return credentials.error();

  auto stored = pool_.transact(
      [&](pqxx::work& tx) { return storage::find_credentials(tx, credentials->email); });
  const bool accepted = stored ? hasher_.verify(stored->password_hash, credentials->password)
                               : hasher_.verify_unknown(credentials->password);
  if (!accepted) {
    spdlog::info("sign-in refused");
    return kBadCredentials;
  }
  auto token = tokens_.issue(stored->user.id, std::chrono::system_clock::now());
  return Session{std::move(stored->user), std::move(token)};
}

Result<domain::User> UserAccounts::get_user(std::string_view id) {
  auto user_id = domain::validate_user_id(id, "id");
  if (!user_id) return user_id.error();
  auto user = pool_.transact([&](pqxx::work& tx) { return storage::find_user(tx, *user_id); });
  if (!user) return not_found(*user_id);
  return std::move(*user);
}

Result<UserBatch> UserAccounts::get_users(const std::vector<std::string>& ids) {
  auto wanted = domain::validate_user_ids(ids);
  if (!wanted) return wanted.error();
  auto found = pool_.transact([&](pqxx::work& tx) { return storage::find_users(tx, *wanted); });

  std::unordered_map<std::string, domain::User> by_id;
  for (auto& user : found) {
    auto id = user.id;
    by_id.emplace(std::move(id), std::move(user));
  }
  UserBatch batch;
  for (const auto& id : *wanted) {
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      batch.missing_ids.push_back(id);
    } else {
      batch.users.push_back(std::move(it->second));
    }
  }
  return batch;
}

Result<domain::User> UserAccounts::update_preferences(std::string_view user_id,
                                                      const domain::PreferencesPatch& patch) {
  auto id = domain::validate_user_id(user_id, "user_id");
  if (!id) return id.error();
  auto normalized = domain::normalize_patch(patch);
  if (!normalized) return normalized.error();

  auto user = pool_.transact([&](pqxx::work& tx) -> std::optional<domain::User> {
    auto current = storage::lock_user(tx, *id);
    if (!current) return std::nullopt;
    const auto wanted = domain::apply_patch(current->preferences, *normalized);
    if (wanted == current->preferences) return current;  // nothing changes: nothing to tell
    auto updated = storage::update_preferences(tx, *id, wanted);
    publish_upserted(tx, events_topic_, updated);
    return updated;
  });
  if (!user) return not_found(*id);
  return std::move(*user);
}

}  // namespace ecn::user::app
