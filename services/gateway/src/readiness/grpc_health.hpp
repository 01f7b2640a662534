#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>

namespace ecn::gateway::readiness {

// Asks a service's standard health service (grpc.health.v1.Health/Check, overall status) over
// `channel`; true only for SERVING within `timeout`. Blocks the calling thread: meant for the
// ops server's readiness checks, which run on threads of their own.
bool grpc_serving(const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds timeout);

}  // namespace ecn::gateway::readiness
