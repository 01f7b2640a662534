#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/temp_database.hpp"
#include "http_client.hpp"

// The real shop for gateway tests: user-, product-, order- and notification-service binaries on
// their own databases (shared test Kafka and Redis), and gateway binaries in front of them.
namespace ecn::gateway::testing {

inline constexpr const char* kStackJwtSecret = "stack-test-jwt-secret-0123456789abcdef";
inline constexpr const char* kStackAdminKey = "stack-test-admin-key";

// A port a program logged at start: "<what> 127.0.0.1:0 (port N)"; 0 when absent.
std::uint16_t logged_port(const std::string& log, const std::string& what);

// One domain service binary on its own database, started and awaited.
struct RunningService {
  RunningService(const std::string& binary, const std::string& name,
                 std::map<std::string, std::string> environment);
  std::string address() const { return "127.0.0.1:" + std::to_string(grpc_port); }

  ecn::testing::TempDatabase database;
  std::unique_ptr<ecn::testing::ChildProcess> process;
  bool started = false;
  std::uint16_t grpc_port = 0;
  std::uint16_t ops_port = 0;
};

// A gateway binary in front of the stack, with its HTTP and ops ports.
struct RunningGateway {
  std::unique_ptr<ecn::testing::ChildProcess> process;
  std::uint16_t http_port = 0;
  std::uint16_t ops_port = 0;
  bool started = false;
};

// The four domain services; gateways are started on demand with extra settings.
class ServiceStack {
 public:
  ServiceStack();  // starts everything; check started()
  bool started() const;
  std::string logs() const;  // the services' stderr, for failure messages

  // A gateway pointed at the stack and the test Redis and Kafka, with private cache and rate
  // limit key prefixes, the stack's product events topic and rate limits off; `settings` add
  // to (and override) these.
  RunningGateway start_gateway(const std::map<std::string, std::string>& settings = {}) const;

  RunningService& users() { return *users_; }
  RunningService& products() { return *products_; }
  RunningService& orders() { return *orders_; }
  RunningService& notifications() { return *notifications_; }

 private:
  // Topics of this stack alone (the *_EVENTS_TOPIC settings), so stacks running at the same
  // time on the test Kafka never consume each other's events.
  std::string user_events_topic_, product_events_topic_, order_events_topic_;
  std::unique_ptr<RunningService> users_, products_, orders_, notifications_;
};

// The sum of rpc_server_requests_total for `method` on a service's /metrics.
long rpc_calls(std::uint16_t ops_port, const std::string& method);

// A GraphQL client over one keep-alive connection.
class GraphqlClient {
 public:
  explicit GraphqlClient(std::uint16_t port) : http_(port) {}

  // POSTs {query, variables}; `token` and `api_key` add the credentials.
  ClientResponse post(const std::string& query, const boost::json::object& variables = {},
                      const std::string& token = "", const std::string& api_key = "",
                      const std::map<std::string, std::string>& extra_headers = {});
  // post() and the body parsed; expects HTTP 200.
  boost::json::object graphql(const std::string& query, const boost::json::object& variables = {},
                              const std::string& token = "", const std::string& api_key = "");
  HttpConnection& http() { return http_; }

  // Every query sent, in order (for the schema coverage check).
  const std::vector<std::string>& sent() const { return sent_; }

 private:
  HttpConnection http_;
  std::vector<std::string> sent_;
};

// The first error's extensions.code ("" when there is none).
std::string error_code(const boost::json::object& response);
// Every error's extensions.code, in order.
std::vector<std::string> error_codes(const boost::json::object& response);

}  // namespace ecn::gateway::testing
