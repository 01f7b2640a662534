#pragma once

#include <string>

// One real test server stopped for the length of a scope (scripts/infra.sh via
// ecn::testing::infra) and started again however the scope ends, a failed assertion or an
// exception included, so the tests after a fault test find every server running.
namespace ecn::notification::testing {

// Stops `component` ("postgres", "redis", "kafka") at construction.
class ServerOutage {
 public:
  explicit ServerOutage(std::string component);
  ~ServerOutage();  // starts it again unless end() did
  ServerOutage(const ServerOutage&) = delete;
  ServerOutage& operator=(const ServerOutage&) = delete;

  // Starts the server now; throws when it does not come back.
  void end();

 private:
  std::string component_;
  bool over_ = false;
};

}  // namespace ecn::notification::testing
