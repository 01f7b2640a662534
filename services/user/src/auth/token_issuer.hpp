#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::user::auth {

// HS256 keys shorter than the hash output weaken it (RFC 7518 §3.2).
inline constexpr std::size_t kMinSecretBytes = 32;

// What tokens are signed with and say.
struct TokenSettings {
  std::string secret;  // JWT_SECRET, shared with the gateway, which verifies tokens itself
  std::string issuer;  // the `iss` claim
  std::chrono::seconds ttl{86400};
};

// A signed token and the moment it stops being accepted.
struct IssuedToken {
  std::string token;
  std::chrono::system_clock::time_point expires_at;
};

// The claims of a verified token.
struct TokenClaims {
  std::string subject;  // the user id
  std::string issuer;
  std::int64_t issued_at = 0;   // seconds since the Unix epoch
  std::int64_t expires_at = 0;  // seconds since the Unix epoch
};

// Signs and verifies the JWTs of the system: HS256 only, with claims sub (user id), iat, exp
// (= iat + ttl) and iss. Verification pins the algorithm, because a token names its own: one
// signed with HS512 (or "none") must fail even when its signature checks out for that
// algorithm. Thread-safe (it holds only settings).
class TokenIssuer {
 public:
  // Throws std::invalid_argument for a secret shorter than kMinSecretBytes or a ttl < 1 s.
  explicit TokenIssuer(TokenSettings settings);

  IssuedToken issue(std::string_view user_id, std::chrono::system_clock::time_point now) const;

  // UNAUTHENTICATED unless the token is HS256, signed with our secret, from our issuer, has a
  // subject and is not expired at `now`.
  core::Result<TokenClaims> verify(std::string_view token,
                                   std::chrono::system_clock::time_point now) const;

 private:
  TokenSettings settings_;
};

}  // namespace ecn::user::auth
