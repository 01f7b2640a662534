#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecn/rpc/keepalive.hpp"

namespace ecn::rpc {

// How a channel retries: the methods ("package.Service/Method") that are safe to repeat (reads)
// are retried on UNAVAILABLE by gRPC's own retry policy, up to `max_attempts` within the call's
// deadline with exponential backoff, honouring a server's grpc-retry-pushback-ms; a token bucket
// (gRPC's retryThrottling) stops retrying when most calls fail, so a retry storm cannot double
// the load on a struggling service. Writes are not listed: gRPC cannot know that a repeat would
// not write twice.
struct RetryPolicy {
  std::vector<std::string> methods;
  int max_attempts = 3;
};

// An insecure channel (service-to-service traffic stays inside the deployment) to `target`
// ("host:port"), with keepalive so a dead peer is noticed (the servers accept it: see Keepalive)
// and `retry` for the methods it names.
std::shared_ptr<grpc::Channel> make_channel(std::string_view target, const RetryPolicy& retry = {},
                                            const Keepalive& keepalive = {});

// The service config JSON of `retry` (empty when it names no method).
std::string retry_service_config(const RetryPolicy& retry);

// Prepares a call: a deadline (every remote call has one) and the current request id in the
// `x-request-id` metadata so the callee's logs tie back to the request.
void prepare_call(grpc::ClientContext& context, std::chrono::milliseconds deadline);

}  // namespace ecn::rpc
