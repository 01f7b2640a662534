#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "ecn/testing/child_process.hpp"

namespace ecn::bench {

// The real notification-service binary, started for a benchmark with its gRPC and ops
// endpoints on free ports; SIGTERM (then SIGKILL) when it goes out of scope.
class ServiceUnderTest {
 public:
  // Starts the binary with `environment` (on top of the bench's own) and waits for its
  // "started" line; throws std::runtime_error with the log tail when it does not come.
  ServiceUnderTest(const std::string& binary, std::map<std::string, std::string> environment,
                   std::chrono::seconds start_timeout = std::chrono::seconds(120));
  ~ServiceUnderTest();
  ServiceUnderTest(const ServiceUnderTest&) = delete;
  ServiceUnderTest& operator=(const ServiceUnderTest&) = delete;

  std::uint16_t grpc_port() const { return grpc_port_; }
  pid_t pid() const { return process_.pid(); }
  // The sum of a metric's samples on /metrics whose labels contain `label_filter`
  // (e.g. consumer="order-updates"); 0 when absent.
  double metric(const std::string& name, const std::string& label_filter) const;
  // SIGTERM and the time until exit; nullopt when it did not exit within `timeout`.
  std::optional<std::chrono::milliseconds> stop(std::chrono::milliseconds timeout);
  std::string log() const { return process_.stderr_text(); }

 private:
  testing::ChildProcess process_;
  std::uint16_t grpc_port_ = 0;
  std::uint16_t ops_port_ = 0;
  bool stopped_ = false;
};

}  // namespace ecn::bench
