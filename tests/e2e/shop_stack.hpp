#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ecn/testing/child_process.hpp"
#include "ecn/testing/temp_database.hpp"

namespace ecn::e2e {

// Where the five programs of the shop are (absolute paths of the built binaries).
struct ShopBinaries {
  std::string user;
  std::string product;
  std::string order;
  std::string notification;
  std::string gateway;
};

// One domain service binary on its own fresh database, the shared test Kafka, and port 0 for
// gRPC and ops (the ports it got are read from its start-up log line).
class RunningService {
 public:
  RunningService(const std::string& binary, const std::string& name,
                 std::map<std::string, std::string> environment);

  bool started() const { return started_; }
  std::string grpc_address() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  std::string log() const { return process_->stderr_text(); }
  testing::ChildProcess& process() { return *process_; }

 private:
  testing::TempDatabase database_;
  std::unique_ptr<testing::ChildProcess> process_;
  bool started_ = false;
  std::uint16_t grpc_port_ = 0;
};

// The whole shop as users run it: user-, product-, order- and notification-service and the
// gateway in front, started in dependency order against the test servers. Everything is
// stopped (SIGKILL) when the object goes away.
class ShopStack {
 public:
  ShopStack(const ShopBinaries& binaries, std::string jwt_secret, std::string admin_key);

  // Empty when every program started; else which one did not and its log.
  const std::string& failure() const { return failure_; }
  // http://127.0.0.1:<port> of the gateway (GraphQL at /graphql).
  std::string gateway_url() const { return "http://127.0.0.1:" + std::to_string(gateway_port_); }
  const std::string& admin_key() const { return admin_key_; }
  // The last `bytes` of every program's log, and which programs are no longer running (with
  // their exit code: 128 + signal when killed by one), for a failure report.
  std::string logs_tail(std::size_t bytes) const;

 private:
  std::string admin_key_;
  std::string failure_;
  std::unique_ptr<RunningService> users_, products_, orders_, notifications_;
  std::unique_ptr<testing::ChildProcess> gateway_;
  std::uint16_t gateway_port_ = 0;
};

// A port a program logged at start: "<what> 127.0.0.1:0 (port N)"; 0 when absent.
std::uint16_t logged_port(const std::string& log, const std::string& what);

}  // namespace ecn::e2e
