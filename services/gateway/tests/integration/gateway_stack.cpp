#include "gateway_stack.hpp"

#include <boost/json.hpp>
#include <regex>

#include "ecn/testing/environment.hpp"
#include "ecn/testing/http_get.hpp"

namespace ecn::gateway::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

}  // namespace

std::uint16_t logged_port(const std::string& log, const std::string& what) {
  std::smatch match;
  const std::regex pattern(what + R"( [^ ]+ \(port (\d+)\))");
  if (!std::regex_search(log, match, pattern)) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

RunningService::RunningService(const std::string& binary, const std::string& name,
                               std::map<std::string, std::string> environment) {
  environment.emplace("DATABASE_URL", database.url());
  environment.emplace("KAFKA_BROKERS", ecn::testing::kafka_brokers());
  environment.emplace("GRPC_ADDR", "127.0.0.1:0");
  environment.emplace("OPS_ADDR", "127.0.0.1:0");
  environment.emplace("LOG_FORMAT", "json");
  process =
      std::make_unique<ecn::testing::ChildProcess>(binary, std::vector<std::string>{}, environment);
  started = process->await_stderr(name + " started", 90s);
  grpc_port = logged_port(process->stderr_text(), "gRPC");
  ops_port = logged_port(process->stderr_text(), "ops");
}

ServiceStack::ServiceStack()
    : user_events_topic_(ecn::testing::unique_name("stack.user-events")),
      product_events_topic_(ecn::testing::unique_name("stack.product-events")),
      order_events_topic_(ecn::testing::unique_name("stack.order-status-updated")) {
  users_ = std::make_unique<RunningService>(
      USER_SERVICE_BINARY, "user-service",
      std::map<std::string, std::string>{{"JWT_SECRET", kStackJwtSecret},
                                         {"USER_EVENTS_TOPIC", user_events_topic_}});
  products_ = std::make_unique<RunningService>(
      PRODUCT_SERVICE_BINARY, "product-service",
      std::map<std::string, std::string>{{"PRODUCT_EVENTS_TOPIC", product_events_topic_}});
  if (!users_->started || !products_->started) return;
  orders_ = std::make_unique<RunningService>(
      ORDER_SERVICE_BINARY, "order-service",
      std::map<std::string, std::string>{{"PRODUCT_SERVICE_ADDR", products_->address()},
                                         {"ORDER_EVENTS_TOPIC", order_events_topic_}});
  notifications_ = std::make_unique<RunningService>(
      NOTIFICATION_SERVICE_BINARY, "notification-service",
      std::map<std::string, std::string>{
          {"REDIS_URL", ecn::testing::redis_url()},
          {"CONSUMER_GROUP", ecn::testing::unique_name("gateway_stack")},
          {"USER_EVENTS_TOPIC", user_events_topic_},
          {"PRODUCT_EVENTS_TOPIC", product_events_topic_},
          {"ORDER_EVENTS_TOPIC", order_events_topic_}});
}

bool ServiceStack::started() const {
  return users_ && users_->started && products_ && products_->started && orders_ &&
         orders_->started && notifications_ && notifications_->started;
}

std::string ServiceStack::logs() const {
  std::string text;
  for (const auto* service : {&users_, &products_, &orders_, &notifications_}) {
    if (!*service) continue;
    ecn::testing::ChildProcess& process = *(*service)->process;
    text += process.stderr_text() + "\n";
    // A program that died says so: its log alone may end mid-sentence.
    if (!process.running()) {
      const auto code = process.wait_for_exit(std::chrono::milliseconds(0));
      text += "(this program is no longer running: exit code " +
              (code ? std::to_string(*code) : std::string("?")) + ")\n";
    }
  }
  return text;
}

RunningGateway ServiceStack::start_gateway(
    const std::map<std::string, std::string>& settings) const {
  std::map<std::string, std::string> environment{
      {"GATEWAY_ADDR", "127.0.0.1:0"},
      {"OPS_ADDR", "127.0.0.1:0"},
      {"JWT_SECRET", kStackJwtSecret},
      {"ADMIN_SECRET_KEY", kStackAdminKey},
      {"GRAPHIQL_ENABLED", "false"},
      {"USER_SERVICE_ADDR", users_->address()},
      {"PRODUCT_SERVICE_ADDR", products_->address()},
      {"ORDER_SERVICE_ADDR", orders_->address()},
      {"NOTIFICATION_SERVICE_ADDR", notifications_->address()},
      {"UPSTREAM_TIMEOUT_MS", "2000"},
      {"LOG_FORMAT", "json"},
      // The test servers, never a developer's; key prefixes of its own, so gateways of tests
      // running in parallel share no cache entry or rate bucket. Limits are off unless asked.
      {"REDIS_URL", ecn::testing::redis_url()},
      {"KAFKA_BROKERS", ecn::testing::kafka_brokers()},
      {"PRODUCT_CACHE_KEY_PREFIX", ecn::testing::unique_name("cache")},
      {"RATE_LIMIT_KEY_PREFIX", ecn::testing::unique_name("ratelimit")},
      {"RATE_LIMIT_ENABLED", "false"},
      {"PRODUCT_EVENTS_TOPIC", product_events_topic_}};
  for (const auto& [name, value] : settings) environment[name] = value;
  RunningGateway gateway;
  gateway.process = std::make_unique<ecn::testing::ChildProcess>(
      GATEWAY_BINARY, std::vector<std::string>{}, environment);
  gateway.started = gateway.process->await_stderr("gateway started", 30s);
  gateway.http_port = logged_port(gateway.process->stderr_text(), "http");
  gateway.ops_port = logged_port(gateway.process->stderr_text(), "ops");
  return gateway;
}

long rpc_calls(std::uint16_t ops_port, const std::string& method) {
  const auto metrics = ecn::testing::http_get(ops_port, "/metrics").body;
  long total = 0;
  const std::regex line("rpc_server_requests_total\\{[^}]*[/\"]" + method + "\"[^}]*\\} (\\d+)");
  for (std::sregex_iterator it(metrics.begin(), metrics.end(), line), end; it != end; ++it) {
    total += std::stol((*it)[1]);
  }
  return total;
}

ClientResponse GraphqlClient::post(const std::string& query, const json::object& variables,
                                   const std::string& token, const std::string& api_key,
                                   const std::map<std::string, std::string>& extra_headers) {
  std::map<std::string, std::string> headers{{"content-type", "application/json"},
                                             {"accept", "application/json"}};
  if (!token.empty()) headers["authorization"] = "Bearer " + token;
  if (!api_key.empty()) headers["x-api-key"] = api_key;
  for (const auto& [name, value] : extra_headers) headers[name] = value;
  sent_.push_back(query);
  return http_.request("POST", "/graphql", headers,
                       json::serialize(json::object{{"query", query}, {"variables", variables}}));
}

json::object GraphqlClient::graphql(const std::string& query, const json::object& variables,
                                    const std::string& token, const std::string& api_key) {
  const auto response = post(query, variables, token, api_key);
  if (response.status != 200) {
    return json::object{{"errors", json::array{json::object{
                                       {"message", "HTTP " + std::to_string(response.status) +
                                                       ": " + response.body},
                                       {"extensions", json::object{{"code", "HTTP_STATUS"}}}}}}};
  }
  return json::parse(response.body).as_object();
}

std::string error_code(const json::object& response) {
  const auto codes = error_codes(response);
  return codes.empty() ? std::string() : codes.front();
}

std::vector<std::string> error_codes(const json::object& response) {
  std::vector<std::string> codes;
  const auto* errors = response.if_contains("errors");
  if (errors == nullptr) return codes;
  for (const auto& error : errors->as_array()) {
    const auto* code = error.as_object().if_contains("extensions");
    codes.emplace_back(code != nullptr && code->as_object().contains("code")
                           ? std::string(code->at("code").as_string())
                           : std::string("(no code)"));
  }
  return codes;
}

}  // namespace ecn::gateway::testing
