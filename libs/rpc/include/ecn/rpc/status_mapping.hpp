#pragma once

#include <grpcpp/support/status.h>

#include <string_view>

#include "ecn/core/status.hpp"

// One mapping between our errors and gRPC statuses, used at every gRPC edge (server handlers
// and clients), so an error keeps its code from storage to the GraphQL extensions.code.
namespace ecn::rpc {

grpc::Status to_grpc_status(const core::Error& error);

// A client's view of a failed call. Codes we do not use (CANCELLED, RESOURCE_EXHAUSTED, ...)
// become UNAVAILABLE or INTERNAL so callers only ever see the canonical set.
core::Error from_grpc_status(const grpc::Status& status);

// gRPC's own name of a status code ("RESOURCE_EXHAUSTED"), for metrics labels and logs.
std::string_view code_name(grpc::StatusCode code);

}  // namespace ecn::rpc
