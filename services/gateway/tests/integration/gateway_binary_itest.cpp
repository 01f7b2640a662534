// The real `gateway` binary: configuration errors, serving, the ops endpoint, and a clean
// SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/http_get.hpp"
#include "http_client.hpp"

namespace ecn::gateway {
namespace {

using namespace std::chrono_literals;

const std::map<std::string, std::string> kEnvironment = {
    {"GATEWAY_ADDR", "127.0.0.1:0"},
    {"OPS_ADDR", "127.0.0.1:0"},
    {"JWT_SECRET", "0123456789abcdef0123456789abcdef-binary-test"},
    {"ADMIN_SECRET_KEY", "admin-key"},
    {"LOG_FORMAT", "json"},
};

TEST(GatewayBinaryTest, RefusesToStartWithoutItsSecrets) {
  auto environment = kEnvironment;
  environment["JWT_SECRET"] = "too-short";
  environment["ADMIN_SECRET_KEY"] = "";
  environment["TRUSTED_PROXIES"] = "10.0.0.0/8, banana";
  const auto result = ecn::testing::run_program(GATEWAY_BINARY, {}, environment, 30s);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("TRUSTED_PROXIES"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\"banana\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("JWT_SECRET"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("ADMIN_SECRET_KEY"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("too-short"), std::string::npos) << "secret leaked: " << result.err;
}

TEST(GatewayBinaryTest, ServesGraphqlAndOpsThenStopsCleanlyOnSigterm) {
  ecn::testing::ChildProcess gateway(GATEWAY_BINARY, {}, kEnvironment);
  ASSERT_TRUE(gateway.await_stderr("gateway started", 30s)) << gateway.stderr_text();
  std::smatch ports;
  const std::string log = gateway.stderr_text();
  ASSERT_TRUE(
      std::regex_search(log, ports, std::regex(R"re(\(port (\d+)\), ops .* \(port (\d+)\))re")))
      << log;
  const auto http_port = static_cast<std::uint16_t>(std::stoi(ports[1]));
  const auto ops_port = static_cast<std::uint16_t>(std::stoi(ports[2]));

  {
    testing::HttpConnection connection(http_port);
    const auto response = connection.request(
        "POST", "/graphql",
        {{"content-type", "application/json"}, {"x-request-id", "binary-test-1"}},
        R"({"query":"{ __typename }"})");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"data":{"__typename":"Query"}})");
  }
  EXPECT_EQ(ecn::testing::http_get(ops_port, "/healthz").status, 200);
  const auto metrics = ecn::testing::http_get(ops_port, "/metrics");
  EXPECT_NE(metrics.body.find("gateway_http_request_duration_seconds"), std::string::npos);
  // The access log line carries the request id the client sent.
  EXPECT_TRUE(gateway.await_stderr("\"request_id\":\"binary-test-1\"", 10s))
      << gateway.stderr_text();

  gateway.signal(SIGTERM);
  EXPECT_EQ(gateway.wait_for_exit(10s), 0) << gateway.stderr_text();
  EXPECT_NE(gateway.stderr_text().find("gateway stopped"), std::string::npos);
}

}  // namespace
}  // namespace ecn::gateway
