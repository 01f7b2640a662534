// JWTs: the claims we sign, and the tokens verification must refuse.
#include "auth/token_issuer.hpp"

#include <gtest/gtest.h>
#include <jwt.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace {

using ecn::user::auth::TokenIssuer;
using ecn::user::auth::TokenSettings;
using namespace std::chrono_literals;

const std::string kSecret = "0123456789abcdef0123456789abcdef-test";
const std::string kIssuer = "ecommerce-user-service";
const std::string kUserId = "0190a5f0-7e5b-7cc1-8a3e-0123456789ab";
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

TokenIssuer issuer(std::chrono::seconds ttl = 3600s) {
  return TokenIssuer(TokenSettings{.secret = kSecret, .issuer = kIssuer, .ttl = ttl});
}

// A token made with libjwt directly, to forge what an attacker or a misconfigured peer sends.
std::string forge(jwt_alg_t alg, const std::string& key, const std::string& sub,
                  const std::string& iss, long iat, long exp) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new");
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
  if (!sub.empty()) jwt_add_grant(jwt.get(), "sub", sub.c_str());
  jwt_add_grant(jwt.get(), "iss", iss.c_str());
  jwt_add_grant_int(jwt.get(), "iat", iat);
  jwt_add_grant_int(jwt.get(), "exp", exp);
  const auto* key_bytes = reinterpret_cast<const unsigned char*>(key.data());
  if (jwt_set_alg(jwt.get(), alg, alg == JWT_ALG_NONE ? nullptr : key_bytes,
                  alg == JWT_ALG_NONE ? 0 : static_cast<int>(key.size())) != 0) {
    throw std::runtime_error("jwt_set_alg");
  }
  std::unique_ptr<char, decltype(&std::free)> text(jwt_encode_str(jwt.get()), &std::free);
  return text.get();
}

std::string base64url_decode(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    value = (value << 6) | static_cast<unsigned>(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

// The JSON of one dot-separated part of a token (0: header, 1: claims).
boost::json::object part(const std::string& token, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = token.find('.', start) + 1;
  const auto text = std::string_view(token).substr(start, token.find('.', start) - start);
  return boost::json::parse(base64url_decode(text)).as_object();
}

void expect_refused(const TokenIssuer& tokens, const std::string& token, const std::string& why) {
  const auto result = tokens.verify(token, kNow);
  ASSERT_FALSE(result) << "accepted a token that is " << why;
  EXPECT_EQ(result.error().code, ecn::core::ErrorCode::kUnauthenticated) << why;
}

TEST(UserTokenIssuer, SignsHs256WithSubIatExpAndIss) {
  const auto issued = issuer(3600s).issue(kUserId, kNow);
  const auto header = part(issued.token, 0);
  EXPECT_EQ(header.at("alg").as_string(), "HS256");
  const auto claims = part(issued.token, 1);
  EXPECT_EQ(claims.at("sub").as_string(), kUserId);
  EXPECT_EQ(claims.at("iss").as_string(), kIssuer);
  EXPECT_EQ(claims.at("iat").as_int64(), 1'800'000'000);
  EXPECT_EQ(claims.at("exp").as_int64(), 1'800'003'600);
  EXPECT_EQ(claims.size(), 4u);
  EXPECT_EQ(issued.expires_at, kNow + 3600s);
}

TEST(UserTokenIssuer, VerifiesItsOwnTokensUntilTheyExpire) {
  const auto tokens = issuer(3600s);
  const auto issued = tokens.issue(kUserId, kNow);
  const auto claims = tokens.verify(issued.token, kNow + 3599s);
  ASSERT_TRUE(claims) << claims.error();
  EXPECT_EQ(claims->subject, kUserId);
  EXPECT_EQ(claims->issuer, kIssuer);
  EXPECT_EQ(claims->issued_at, 1'800'000'000);
  EXPECT_EQ(claims->expires_at, 1'800'003'600);

  const auto expired = tokens.verify(issued.token, kNow + 3600s);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ecn::core::ErrorCode::kUnauthenticated);
}

TEST(UserTokenIssuer, RefusesATokenSignedWithAnotherKey) {
  const long iat = 1'800'000'000;
  expect_refused(issuer(),
                 forge(JWT_ALG_HS256, "another-secret-of-at-least-32-bytes!!", kUserId, kIssuer,
                       iat, iat + 60),
                 "signed with another key");
  // The same holds the other way round: our token under another issuer's key.
  const TokenIssuer other(
      TokenSettings{.secret = "another-secret-of-at-least-32-bytes!!", .issuer = kIssuer});
  expect_refused(other, issuer().issue(kUserId, kNow).token, "signed with our key");
}

TEST(UserTokenIssuer, RefusesAnotherAlgorithmEvenWithOurKey) {
  const long iat = 1'800'000'000;
  expect_refused(issuer(), forge(JWT_ALG_HS512, kSecret, kUserId, kIssuer, iat, iat + 60),
                 "HS512 with our key");
  expect_refused(issuer(), forge(JWT_ALG_HS384, kSecret, kUserId, kIssuer, iat, iat + 60),
                 "HS384 with our key");
  expect_refused(issuer(), forge(JWT_ALG_NONE, kSecret, kUserId, kIssuer, iat, iat + 60),
                 "unsigned (alg none)");
}

TEST(UserTokenIssuer, RefusesWrongIssuerMissingSubjectAndTampering) {
  const long iat = 1'800'000'000;
  // A correctly signed control token passes, so the refusals below are about the one change.
  ASSERT_TRUE(
      issuer().verify(forge(JWT_ALG_HS256, kSecret, kUserId, kIssuer, iat, iat + 60), kNow));
  expect_refused(issuer(), forge(JWT_ALG_HS256, kSecret, kUserId, "someone-else", iat, iat + 60),
                 "from another issuer");
  expect_refused(issuer(), forge(JWT_ALG_HS256, kSecret, "", kIssuer, iat, iat + 60),
                 "without a subject");

  auto token = issuer().issue(kUserId, kNow).token;
  const auto dot = token.find('.');
  token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';  // flip a byte of the claims
  expect_refused(issuer(), token, "tampered with");
  expect_refused(issuer(), "not.a.token", "garbage");
  expect_refused(issuer(), "", "empty");
}

TEST(UserTokenIssuer, RefusesAShortSecret) {
  EXPECT_THROW(TokenIssuer(TokenSettings{.secret = std::string(31, 'k'), .issuer = kIssuer}),
               std::invalid_argument);
  EXPECT_NO_THROW(TokenIssuer(TokenSettings{.secret = std::string(32, 'k'), .issuer = kIssuer}));
}

}  // namespace
