#pragma once

#include <boost/json/array.hpp>
#include <boost/system/result.hpp>
#include <memory>
#include <string_view>

#include "ecn/graphql/execution/executable_schema.hpp"
#include "graphql_http/engine_handler.hpp"

namespace ecn::gateway::subscriptions {

// A WebSocket operation's document, parsed and validated (with the HTTP endpoint's depth and
// field limits), or the GraphQL errors for the protocol's `error` message.
using PreparedOperation =
    boost::system::result<std::shared_ptr<const graphql::Document>, boost::json::array>;
PreparedOperation prepare_operation(const graphql::execution::ExecutableSchema& schema,
                                    const graphql_http::EngineLimits& limits,
                                    std::string_view query);

}  // namespace ecn::gateway::subscriptions
