#include "ecn/ops/ops_server.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "ecn/testing/environment.hpp"

namespace ecn::ops {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// One HTTP exchange as a plain client sees it.
struct Reply {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// A connected loopback TCP socket with a receive timeout, so a broken server fails the test
// instead of hanging it.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
    const timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
      const int error = errno;
      ::close(fd_);
      throw std::system_error(error, std::generic_category(), "connect");
    }
  }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) throw std::system_error(errno, std::generic_category(), "send");
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  // Reads until the data received so far ends with `suffix`.
  std::string read_until(std::string_view suffix) {
    std::string data;
    char byte = 0;
    while (!data.ends_with(suffix)) {
      const ssize_t received = ::recv(fd_, &byte, 1, 0);
      if (received <= 0)
        throw std::runtime_error("connection ended before \"" + std::string(suffix) +
                                 "\": " + data);
      data += byte;
    }
    return data;
  }

  // Everything until the server closes the connection.
  std::string read_all() {
    std::string data;
    char buffer[4096];
    for (;;) {
      const ssize_t received = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (received == 0) return data;
      if (received < 0) throw std::system_error(errno, std::generic_category(), "recv");
      data.append(buffer, static_cast<std::size_t>(received));
    }
  }

 private:
  int fd_;
};

Reply parse_reply(const std::string& raw) {
  Reply reply;
  const auto end_of_head = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end_of_head == std::string::npos) {
    ADD_FAILURE() << "not an HTTP response: " << raw;
    return reply;
  }
  reply.status = std::stoi(raw.substr(9, 3));
  reply.head = raw.substr(0, end_of_head);
  reply.body = raw.substr(end_of_head + 4);
  return reply;
}

