// user-service's own settings: defaults, bounds, and the required signing key.
#include "settings.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::core::ConfigReader;
using ecn::core::ConfigSources;

ConfigReader reader_with(std::map<std::string, std::string, std::less<>> environment,
                         std::vector<std::string> arguments = {}) {
  return ConfigReader(std::move(arguments), "user-service", "test",
                      ConfigSources{.environment = std::move(environment)});
}

TEST(UserSettings, HaveTheDocumentedDefaults) {
  auto reader = reader_with({});
  const auto settings = ecn::user::declare_user_settings(reader);
  EXPECT_TRUE(reader.errors().empty());
  EXPECT_EQ(settings.jwt_secret, "");
  EXPECT_EQ(settings.jwt_ttl, std::chrono::seconds(86400));
  EXPECT_EQ(settings.jwt_issuer, "ecommerce-user-service");
  EXPECT_EQ(settings.password_hash_concurrency, 2);
}

TEST(UserSettings, ReadTheEnvironmentAndNameBadValues) {
  auto reader = reader_with(
      {{"JWT_SECRET", std::string(40, 's')}, {"JWT_TTL_SECONDS", "3600"}, {"JWT_ISSUER", "shop"}});
  const auto settings = ecn::user::declare_user_settings(reader);
  EXPECT_EQ(settings.jwt_secret, std::string(40, 's'));
  EXPECT_EQ(settings.jwt_ttl, std::chrono::seconds(3600));
  EXPECT_EQ(settings.jwt_issuer, "shop");

  auto bad = reader_with({{"JWT_TTL_SECONDS", "soon"}, {"PASSWORD_HASH_CONCURRENCY", "0"}});
  (void)ecn::user::declare_user_settings(bad);
  const auto outcome = bad.finish();
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.stderr_text.find("JWT_TTL_SECONDS"), std::string::npos);
  EXPECT_NE(outcome.stderr_text.find("PASSWORD_HASH_CONCURRENCY"), std::string::npos);
}

TEST(UserSettings, HelpListsThemWithoutTheSecret) {
  auto reader = reader_with({{"JWT_SECRET", "very-secret-value-of-32-bytes-or-more"}}, {"--help"});
  (void)ecn::user::declare_user_settings(reader);
  const auto help = reader.help_text();
  for (const char* name :
       {"JWT_SECRET", "JWT_TTL_SECONDS", "JWT_ISSUER", "PASSWORD_HASH_CONCURRENCY"}) {
    EXPECT_NE(help.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(help.find("very-secret"), std::string::npos);
}

TEST(UserJwtSecretProblem, RequiresAtLeast32Bytes) {
  const auto missing = ecn::user::jwt_secret_problem("");
  ASSERT_TRUE(missing);
  EXPECT_NE(missing->find("required"), std::string::npos);
  const auto short_one = ecn::user::jwt_secret_problem(std::string(31, 'k'));
  ASSERT_TRUE(short_one);
  EXPECT_NE(short_one->find("got 31"), std::string::npos);
  EXPECT_FALSE(ecn::user::jwt_secret_problem(std::string(32, 'k')));
}

}  // namespace
