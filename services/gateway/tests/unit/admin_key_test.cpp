#include "auth/admin_key.hpp"

#include <gtest/gtest.h>

#include "auth/authenticator.hpp"

namespace ecn::gateway::auth {
namespace {

TEST(AdminKeyTest, MatchesOnlyTheExactKey) {
  const AdminKey key("s3cret-admin-key");
  EXPECT_TRUE(key.matches("s3cret-admin-key"));
  EXPECT_FALSE(key.matches("s3cret-admin-kez"));
  EXPECT_FALSE(key.matches("s3cret-admin-key "));
  EXPECT_FALSE(key.matches("s3cret"));
  EXPECT_FALSE(key.matches(""));
}

TEST(AuthenticatorTest, BuildsTheRequestContextFromHeaders) {
  const Authenticator authenticator(JwtVerifier("k", "iss"), AdminKey("admin-key"));
  http::HttpRequest request;
  request.request_id = "r-1";
  request.headers = {{"x-api-key", "admin-key"}, {"authorization", "Basic abc"}};
  auto context = authenticator.authenticate(request);
  EXPECT_TRUE(context.is_admin);
  EXPECT_FALSE(context.user_id);
  EXPECT_EQ(context.request_id, "r-1");
  EXPECT_EQ(context.auth_error, "Authorization: expected a Bearer token");

  request.headers = {{"authorization", "Bearer not-a-token"}};
  context = authenticator.authenticate(request);
  EXPECT_FALSE(context.is_admin);
  EXPECT_FALSE(context.user_id);
  EXPECT_EQ(context.auth_error, "malformed token");

  request.headers.clear();
  context = authenticator.authenticate(request);
  EXPECT_FALSE(context.auth_error);
  EXPECT_FALSE(context.user_id);
}

}  // namespace
}  // namespace ecn::gateway::auth
