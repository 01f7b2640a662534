// The real `gateway` binary: configuration errors, serving, the ops endpoint, and a clean
// SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <regex>
#include <sstream>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/environment.hpp"
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

// The gateway's HTTP and ops ports, read from its "gateway started" line.
std::pair<std::uint16_t, std::uint16_t> listening_ports(const std::string& log) {
  std::smatch ports;
  if (!std::regex_search(log, ports, std::regex(R"re(\(port (\d+)\), ops .* \(port (\d+)\))re"))) {
    return {0, 0};
  }
  return {static_cast<std::uint16_t>(std::stoi(ports[1])),
          static_cast<std::uint16_t>(std::stoi(ports[2]))};
}

// The `msg` of every JSON log line that starts with `prefix`.
std::vector<std::string> log_messages(const std::string& log, std::string_view prefix) {
  std::vector<std::string> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(line, ec);
    if (ec || !value.is_object() || !value.as_object().contains("msg")) continue;
    const std::string msg(value.as_object().at("msg").as_string());
    if (msg.starts_with(prefix)) out.push_back(msg);
  }
  return out;
}

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
  const auto [http_port, ops_port] = listening_ports(gateway.stderr_text());
  ASSERT_NE(http_port, 0) << gateway.stderr_text();

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

// A connection to 127.0.0.1:`port` that sends `bytes` (maybe none) and closes.
void connect_send_and_close(std::uint16_t port, std::string_view bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  if (!bytes.empty()) {
    ASSERT_EQ(::send(fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
  }
  ::close(fd);
}

// A request answered before it was read whole still gets an access line: what was read of its
// request line, and why it was refused.
TEST(GatewayBinaryTest, AccessLogSaysWhatWasReadOfARefusedRequest) {
  auto environment = kEnvironment;
  environment["MAX_BODY_BYTES"] = "1024";
  environment["MAX_HEADER_BYTES"] = "1024";
  ecn::testing::ChildProcess gateway(GATEWAY_BINARY, {}, environment);
  ASSERT_TRUE(gateway.await_stderr("gateway started", 30s)) << gateway.stderr_text();
  const auto [http_port, ops_port] = listening_ports(gateway.stderr_text());
  ASSERT_NE(http_port, 0) << gateway.stderr_text();
  const auto metric = [&, ops_port = ops_port](const std::string& line) {
    return ecn::testing::http_get(ops_port, "/metrics").body.find(line) != std::string::npos;
  };

  // Clients that leave, before a request or inside one, are no refused requests: no answer,
  // no access line, no 400 counted.
  connect_send_and_close(http_port, "");
  connect_send_and_close(http_port, "GET /graphql HTTP/1.1\r\nHost: x\r\n");
  ASSERT_TRUE(
      ecn::testing::wait_until([&] { return metric("gateway_http_open_connections 0"); }, 10s));

  {
    testing::HttpConnection connection(http_port);
    const auto response =
        connection.request("POST", "/graphql?op=big",
                           {{"content-type", "application/json"}, {"x-request-id", "too-big-1"}},
                           std::string(2048, ' '));
    EXPECT_EQ(response.status, 413);
  }
  {
    testing::HttpConnection connection(http_port);
    EXPECT_EQ(connection.request("GET", "/graphql", {{"x-padding", std::string(2048, 'p')}}).status,
              431);
  }
  {
    testing::HttpConnection connection(http_port);
    EXPECT_EQ(connection.request("GET", "/graphql?query=" + std::string(2048, 'q')).status, 431);
  }
  {
    testing::HttpConnection connection(http_port);
    EXPECT_EQ(
        connection.raw("GET /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n").status,
        400);
  }
  ASSERT_TRUE(ecn::testing::wait_until(
      [&] { return log_messages(gateway.stderr_text(), "access ").size() >= 4; }, 10s))
      << gateway.stderr_text();
  const auto lines = log_messages(gateway.stderr_text(), "access ");
  ASSERT_EQ(lines.size(), 4U) << gateway.stderr_text();
  // Each connection's line is written after its answer, so they may come in any order.
  const auto logged = [&](const std::string& pattern) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return std::regex_match(line, std::regex("^access " + pattern + "$"));
    });
  };
  const std::string rest = R"re( duration_ms=\S+ bytes=\d+ remote=127\.0\.0\.1 refused=)re";
  EXPECT_TRUE(logged("method=POST path=/graphql status=413" + rest + "\"body over 1024 bytes\""))
      << gateway.stderr_text();
  // A header block over the limit, after a request line that was read whole.
  EXPECT_TRUE(logged("method=GET path=/graphql status=431" + rest + "\"header over 1024 bytes\""))
      << gateway.stderr_text();
  // A request line over the limit: nothing of it was read.
  EXPECT_TRUE(logged("method=- path=- status=431" + rest + "\"header over 1024 bytes\""))
      << gateway.stderr_text();
  EXPECT_TRUE(logged("method=GET path=/graphql status=400" + rest + "\"malformed request: .+\""))
      << gateway.stderr_text();
  EXPECT_TRUE(metric("gateway_http_requests_total{status=\"400\"} 1"))
      << ecn::testing::http_get(ops_port, "/metrics").body;
  EXPECT_EQ(gateway.stderr_text().find("end of stream"), std::string::npos)
      << gateway.stderr_text();
  EXPECT_EQ(gateway.stderr_text().find("partial message"), std::string::npos)
      << gateway.stderr_text();
  // The oversized body's request was logged with the x-request-id its header carried.
  EXPECT_NE(gateway.stderr_text().find("\"request_id\":\"too-big-1\""), std::string::npos)
      << gateway.stderr_text();
}

}  // namespace
}  // namespace ecn::gateway
