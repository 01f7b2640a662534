#include "test_tokens.hpp"

#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace ecn::gateway::testing {
namespace {

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("libjwt: ") + what + " failed");
}

}  // namespace

std::string sign_token(jwt_alg_t alg, std::string_view key, const TokenClaims& claims) {
  jwt_t* raw = nullptr;
  require(jwt_new(&raw) == 0, "jwt_new");
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  require(jwt_add_grant(raw, "sub", claims.subject.c_str()) == 0, "sub");
  require(jwt_add_grant(raw, "iss", claims.issuer.c_str()) == 0, "iss");
  require(jwt_add_grant_int(raw, "exp", claims.exp) == 0, "exp");
  if (claims.nbf) require(jwt_add_grant_int(raw, "nbf", *claims.nbf) == 0, "nbf");
  require(jwt_set_alg(raw, alg, reinterpret_cast<const unsigned char*>(key.data()),
                      static_cast<int>(key.size())) == 0,
          "jwt_set_alg");
  char* text = jwt_encode_str(raw);
  require(text != nullptr, "jwt_encode_str");
  std::string token(text);
  free(text);  // libjwt 1.10 allocates with malloc
  return token;
}

std::string base64url(std::string_view text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace ecn::gateway::testing
