#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecn/core/config.hpp"

namespace ecn::user {

// The settings only user-service has (the common ones are the service runtime's).
struct UserSettings {
  std::string jwt_secret;
  std::chrono::seconds jwt_ttl{86400};
  std::string jwt_issuer;
  std::int64_t password_hash_concurrency = 2;
  std::string user_events_topic = "user-events";  // USER_EVENTS_TOPIC
};

// Declares JWT_SECRET, JWT_TTL_SECONDS, JWT_ISSUER, PASSWORD_HASH_CONCURRENCY and
// USER_EVENTS_TOPIC on the reader
// (so --help lists them) and returns their values.
UserSettings declare_user_settings(core::ConfigReader& reader);

// Why the secret cannot sign tokens ("config: JWT_SECRET: ..."), or nullopt when it can. The
// reader has no notion of a required variable, so the caller reports this one itself.
std::optional<std::string> jwt_secret_problem(std::string_view secret);

}  // namespace ecn::user
