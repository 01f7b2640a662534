#include "ecn/core/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ecn::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A .env file in the temp directory, removed at the end of the test.
class TempEnvFile {
 public:
  explicit TempEnvFile(std::string_view content) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("ecn_config_") + info->name() + "_" + std::to_string(getpid()) + ".env");
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempEnvFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

ConfigSources env(std::map<std::string, std::string, std::less<>> values,
                  std::string env_file = {}) {
  return ConfigSources{std::move(values), std::move(env_file)};
}

ConfigReader reader_with(ConfigSources sources, std::vector<std::string> args = {}) {
  return ConfigReader(std::move(args), "user-service", "users and preferences", std::move(sources));
}

TEST(ConfigReaderTest, ReturnsDefaultsWhenNothingIsSet) {
  auto reader = reader_with(env({}));
  EXPECT_EQ(reader.string("DATABASE_URL", "postgresql://localhost/users", "db"),
            "postgresql://localhost/users");
  EXPECT_EQ(reader.integer("JWT_TTL_SECONDS", 3600, 60, 86400, "ttl"), 3600);
  EXPECT_TRUE(reader.boolean("FLAG", true, "flag"));
  EXPECT_EQ(reader.choice("LOG_FORMAT", "json", {"json", "text"}, "format"), "json");
  EXPECT_EQ(reader.address("GRPC_ADDR", ":50051", "grpc"), (HostPort{"", 50051}));
  EXPECT_EQ(reader.duration_ms("TIMEOUT", std::chrono::seconds(5), "t"),
            std::chrono::milliseconds(5000));
  EXPECT_THAT(reader.errors(), IsEmpty());
  const ConfigOutcome outcome = reader.finish();
  EXPECT_TRUE(outcome.proceed);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.stdout_text, "");
  EXPECT_EQ(outcome.stderr_text, "");
}

TEST(ConfigReaderTest, ParsesEveryTypeFromTheEnvironment) {
  auto reader = reader_with(env({{"NAME", "shop"},
                                 {"TOKEN", "s3cr3t"},
                                 {"PORT", "8081"},
                                 {"NEGATIVE", "-5"},
                                 {"ON", "Yes"},
                                 {"OFF", "0"},
                                 {"LOG_LEVEL", "WARN"},
                                 {"V4", "127.0.0.1:9101"},
                                 {"V6", "[::1]:50051"},
                                 {"NAMED", "kafka-0.local:9092"},
                                 {"MS", "250ms"},
                                 {"S", "10s"},
                                 {"M", "5m"},
                                 {"H", "1h"},
                                 {"BARE", "1500"}}));
  EXPECT_EQ(reader.string("NAME", "x", ""), "shop");
  EXPECT_EQ(reader.secret("TOKEN", "dev", ""), "s3cr3t");
  EXPECT_EQ(reader.integer("PORT", 80, 1, 65535, ""), 8081);
  EXPECT_EQ(reader.integer("NEGATIVE", 0, -10, 10, ""), -5);
  EXPECT_TRUE(reader.boolean("ON", false, ""));
  EXPECT_FALSE(reader.boolean("OFF", true, ""));
  // Matched ignoring case, returned as declared.
  EXPECT_EQ(reader.choice("LOG_LEVEL", "info", {"debug", "info", "warn"}, ""), "warn");
  EXPECT_EQ(reader.address("V4", ":1", ""), (HostPort{"127.0.0.1", 9101}));
  EXPECT_EQ(reader.address("V6", ":1", ""), (HostPort{"::1", 50051}));
  EXPECT_EQ(reader.address("NAMED", ":1", ""), (HostPort{"kafka-0.local", 9092}));
  EXPECT_EQ(reader.duration_ms("MS", {}, ""), std::chrono::milliseconds(250));
  EXPECT_EQ(reader.duration_ms("S", {}, ""), std::chrono::seconds(10));
  EXPECT_EQ(reader.duration_ms("M", {}, ""), std::chrono::minutes(5));
  EXPECT_EQ(reader.duration_ms("H", {}, ""), std::chrono::hours(1));
  EXPECT_EQ(reader.duration_ms("BARE", {}, ""), std::chrono::milliseconds(1500));
  EXPECT_THAT(reader.errors(), IsEmpty());
  EXPECT_TRUE(reader.finish().proceed);
}

TEST(ConfigReaderTest, EmptyEnvironmentValueIsAValueForStrings) {
  auto reader = reader_with(env({{"PREFIX", ""}}));
  EXPECT_EQ(reader.string("PREFIX", "default", ""), "");
}

