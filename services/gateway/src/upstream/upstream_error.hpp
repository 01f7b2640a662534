#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <string_view>

#include "ecn/graphql/execution/resolver.hpp"

namespace ecn::gateway::upstream {

// The GraphQL error a failed upstream call becomes: its gRPC code mapped once to the gateway's
// `extensions.code` set. Messages of client errors pass through (they name the field); server
// failures get a fixed message so nothing internal leaks.
graphql::execution::FieldError field_error(std::string_view service, const grpc::Status& status);

}  // namespace ecn::gateway::upstream

namespace ecn::gateway::upstream {

// The message of an UNIMPLEMENTED upstream RPC (code UNAVAILABLE): a feature not deployed yet.
std::string unimplemented_message(std::string_view service);

}  // namespace ecn::gateway::upstream
