#include "auth/jwt_verifier.hpp"

#include <jwt.h>
#include <sodium.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <memory>
#include <optional>

namespace ecn::gateway::auth {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::string_view kPinnedAlgorithm = "HS256";

Error refused(std::string message) {
  return Error(ErrorCode::kUnauthenticated, std::move(message));
}

std::optional<std::string> decode_base64url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

// Reads the header ourselves before libjwt sees the token, so the algorithm is decided by us
// and never by the token (libjwt would otherwise verify whatever `alg` names).
bool header_names_pinned_algorithm(std::string_view encoded_header) {
  const auto header = decode_base64url(encoded_header);
  if (!header) return false;
  boost::system::error_code ec;
  const auto value = boost::json::parse(*header, ec);
  if (ec || !value.is_object()) return false;
  const auto* alg = value.as_object().if_contains("alg");
  return alg != nullptr && alg->is_string() && alg->as_string() == kPinnedAlgorithm;
}

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

// The integer grant, or nullopt when absent (libjwt reports absence through errno).
std::optional<long> int_grant(jwt_t* jwt, const char* name) {
  errno = 0;
  const long value = jwt_get_grant_int(jwt, name);
  if (errno != 0) return std::nullopt;
  return value;
}

}  // namespace

JwtVerifier::JwtVerifier(std::string secret, std::string issuer, std::chrono::seconds leeway)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), leeway_(leeway) {}

core::Result<JwtClaims> JwtVerifier::verify(std::string_view token) const {
  return verify(token, std::chrono::system_clock::now());
}

core::Result<JwtClaims> JwtVerifier::verify(std::string_view token,
                                            std::chrono::system_clock::time_point now) const {
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot == std::string_view::npos ? 0 : first_dot + 1);
  if (first_dot == std::string_view::npos || second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos || second_dot + 1 == token.size()) {
    return refused("malformed token");
  }
  if (!header_names_pinned_algorithm(token.substr(0, first_dot))) {
    return refused("token algorithm not accepted");
  }
  const std::string text(token);
  jwt_t* raw = nullptr;
  const int rc =
      jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                 static_cast<int>(secret_.size()));
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  if (rc != 0 || !jwt) return refused("invalid token signature");
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return refused("token algorithm not accepted");

  const auto now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto exp = int_grant(jwt.get(), "exp");
  if (!exp) return refused("token has no exp");
  if (now_seconds >= *exp + leeway_.count()) return refused("token expired");
  if (const auto nbf = int_grant(jwt.get(), "nbf"); nbf && now_seconds + leeway_.count() < *nbf) {
    return refused("token not yet valid");
  }
  const char* iss = jwt_get_grant(jwt.get(), "iss");
  if (iss == nullptr || issuer_ != iss) return refused("token issuer not accepted");
  const char* sub = jwt_get_grant(jwt.get(), "sub");
  if (sub == nullptr || *sub == '\0') return refused("token has no sub");
  return JwtClaims{sub, *exp};
}

}  // namespace ecn::gateway::auth