TEST(ConfigReaderTest, ReportsEveryBadValueByNameAndExitsWithTwo) {
  auto reader = reader_with(env({{"PORT", "abc"},
                                 {"BIG", "70000"},
                                 {"FLAG", "maybe"},
                                 {"LOG_FORMAT", "xml"},
                                 {"GRPC_ADDR", "localhost"},
                                 {"TIMEOUT", "soon"},
                                 {"EMPTY_INT", ""}}));
  // A bad value yields the default so that startup code can continue to the report.
  EXPECT_EQ(reader.integer("PORT", 8080, 1, 65535, ""), 8080);
  EXPECT_EQ(reader.integer("BIG", 1, 1, 65535, ""), 1);
  EXPECT_FALSE(reader.boolean("FLAG", false, ""));
  EXPECT_EQ(reader.choice("LOG_FORMAT", "json", {"json", "text"}, ""), "json");
  EXPECT_EQ(reader.address("GRPC_ADDR", ":50051", ""), (HostPort{"", 50051}));
  EXPECT_EQ(reader.duration_ms("TIMEOUT", std::chrono::seconds(1), ""), std::chrono::seconds(1));
  EXPECT_EQ(reader.integer("EMPTY_INT", 3, 0, 10, ""), 3);

  const ConfigOutcome outcome = reader.finish();
  EXPECT_FALSE(outcome.proceed);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.stdout_text, "");
  EXPECT_EQ(outcome.stderr_text,
            "config: PORT: expected an integer in 1..65535, got \"abc\"\n"
            "config: BIG: expected an integer in 1..65535, got \"70000\"\n"
            "config: FLAG: expected a boolean (true/false, 1/0, yes/no, on/off), got \"maybe\"\n"
            "config: LOG_FORMAT: expected one of json|text, got \"xml\"\n"
            "config: GRPC_ADDR: expected host:port, [ipv6]:port or :port with a port in "
            "0..65535, got \"localhost\"\n"
            "config: TIMEOUT: expected a duration such as 250ms, 10s, 5m or 1h (a bare number "
            "is milliseconds), got \"soon\"\n"
            "config: EMPTY_INT: expected an integer in 0..10, got \"\"\n");
}

TEST(ConfigReaderTest, RejectsIntegersWithTrailingText) {
  auto reader = reader_with(env({{"N", "12abc"}, {"OVERFLOW", "99999999999999999999"}}));
  reader.integer("N", 1, 0, 100, "");
  reader.integer("OVERFLOW", 1, 0, 100, "");
  EXPECT_EQ(reader.errors().size(), 2U);
}

TEST(ConfigReaderTest, EnvironmentWinsOverEnvFileWhichWinsOverDefault) {
  TempEnvFile file("PORT=7000\nNAME=from-file\n");
  auto reader = reader_with(env({{"PORT", "9000"}}, file.path()));
  EXPECT_EQ(reader.integer("PORT", 8000, 1, 65535, ""), 9000);
  EXPECT_EQ(reader.string("NAME", "default", ""), "from-file");
  EXPECT_EQ(reader.string("OTHER", "default", ""), "default");
  ASSERT_EQ(reader.entries().size(), 3U);
  EXPECT_EQ(reader.entries()[0].origin, ConfigOrigin::kEnvironment);
  EXPECT_EQ(reader.entries()[1].origin, ConfigOrigin::kEnvFile);
  EXPECT_EQ(reader.entries()[2].origin, ConfigOrigin::kDefault);
  EXPECT_TRUE(reader.finish().proceed);
}

TEST(ConfigReaderTest, MalformedEnvFileLineIsAnErrorNamingFileAndLine) {
  TempEnvFile file("# settings\nPORT=7000\nthis line is wrong\nNAME=\"unterminated\n");
  auto reader = reader_with(env({}, file.path()));
  EXPECT_EQ(reader.integer("PORT", 1, 1, 65535, ""), 7000);
  EXPECT_THAT(reader.errors(),
              ElementsAre("config: " + file.path() + ":3: expected KEY=value",
                          "config: " + file.path() + ":4: unterminated double-quoted value"));
  EXPECT_EQ(reader.finish().exit_code, 2);
}

TEST(ConfigReaderTest, MissingEnvFileIsFine) {
  auto reader = reader_with(env({}, "/nonexistent/dir/.env"));
  EXPECT_EQ(reader.string("A", "x", ""), "x");
  EXPECT_TRUE(reader.finish().proceed);
}

TEST(ConfigReaderTest, EnvFilePathThatIsADirectoryIsAnError) {
  auto reader = reader_with(env({}, std::filesystem::temp_directory_path().string()));
  EXPECT_THAT(reader.errors(), ElementsAre(HasSubstr("cannot be read")));
}

TEST(ConfigReaderTest, EmptyEnvFileIsFine) {
  TempEnvFile file("");
  auto reader = reader_with(env({}, file.path()));
  EXPECT_THAT(reader.errors(), IsEmpty());
}

