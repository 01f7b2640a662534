#include "auth/token_issuer.hpp"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace ecn::user::auth {
namespace {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const noexcept { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct MallocDeleter {
  void operator()(char* text) const noexcept { std::free(text); }
};

const unsigned char* key_bytes(const std::string& secret) {
  return reinterpret_cast<const unsigned char*>(secret.data());
}

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string("jwt: ") + what + " failed");
}

core::Error rejected(std::string_view why) {
  return core::Error{core::ErrorCode::kUnauthenticated, "token: " + std::string(why)};
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace

TokenIssuer::TokenIssuer(TokenSettings settings) : settings_(std::move(settings)) {
  if (settings_.secret.size() < kMinSecretBytes) {
    throw std::invalid_argument("JWT secret must be at least 32 bytes");
  }
  if (settings_.ttl < std::chrono::seconds(1)) {
    throw std::invalid_argument("JWT lifetime must be at least 1 s");
  }
}

IssuedToken TokenIssuer::issue(std::string_view user_id,
                               std::chrono::system_clock::time_point now) const {
  jwt_t* raw = nullptr;
  check(jwt_new(&raw), "jwt_new");
  JwtPtr jwt(raw);
  const std::int64_t issued_at = unix_seconds(now);
  const std::int64_t expires_at = issued_at + settings_.ttl.count();
  check(jwt_add_grant(jwt.get(), "sub", std::string(user_id).c_str()), "sub");
  check(jwt_add_grant(jwt.get(), "iss", settings_.issuer.c_str()), "iss");
  check(jwt_add_grant_int(jwt.get(), "iat", static_cast<long>(issued_at)), "iat");
  check(jwt_add_grant_int(jwt.get(), "exp", static_cast<long>(expires_at)), "exp");
  check(jwt_set_alg(jwt.get(), JWT_ALG_HS256, key_bytes(settings_.secret),
                    static_cast<int>(settings_.secret.size())),
        "jwt_set_alg");
  std::unique_ptr<char, MallocDeleter> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) throw std::runtime_error("jwt: encoding failed");
  return IssuedToken{std::string(encoded.get()),
                     std::chrono::system_clock::time_point(std::chrono::seconds(expires_at))};
}

core::Result<TokenClaims> TokenIssuer::verify(std::string_view token,
                                              std::chrono::system_clock::time_point now) const {
  jwt_t* raw = nullptr;
  const std::string text(token);
  // jwt_decode checks the signature with the algorithm the token names, using our key.
  if (jwt_decode(&raw, text.c_str(), key_bytes(settings_.secret),
                 static_cast<int>(settings_.secret.size())) != 0) {
    if (raw != nullptr) jwt_free(raw);
    return rejected("invalid signature or format");
  }
  JwtPtr jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return rejected("algorithm must be HS256");

  TokenClaims claims;
  const char* subject = jwt_get_grant(jwt.get(), "sub");
  const char* issuer = jwt_get_grant(jwt.get(), "iss");
  if (subject == nullptr || *subject == '\0') return rejected("no subject");
  if (issuer == nullptr || settings_.issuer != issuer) return rejected("wrong issuer");
  claims.subject = subject;
  claims.issuer = issuer;
  errno = 0;
  claims.issued_at = jwt_get_grant_int(jwt.get(), "iat");
  if (errno != 0) return rejected("no iat");
  claims.expires_at = jwt_get_grant_int(jwt.get(), "exp");
  if (errno != 0) return rejected("no exp");
  if (unix_seconds(now) >= claims.expires_at) return rejected("expired");
  return claims;
}

}  // namespace ecn::user::auth
