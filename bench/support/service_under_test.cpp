#include "service_under_test.hpp"

#include <csignal>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "ecn/testing/http_get.hpp"

namespace ecn::bench {
namespace {

// A port the service logged at start: "gRPC 127.0.0.1:0 (port N), ops 127.0.0.1:0 (port M)".
std::uint16_t logged_port(const std::string& log, const std::string& what) {
  std::smatch match;
  const std::regex pattern(what + R"( [^ ]+ \(port (\d+)\))");
  if (!std::regex_search(log, match, pattern)) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

std::string tail(const std::string& text, std::size_t bytes = 4000) {
  return text.size() <= bytes ? text : text.substr(text.size() - bytes);
}

std::map<std::string, std::string> with_endpoints(std::map<std::string, std::string> env) {
  env.emplace("GRPC_ADDR", "127.0.0.1:0");
  env.emplace("OPS_ADDR", "127.0.0.1:0");
  env.emplace("LOG_FORMAT", "text");
  return env;
}

}  // namespace

ServiceUnderTest::ServiceUnderTest(const std::string& binary,
                                   std::map<std::string, std::string> environment,
                                   std::chrono::seconds start_timeout)
    : process_(binary, {}, with_endpoints(std::move(environment))) {
  if (!process_.await_stderr("notification-service started", start_timeout)) {
    throw std::runtime_error("notification-service did not start:\n" + tail(log()));
  }
  grpc_port_ = logged_port(log(), "gRPC");
  ops_port_ = logged_port(log(), "ops");
  if (grpc_port_ == 0 || ops_port_ == 0) {
    throw std::runtime_error("notification-service logged no ports:\n" + tail(log()));
  }
}

ServiceUnderTest::~ServiceUnderTest() {
  if (!stopped_) stop(std::chrono::seconds(15));
}

double ServiceUnderTest::metric(const std::string& name, const std::string& label_filter) const {
  const auto answer = testing::http_get(ops_port_, "/metrics");
  std::istringstream lines(answer.body);
  double sum = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name, 0) != 0 || line.size() <= name.size()) continue;
    const char next = line[name.size()];
    if (next != '{' && next != ' ') continue;
    if (!label_filter.empty() && line.find(label_filter) == std::string::npos) continue;
    sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

std::optional<std::chrono::milliseconds> ServiceUnderTest::stop(std::chrono::milliseconds timeout) {
  stopped_ = true;
  const auto begin = std::chrono::steady_clock::now();
  process_.signal(SIGTERM);
  if (!process_.wait_for_exit(timeout)) {
    process_.signal(SIGKILL);
    process_.wait_for_exit(std::chrono::seconds(10));
    return std::nullopt;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               begin);
}

}  // namespace ecn::bench
