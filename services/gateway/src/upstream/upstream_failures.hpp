#pragma once

#include <grpcpp/support/status.h>

#include <string_view>

#include "ecn/graphql/execution/resolver.hpp"

namespace ecn::ops {
class MetricsRegistry;
}

namespace ecn::gateway::upstream {

// Which upstream RPC a call is: "order-service", "CreateOrder".
struct UpstreamMethod {
  const char* service;
  const char* method;
};

// Upstream failures that reach a client as UNAVAILABLE or INTERNAL_SERVER_ERROR: each is logged
// once, with the request id, the upstream method and the gRPC status, and counted in
// `gateway_upstream_failures_total{service,method,code}` (code: the gRPC status code). Client
// errors (BAD_USER_INPUT, NOT_FOUND, ...) are the caller's business and are neither.
class UpstreamFailures {
 public:
  explicit UpstreamFailures(ops::MetricsRegistry& metrics) : metrics_(metrics) {}

  void record(UpstreamMethod method, const grpc::Status& status, std::string_view request_id,
              const graphql::execution::FieldError& seen);

 private:
  ops::MetricsRegistry& metrics_;
};

}  // namespace ecn::gateway::upstream
