#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/preferences.hpp"
#include "domain/user.hpp"

namespace pqxx {
class transaction_base;
}

// The users table: every statement about users, run inside the caller's transaction.
namespace ecn::user::storage {

// A user about to be inserted; the database sets created_at and updated_at.
struct NewUser {
  std::string id;
  std::string name;
  std::string email;  // normalized (lower case)
  std::string password_hash;
  domain::Preferences preferences;
};

// What sign-in needs: the user and the stored hash, which never leaves the service.
struct Credentials {
  domain::User user;
  std::string password_hash;
};

// The stored user, or nullopt when the email is taken (then nothing was written).
std::optional<domain::User> insert_user(pqxx::transaction_base& tx, const NewUser& user);

std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, std::string_view email);

std::optional<domain::User> find_user(pqxx::transaction_base& tx, std::string_view id);

// find_user with the row locked until the transaction ends, so concurrent changes of one
// user apply (and publish their events) one after the other.
std::optional<domain::User> lock_user(pqxx::transaction_base& tx, std::string_view id);

// The users among `ids` (canonical UUIDs) that exist, in no particular order; one round trip.
std::vector<domain::User> find_users(pqxx::transaction_base& tx,
                                     const std::vector<std::string>& ids);

// Stores the user's preferences and returns the updated row; the user must exist (lock it
// first with lock_user).
domain::User update_preferences(pqxx::transaction_base& tx, std::string_view id,
                                const domain::Preferences& preferences);

}  // namespace ecn::user::storage
