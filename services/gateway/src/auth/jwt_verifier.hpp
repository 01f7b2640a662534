#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "ecn/core/status.hpp"

namespace ecn::gateway::auth {

// The claims the gateway relies on from a verified token.
struct JwtClaims {
  std::string subject;  // the user id
  std::int64_t expires_at = 0;
};

// Verifies user-service's tokens: HS256 only (the algorithm is pinned, so `none`, HS512 or an
// RSA key confusion never pass), the signature with JWT_SECRET, `exp`, `nbf` and `iss`.
class JwtVerifier {
 public:
  // Tokens expired by at most `leeway` still pass, for clock skew between hosts.
  JwtVerifier(std::string secret, std::string issuer,
              std::chrono::seconds leeway = std::chrono::seconds(0));

  // The claims, or UNAUTHENTICATED naming why the token was refused.
  core::Result<JwtClaims> verify(std::string_view token) const;
  core::Result<JwtClaims> verify(std::string_view token,
                                 std::chrono::system_clock::time_point now) const;

 private:
  std::string secret_;
  std::string issuer_;
  std::chrono::seconds leeway_;
};

}  // namespace ecn::gateway::auth
