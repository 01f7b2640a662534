#include "settings.hpp"

#include "auth/password_hasher.hpp"
#include "auth/token_issuer.hpp"
#include "ecn/service/service.hpp"
#include "events/user_events.hpp"

namespace ecn::user {

UserSettings declare_user_settings(core::ConfigReader& reader) {
  UserSettings settings;
  settings.jwt_secret = reader.secret(
      "JWT_SECRET", "",
      "HS256 key of the tokens, shared with the gateway; required, at least 32 bytes");
  settings.jwt_ttl = std::chrono::seconds(reader.integer(
      "JWT_TTL_SECONDS", 86400, 60, 31'536'000, "lifetime of the tokens Register and Login sign"));
  settings.jwt_issuer =
      reader.string("JWT_ISSUER", "ecommerce-user-service", "the iss claim of the tokens");
  settings.password_hash_concurrency =
      reader.integer("PASSWORD_HASH_CONCURRENCY", 2, 1, auth::kMaxHashConcurrency,
                     "argon2id hashes computed at once (each holds 64 MiB for about 0.1 s)");
  settings.user_events_topic = service::declare_topic_setting(
      reader, "USER_EVENTS_TOPIC", events::kUserEventsTopic,
      "topic of user-upserted events (compacted); notification-service reads the same setting");
  return settings;
}

std::optional<std::string> jwt_secret_problem(std::string_view secret) {
  if (secret.empty()) return "required (at least 32 bytes), not set";
  if (secret.size() < auth::kMinSecretBytes) {
    return "at least 32 bytes required, got " + std::to_string(secret.size());
  }
  return std::nullopt;
}

}  // namespace ecn::user
