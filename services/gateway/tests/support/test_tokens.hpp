#pragma once

#include <jwt.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecn::gateway::testing {

// The claims of a test token; the issuer is user-service's unless a test says otherwise.
struct TokenClaims {
  std::string subject;
  std::int64_t exp = 0;
  std::optional<std::int64_t> nbf;
  std::string issuer = "ecommerce-user-service";
};

// A token signed by libjwt itself, as user-service signs them. Throws when libjwt refuses.
std::string sign_token(jwt_alg_t alg, std::string_view key, const TokenClaims& claims);

// base64url without padding, the encoding of a JWT's parts (for hand-made forgeries).
std::string base64url(std::string_view text);

}  // namespace ecn::gateway::testing
