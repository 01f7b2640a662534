#include "auth/jwt_verifier.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "test_tokens.hpp"

namespace ecn::gateway::auth {
namespace {

using namespace std::chrono_literals;

const std::string kSecret = "0123456789abcdef0123456789abcdef-test-secret";
const std::string kIssuer = "ecommerce-user-service";
constexpr std::int64_t kNow = 1'800'000'000;

std::chrono::system_clock::time_point at(std::int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

// A token signed by libjwt itself, as user-service signs them.
std::string sign(jwt_alg_t alg, const std::string& key, std::int64_t exp,
                 std::optional<std::int64_t> nbf = std::nullopt, std::string issuer = kIssuer) {
  return testing::sign_token(alg, key,
                             {.subject = "0190a0b0-0000-7000-8000-000000000001",
                              .exp = exp,
                              .nbf = nbf,
                              .issuer = std::move(issuer)});
}

using testing::base64url;

class JwtVerifierTest : public ::testing::Test {
 protected:
  JwtVerifier verifier_{kSecret, kIssuer};
};

TEST_F(JwtVerifierTest, AcceptsAValidHs256Token) {
  const auto claims = verifier_.verify(sign(JWT_ALG_HS256, kSecret, kNow + 60), at(kNow));
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->subject, "0190a0b0-0000-7000-8000-000000000001");
  EXPECT_EQ(claims->expires_at, kNow + 60);
}

TEST_F(JwtVerifierTest, RejectsAnExpiredToken) {
  const auto claims = verifier_.verify(sign(JWT_ALG_HS256, kSecret, kNow - 1), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(claims.error().message, "token expired");
}

TEST_F(JwtVerifierTest, RejectsATokenWhoseNbfIsInTheFuture) {
  const auto claims =
      verifier_.verify(sign(JWT_ALG_HS256, kSecret, kNow + 600, kNow + 60), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "token not yet valid");
  EXPECT_TRUE(verifier_.verify(sign(JWT_ALG_HS256, kSecret, kNow + 600, kNow), at(kNow)));
}

TEST_F(JwtVerifierTest, RejectsATokenSignedWithAnotherKey) {
  const auto claims = verifier_.verify(
      sign(JWT_ALG_HS256, "another-secret-another-secret-another", kNow + 60), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "invalid token signature");
}

TEST_F(JwtVerifierTest, RejectsAlgNone) {
  const std::string payload = base64url(R"({"sub":"u1","iss":")" + kIssuer + R"(","exp":)" +
                                        std::to_string(kNow + 60) + "}");
  for (const std::string header : {R"({"alg":"none","typ":"JWT"})", R"({"alg":"NONE"})"}) {
    const auto claims = verifier_.verify(base64url(header) + "." + payload + ".", at(kNow));
    ASSERT_FALSE(claims) << header;
    EXPECT_EQ(claims.error().code, core::ErrorCode::kUnauthenticated);
  }
  // With a signature segment that is not empty, still refused for its algorithm.
  const auto claims =
      verifier_.verify(base64url(R"({"alg":"none"})") + "." + payload + ".c2ln", at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "token algorithm not accepted");
}

TEST_F(JwtVerifierTest, RejectsHs512EvenWithTheRightKey) {
  const auto claims = verifier_.verify(sign(JWT_ALG_HS512, kSecret, kNow + 60), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "token algorithm not accepted");
}

TEST_F(JwtVerifierTest, RejectsATamperedPayload) {
  const std::string token = sign(JWT_ALG_HS256, kSecret, kNow + 60);
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const std::string forged = base64url(R"({"sub":"someone-else","iss":")" + kIssuer +
                                       R"(","exp":)" + std::to_string(kNow + 60) + "}");
  const auto claims =
      verifier_.verify(token.substr(0, first + 1) + forged + token.substr(second), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "invalid token signature");
}

TEST_F(JwtVerifierTest, RejectsAnotherIssuer) {
  const auto claims =
      verifier_.verify(sign(JWT_ALG_HS256, kSecret, kNow + 60, std::nullopt, "evil"), at(kNow));
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().message, "token issuer not accepted");
}

TEST_F(JwtVerifierTest, RejectsMalformedTokens) {
  for (const std::string token : {"", "abc", "a.b", "a.b.c.d", "!!!.???.sig"}) {
    EXPECT_FALSE(verifier_.verify(token, at(kNow))) << token;
  }
}

}  // namespace
}  // namespace ecn::gateway::auth
