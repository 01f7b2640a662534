#include "redis/redis_options.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::gateway::redis::parse_redis_url;

TEST(RedisUrl, HostAndPort) {
  const auto options = parse_redis_url("redis://10.0.0.5:6380");
  ASSERT_TRUE(options);
  EXPECT_EQ(options->host, "10.0.0.5");
  EXPECT_EQ(options->port, 6380);
  EXPECT_EQ(options->database, 0);
  EXPECT_TRUE(options->password.empty());
}

TEST(RedisUrl, DefaultPortCredentialsAndDatabase) {
  const auto options = parse_redis_url("redis://app:s3cret@cache.internal/2");
  ASSERT_TRUE(options);
  EXPECT_EQ(options->host, "cache.internal");
  EXPECT_EQ(options->port, 6379);
  EXPECT_EQ(options->username, "app");
  EXPECT_EQ(options->password, "s3cret");
  EXPECT_EQ(options->database, 2);
}

TEST(RedisUrl, PasswordOnlyAndIpv6) {
  const auto options = parse_redis_url("redis://:pw@[::1]:7000");
  ASSERT_TRUE(options);
  EXPECT_EQ(options->host, "::1");
  EXPECT_EQ(options->port, 7000);
  EXPECT_TRUE(options->username.empty());
  EXPECT_EQ(options->password, "pw");
}

TEST(RedisUrl, KeepsTheOtherOptions) {
  ecn::gateway::redis::RedisOptions base;
  base.command_timeout = std::chrono::milliseconds(42);
  const auto options = parse_redis_url("redis://localhost:1", base);
  ASSERT_TRUE(options);
  EXPECT_EQ(options->command_timeout.count(), 42);
}

TEST(RedisUrl, RejectsBadInputWithoutEchoingThePassword) {
  for (const auto* bad : {"http://x:1", "redis://", "redis://host:notaport", "redis://host:0",
                          "redis://host:1/x", "redis://host:99999", "redis://:topsecret@/1"}) {
    const auto options = parse_redis_url(bad);
    ASSERT_FALSE(options) << bad;
    EXPECT_EQ(options.error().code, ecn::core::ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(options.error().message.find("topsecret"), std::string::npos);
    EXPECT_EQ(options.error().message.rfind("REDIS_URL: ", 0), 0u) << bad;
  }
}

}  // namespace