Reply request(std::uint16_t port, std::string_view method, std::string_view target) {
  Connection connection(port);
  connection.send(std::string(method) + " " + std::string(target) +
                  " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  return parse_reply(connection.read_all());
}

class OpsServerTest : public ::testing::Test {
 protected:
  OpsServer& start_server(OpsServerOptions options = {}) {
    server_.emplace(core::HostPort{"127.0.0.1", 0}, registry_, options);
    server_->start();
    return *server_;
  }

  MetricsRegistry registry_;
  std::optional<OpsServer> server_;
};

TEST_F(OpsServerTest, BindsAFreePortWhenAskedForPortZero) {
  OpsServer& server = start_server();
  EXPECT_NE(server.port(), 0);
}

TEST_F(OpsServerTest, HealthzAnswersOk) {
  OpsServer& server = start_server();
  const Reply reply = request(server.port(), "GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "ok");
  EXPECT_THAT(reply.head, HasSubstr("Content-Type: text/plain\r\n"));
}

TEST_F(OpsServerTest, MetricsServesTheRegistryInPrometheusFormat) {
  registry_.counter("grpc_requests_total", "Requests.", {{"method", "GetUser"}}).inc(7);
  OpsServer& server = start_server();
  const Reply reply = request(server.port(), "GET", "/metrics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_THAT(reply.head, HasSubstr("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
  EXPECT_EQ(reply.body,
            "# HELP grpc_requests_total Requests.\n"
            "# TYPE grpc_requests_total counter\n"
            "grpc_requests_total{method=\"GetUser\"} 7\n");
  // A query string does not change the path.
  EXPECT_EQ(request(server.port(), "GET", "/metrics?name[]=x").status, 200);
}

TEST_F(OpsServerTest, ReadyzIsReadyWithNoChecks) {
  OpsServer& server = start_server();
  const Reply reply = request(server.port(), "GET", "/readyz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, R"({"status":"ready","checks":{}})");
}

TEST_F(OpsServerTest, ReadyzIsReadyWhenAllChecksPass) {
  OpsServer& server = start_server();
  server.add_readiness_check("postgres", [] { return true; });
  server.add_readiness_check("kafka", [] { return true; });
  const Reply reply = request(server.port(), "GET", "/readyz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_THAT(reply.head, HasSubstr("Content-Type: application/json\r\n"));
  EXPECT_EQ(reply.body, R"({"status":"ready","checks":{"postgres":"ok","kafka":"ok"}})");
}

TEST_F(OpsServerTest, ReadyzIsUnavailableWhenACheckFailsOrThrows) {
  std::atomic<bool> kafka_up{false};
  OpsServer& server = start_server();
  server.add_readiness_check("postgres", [] { return true; });
  server.add_readiness_check("kafka", [&] { return kafka_up.load(); });
  server.add_readiness_check("redis", []() -> bool { throw std::runtime_error("refused"); });
  Reply reply = request(server.port(), "GET", "/readyz");
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(reply.body, R"({"status":"unavailable","checks":{"postgres":"ok","kafka":"failing",)"
                        R"("redis":"failing"}})");

  // Checks run on every probe, so recovery shows on the next one.
  kafka_up = true;
  reply = request(server.port(), "GET", "/readyz");
  EXPECT_EQ(reply.status, 503);
  EXPECT_THAT(reply.body, HasSubstr(R"("kafka":"ok")"));
}

TEST_F(OpsServerTest, HungCheckCannotHangTheEndpoint) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> runs{0};
  OpsServerOptions options;
  options.check_timeout = 200ms;
  OpsServer& server = start_server(options);
  server.add_readiness_check("postgres", [] { return true; });
  server.add_readiness_check("kafka", [&, released] {
    ++runs;
    released.wait();
    return true;
  });

  // Two probes while the dependency hangs: both answer in bounded time, and the second joins
  // the run in flight instead of starting a thread of its own.
  for (int probe = 0; probe < 2; ++probe) {
    const auto started = std::chrono::steady_clock::now();
    const Reply reply = request(server.port(), "GET", "/readyz");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_EQ(reply.status, 503);
    EXPECT_EQ(reply.body,
              R"({"status":"unavailable","checks":{"postgres":"ok","kafka":"timeout"}})");
  }
  EXPECT_EQ(runs.load(), 1);

  // While a probe waits for the hung check, the other endpoints still answer.
  auto pending =
      std::async(std::launch::async, [&] { return request(server.port(), "GET", "/readyz"); });
  EXPECT_EQ(request(server.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(pending.get().status, 503);

  release.set_value();
  // The first 200 may come from a probe that joined the released run itself...
  EXPECT_TRUE(testing::wait_until(
      [&] { return request(server.port(), "GET", "/readyz").status == 200; }, 10s));
  // ...but once that run has reported, a new probe runs the check afresh.
  EXPECT_EQ(request(server.port(), "GET", "/readyz").status, 200);
  EXPECT_GE(runs.load(), 2);
}

TEST_F(OpsServerTest, UnknownPathIsNotFound) {
  OpsServer& server = start_server();
  EXPECT_EQ(request(server.port(), "GET", "/").status, 404);
  EXPECT_EQ(request(server.port(), "GET", "/healthz/extra").status, 404);
  EXPECT_EQ(request(server.port(), "POST", "/nope").status, 404);
}

TEST_F(OpsServerTest, MethodsOtherThanGetAreNotAllowed) {
  OpsServer& server = start_server();
  for (const char* path : {"/healthz", "/readyz", "/metrics"}) {
    for (const char* method : {"POST", "PUT", "DELETE", "HEAD"}) {
      Connection connection(server.port());
      connection.send(std::string(method) + " " + path +
                      " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      const std::string raw = connection.read_all();
      EXPECT_THAT(raw, ::testing::StartsWith("HTTP/1.1 405 ")) << method << " " << path;
      EXPECT_THAT(raw, HasSubstr("Allow: GET\r\n"));
    }
  }
}

TEST_F(OpsServerTest, ServesSeveralRequestsOnOneConnection) {
  OpsServer& server = start_server();
  Connection connection(server.port());
  connection.send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string raw = connection.read_all();
  std::size_t responses = 0;
  for (auto at = raw.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = raw.find("HTTP/1.1 200 OK", at + 1)) {
    ++responses;
  }
  EXPECT_EQ(responses, 3U) << raw;
}

TEST_F(OpsServerTest, MalformedRequestGetsBadRequest) {
  OpsServer& server = start_server();
  Connection connection(server.port());
  connection.send("this is not http\r\n\r\n");
  EXPECT_THAT(connection.read_all(), ::testing::StartsWith("HTTP/1.1 400 "));
}

TEST_F(OpsServerTest, StopClosesTheListener) {
  OpsServer& server = start_server();
  const std::uint16_t port = server.port();
  ASSERT_EQ(request(port, "GET", "/healthz").status, 200);
  server.stop();
  EXPECT_EQ(server.port(), 0);
  EXPECT_THROW(Connection{port}, std::system_error);
  server.stop();  // idempotent
  EXPECT_THROW(server.start(), std::logic_error);
}

TEST_F(OpsServerTest, StopClosesIdleKeepAliveConnections) {
  OpsServer& server = start_server();
  Connection connection(server.port());
  connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(connection.read_until("\r\n\r\nok"), ::testing::StartsWith("HTTP/1.1 200 OK"));
  // The connection is now idle with keep-alive; stopping must close it at once rather than
  // leave it to the 30 s idle timeout (the client would hit its 10 s receive timeout).
  const auto started = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_EQ(connection.read_all(), "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(OpsServerTest, PortInUseFailsToStart) {
  OpsServer& first = start_server();
  OpsServer second(core::HostPort{"127.0.0.1", first.port()}, registry_);
  EXPECT_THROW(second.start(), std::system_error);
}

TEST_F(OpsServerTest, AddressNotOnThisMachineFailsToStart) {
  // TEST-NET-1 (RFC 5737): bind() refuses it locally, no packet is ever sent.
  OpsServer server(core::HostPort{"192.0.2.1", 0}, registry_);
  EXPECT_THROW(server.start(), std::system_error);
}

TEST_F(OpsServerTest, StartTwiceAndDuplicateCheckNamesAreMistakes) {
  OpsServer& server = start_server();
  EXPECT_THROW(server.start(), std::logic_error);
  server.add_readiness_check("postgres", [] { return true; });
  EXPECT_THROW(server.add_readiness_check("postgres", [] { return true; }), std::invalid_argument);
}

}  // namespace
}  // namespace ecn::ops
