#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/password_hasher.hpp"
#include "auth/token_issuer.hpp"
#include "domain/user.hpp"
#include "domain/validation.hpp"
#include "ecn/core/status.hpp"
#include "events/user_events.hpp"

namespace ecn::pg {
class Pool;
}

namespace ecn::user::app {

// A signed-in user: the account and its token.
struct Session {
  domain::User user;
  auth::IssuedToken token;
};

// The answer of a batch read: found users in request order, and the ids that matched none.
struct UserBatch {
  std::vector<domain::User> users;
  std::vector<std::string> missing_ids;
};

// The use cases of user-service, one method per RPC: validate the input, run the storage
// statements in one transaction, and write a user-upserted event to the outbox in that same
// transaction whenever a user's public state changes. Expected failures come back as errors
// (INVALID_ARGUMENT, ALREADY_EXISTS, UNAUTHENTICATED, NOT_FOUND); database failures throw and
// are mapped at the gRPC edge. Thread-safe.
class UserAccounts {
 public:
  // `events_topic` receives the user-upserted events (USER_EVENTS_TOPIC).
  UserAccounts(pg::Pool& pool, auth::PasswordHasher& hasher, const auth::TokenIssuer& tokens,
               std::string events_topic = std::string(events::kUserEventsTopic));

  core::Result<Session> register_user(const domain::RegistrationInput& input);
  // An unknown email and a wrong password give the same error after the same work.
  core::Result<Session> login(const domain::LoginInput& input);
  core::Result<domain::User> get_user(std::string_view id);
  core::Result<UserBatch> get_users(const std::vector<std::string>& ids);
  // Applies the fields present in `patch`; a patch that changes nothing writes nothing.
  core::Result<domain::User> update_preferences(std::string_view user_id,
                                                const domain::PreferencesPatch& patch);

 private:
  pg::Pool& pool_;
  auth::PasswordHasher& hasher_;
  const auth::TokenIssuer& tokens_;
  std::string events_topic_;
};

}  // namespace ecn::user::app
