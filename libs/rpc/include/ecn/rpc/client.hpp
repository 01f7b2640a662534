#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string_view>

#include "ecn/rpc/keepalive.hpp"

namespace ecn::rpc {

// An insecure channel (service-to-service traffic stays inside the deployment) to `target`
// ("host:port"), with keepalive so a dead peer is noticed (the servers accept it: see Keepalive).
std::shared_ptr<grpc::Channel> make_channel(std::string_view target,
                                            const Keepalive& keepalive = {});

// Prepares a call: a deadline (every remote call has one) and the current request id in the
// `x-request-id` metadata so the callee's logs tie back to the request.
void prepare_call(grpc::ClientContext& context, std::chrono::milliseconds deadline);

}  // namespace ecn::rpc