TEST(ConfigReaderTest, HelpListsEveryVariableWithDefaultAndHidesSecrets) {
  TempEnvFile file("JWT_SECRET=from-file-secret\n");
  auto reader = reader_with(env({{"ADMIN_SECRET_KEY", "env-secret"}}, file.path()), {"--help"});
  reader.address("GRPC_ADDR", ":50051", "where the gRPC API listens");
  reader.secret("JWT_SECRET", "dev-secret-value", "HS256 signing key");
  reader.secret("ADMIN_SECRET_KEY", "", "admin key");
  reader.integer("JWT_TTL_SECONDS", 3600, 60, 86400, "token lifetime");
  reader.choice("LOG_FORMAT", "json", {"json", "text"}, "log line format");
  reader.string("PREFIX", "", "key prefix");

  const ConfigOutcome outcome = reader.finish();
  EXPECT_FALSE(outcome.proceed);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.stderr_text, "");
  EXPECT_EQ(outcome.stdout_text,
            "user-service - users and preferences\n"
            "\n"
            "Usage: user-service [-h|--help] [ARGS...]\n"
            "\n"
            "Configuration is read from environment variables, then from " +
                file.path() +
                " for variables the environment does not set.\n"
                "\n"
                "  VARIABLE          TYPE               DEFAULT   DESCRIPTION\n"
                "  GRPC_ADDR         host:port          :50051    where the gRPC API listens\n"
                "  JWT_SECRET        secret             (secret)  HS256 signing key\n"
                "  ADMIN_SECRET_KEY  secret             (secret)  admin key\n"
                "  JWT_TTL_SECONDS   integer 60..86400  3600      token lifetime\n"
                "  LOG_FORMAT        json|text          json      log line format\n"
                "  PREFIX            string             \"\"        key prefix\n");
  for (const char* secret : {"dev-secret-value", "from-file-secret", "env-secret"}) {
    EXPECT_THAT(outcome.stdout_text, Not(HasSubstr(secret)));
  }
}

TEST(ConfigReaderTest, HelpWinsOverErrors) {
  auto reader = reader_with(env({{"PORT", "x"}}), {"-h"});
  reader.integer("PORT", 1, 1, 2, "");
  const ConfigOutcome outcome = reader.finish();
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.stdout_text, HasSubstr("PORT"));
}

TEST(ConfigReaderTest, EntriesShowEffectiveValuesButNeverSecrets) {
  auto reader = reader_with(env({{"JWT_SECRET", "hunter2"}, {"PORT", "81"}}));
  reader.secret("JWT_SECRET", "", "");
  reader.integer("PORT", 80, 1, 65535, "");
  ASSERT_EQ(reader.entries().size(), 2U);
  EXPECT_EQ(reader.entries()[0].value_text, "(secret)");
  EXPECT_TRUE(reader.entries()[0].secret);
  EXPECT_EQ(reader.entries()[1].value_text, "81");
}

TEST(ConfigReaderTest, KeepsPositionalArguments) {
  auto reader = reader_with(env({}), {"migrate", "down", "-1"});
  EXPECT_THAT(reader.args(), ElementsAre("migrate", "down", "-1"));
  EXPECT_FALSE(reader.help_requested());
  EXPECT_TRUE(reader.finish().proceed);
}

TEST(ConfigReaderTest, DoubleDashEndsOptions) {
  auto reader = reader_with(env({}), {"--", "--help", "-x"});
  EXPECT_THAT(reader.args(), ElementsAre("--help", "-x"));
  EXPECT_FALSE(reader.help_requested());
}

TEST(ConfigReaderTest, UnknownOptionIsAnError) {
  auto reader = reader_with(env({}), {"--verbose"});
  EXPECT_THAT(reader.errors(), ElementsAre("config: unknown option --verbose (see --help)"));
  EXPECT_EQ(reader.finish().exit_code, 2);
}

TEST(ConfigReaderTest, ArgvConstructorSkipsProgramName) {
  const char* argv[] = {"/usr/bin/user-service", "migrate", "up"};
  ConfigReader reader(3, argv, "user-service", "users");
  EXPECT_THAT(reader.args(), ElementsAre("migrate", "up"));
}

TEST(ConfigReaderTest, ProgrammingMistakesThrow) {
  auto reader = reader_with(env({}));
  reader.string("A", "", "");
  EXPECT_THROW(reader.string("A", "", ""), std::logic_error);
  EXPECT_THROW(reader.string("1BAD", "", ""), std::logic_error);
  EXPECT_THROW(reader.integer("B", 0, 1, 10, ""), std::logic_error);
  EXPECT_THROW(reader.choice("C", "xml", {"json", "text"}, ""), std::logic_error);
  EXPECT_THROW(reader.address("D", "nope", ""), std::logic_error);
}

TEST(ConfigReaderTest, RejectReportsAProblemBeyondTheTypeWithTheOthers) {
  auto reader = reader_with(env({{"PORT", "abc"}}));
  reader.integer("PORT", 8080, 1, 65535, "port");
  const auto secret = reader.secret("API_SECRET", "", "a key that must be set");
  if (secret.empty()) reader.reject("API_SECRET", "required, not set");
  const auto outcome = reader.finish();
  EXPECT_FALSE(outcome.proceed);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.stderr_text.find("config: PORT: expected"), std::string::npos);
  EXPECT_NE(outcome.stderr_text.find("config: API_SECRET: required, not set"), std::string::npos)
      << outcome.stderr_text;
}

}  // namespace
}  // namespace ecn::core
