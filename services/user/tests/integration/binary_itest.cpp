// build/bin/user-service as an operator runs it: a real process, real PostgreSQL and Kafka.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include "auth/token_issuer.hpp"
#include "ecn/rpc/client.hpp"
#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"
#include "ecn/testing/temp_database.hpp"
#include "ecommerce/user/v1/user.grpc.pb.h"

namespace {

namespace pb = ecommerce::user::v1;
using ecn::testing::ChildProcess;
using ecn::testing::run_program;
using namespace std::chrono_literals;

const std::string kSecret = "binary-test-secret-0123456789abcdef!";

class UserBinaryTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> environment() const {
    return {{"DATABASE_URL", database_.url()},
            {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
            {"GRPC_ADDR", "127.0.0.1:0"},
            {"OPS_ADDR", "127.0.0.1:0"},
            {"JWT_SECRET", kSecret},
            {"JWT_TTL_SECONDS", "600"},
            {"LOG_FORMAT", "json"}};
  }

  // A port the service logged at start: "gRPC 127.0.0.1:0 (port N), ops 127.0.0.1:0 (port M)".
  static std::uint16_t logged_port(const std::string& log, const std::string& what) {
    std::smatch match;
    const std::regex pattern(what + R"( [^ ]+ \(port (\d+)\))");
    if (!std::regex_search(log, match, pattern)) return 0;
    return static_cast<std::uint16_t>(std::stoi(match[1]));
  }

  ecn::testing::TempDatabase database_;
};

TEST_F(UserBinaryTest, ServesRegisterThenStopsCleanlyOnSigterm) {
  ChildProcess service(USER_SERVICE_BINARY, {}, environment());
  ASSERT_TRUE(service.await_stderr("user-service started", 60s)) << service.stderr_text();
  const auto grpc_port = logged_port(service.stderr_text(), "gRPC");
  const auto ops_port = logged_port(service.stderr_text(), "ops");
  ASSERT_NE(grpc_port, 0) << service.stderr_text();
  ASSERT_NE(ops_port, 0) << service.stderr_text();

  auto stub =
      pb::UserService::NewStub(ecn::rpc::make_channel("127.0.0.1:" + std::to_string(grpc_port)));
  grpc::ClientContext context;
  ecn::rpc::prepare_call(context, 10s);
  pb::RegisterRequest request;
  request.set_name("Ada");
  request.set_email("ada@example.com");
  request.set_password("a secret that must never be logged");
  pb::AuthResponse reply;
  const auto status = stub->Register(&context, request, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service.stderr_text();
  EXPECT_EQ(reply.user().email(), "ada@example.com");

  // Signed with JWT_SECRET and valid for JWT_TTL_SECONDS.
  const ecn::user::auth::TokenIssuer verifier(
      {.secret = kSecret, .issuer = "ecommerce-user-service", .ttl = 600s});
  const auto claims = verifier.verify(reply.token(), std::chrono::system_clock::now());
  ASSERT_TRUE(claims) << claims.error();
  EXPECT_EQ(claims->subject, reply.user().id());
  EXPECT_EQ(claims->expires_at - claims->issued_at, 600);

  const auto ready = ecn::testing::http_get(ops_port, "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  std::string metrics;
  ecn::testing::wait_until(
      [&] {
        metrics = ecn::testing::http_get(ops_port, "/metrics").body;
        return metrics.find("UserService/Register") != std::string::npos;
      },
      5s);
  EXPECT_NE(metrics.find("rpc_server_requests_total{code=\"OK\",method=\"/ecommerce.user.v1."
                         "UserService/Register\"} 1"),
            std::string::npos)
      << metrics;

  service.signal(SIGTERM);
  const auto code = service.wait_for_exit(10s);
  ASSERT_TRUE(code.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_EQ(*code, 0) << service.stderr_text();
  const auto log = service.stderr_text();
  EXPECT_NE(log.find("user-service stopped"), std::string::npos) << log;
  EXPECT_EQ(log.find("never be logged"), std::string::npos) << "the password reached the log";
  EXPECT_EQ(log.find(kSecret), std::string::npos) << "the signing key reached the log";
}

TEST_F(UserBinaryTest, RefusesToServeWithoutAUsableJwtSecret) {
  auto env = environment();
  env["JWT_SECRET"] = "";
  auto result = run_program(USER_SERVICE_BINARY, {}, env, 30s);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("JWT_SECRET"), std::string::npos) << result.err;

  env["JWT_SECRET"] = "too-short";
  env["JWT_TTL_SECONDS"] = "forever";
  result = run_program(USER_SERVICE_BINARY, {}, env, 30s);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("JWT_SECRET: at least 32 bytes"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("JWT_TTL_SECONDS"), std::string::npos) << "every bad value reported";
  EXPECT_EQ(result.err.find("too-short"), std::string::npos) << "the secret is never printed";
}

TEST_F(UserBinaryTest, HelpAndMigrateNeedNoSecret) {
  auto env = environment();
  env["JWT_SECRET"] = "";
  auto result = run_program(USER_SERVICE_BINARY, {"--help"}, env, 30s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const char* name : {"JWT_SECRET", "JWT_TTL_SECONDS", "JWT_ISSUER", "DATABASE_URL",
                           "GRPC_ADDR", "PASSWORD_HASH_CONCURRENCY"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name << " missing in\n" << result.out;
  }
  result = run_program(USER_SERVICE_BINARY, {"migrate", "up"}, env, 30s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  result = run_program(USER_SERVICE_BINARY, {"migrate", "version"}, env, 30s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find('2'), std::string::npos) << result.out;
}

}  // namespace
