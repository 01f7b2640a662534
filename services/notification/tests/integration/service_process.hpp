#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/testing/child_process.hpp"
#include "ecommerce/notification/v1/notification.grpc.pb.h"

// build/bin/notification-service started by a test, as an operator runs it (the target defines
// NOTIFICATION_SERVICE_BINARY).
namespace ecn::notification::testing {

// Topics of one test (random names, one partition each unless told), created at construction
// with their dead-letter topics and deleted at destruction.
class TestTopics {
 public:
  explicit TestTopics(std::string_view prefix, int partitions = 1);
  ~TestTopics();
  TestTopics(const TestTopics&) = delete;
  TestTopics& operator=(const TestTopics&) = delete;

  const std::string users;
  const std::string products;
  const std::string orders;
};

// The running binary: its ports, read from its start-up log line, and a gRPC stub.
class ServiceProcess {
 public:
  // Starts the binary on `database_url` and `topics` (gRPC and ops on ports the OS picks, live
  // push to the test Redis) with `extra` settings added, and waits for "started".
  ServiceProcess(const std::string& database_url, const TestTopics& topics,
                 std::map<std::string, std::string> extra = {});

  ecn::testing::ChildProcess& process() { return *process_; }
  std::uint16_t grpc_port() const { return grpc_port_; }
  std::uint16_t ops_port() const { return ops_port_; }
  ecommerce::notification::v1::NotificationService::Stub& stub() { return *stub_; }
  // The value of an unlabelled counter or gauge on /metrics; -1 when absent.
  double metric(std::string_view name);

 private:
  std::unique_ptr<ecn::testing::ChildProcess> process_;
  std::uint16_t grpc_port_ = 0;
  std::uint16_t ops_port_ = 0;
  std::unique_ptr<ecommerce::notification::v1::NotificationService::Stub> stub_;
};

// A port the service logged at start: "gRPC 127.0.0.1:0 (port N), ops 127.0.0.1:0 (port M)";
// 0 when absent. `what` is "gRPC" or "ops".
std::uint16_t logged_port(const std::string& log, std::string_view what);

}  // namespace ecn::notification::testing
