#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "ecn/core/host_port.hpp"
#include "ecn/rpc/keepalive.hpp"

namespace grpc {
class Service;
}
namespace ecn::ops {
class MetricsRegistry;
}

namespace ecn::rpc {

// Settings of a service's gRPC server.
struct ServerOptions {
  core::HostPort address;                          // port 0 picks a free one (tests)
  std::int64_t max_message_bytes = 4 << 20;        // per request / reply
  std::chrono::milliseconds shutdown_grace{5000};  // in-flight calls may finish within it
  Keepalive keepalive;                             // the pings it accepts from clients
};

// A service's gRPC server for callback services (their calls' work runs on a WorkQueue, see
// rpc::serve, so a burst waits there rather than being refused for want of a thread): the
// standard health service (grpc.health.v1, SERVING while up) and
// server reflection (for grpcurl and Postman), plus per-method metrics
// `rpc_server_requests_total{method,code}` and `rpc_server_request_duration_seconds{method}`.
// Register services, then start(); stop() (or the destructor) drains in-flight calls.
class RpcServer {
 public:
  RpcServer(ServerOptions options, ops::MetricsRegistry& metrics);
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Not owned: the service must outlive the server.
  void add_service(grpc::Service& service);
  // Binds and starts serving; throws std::runtime_error when the address cannot be bound.
  void start();
  // Marks the health service NOT_SERVING, refuses new calls, waits up to shutdown_grace for
  // in-flight ones, then cancels the rest. Idempotent.
  void stop();
  // The bound port (after start()).
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::rpc
