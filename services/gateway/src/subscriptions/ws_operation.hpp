#pragma once

#include <boost/json/array.hpp>
#include <boost/system/result.hpp>
#include <memory>
#include <string_view>

#include "ecn/graphql/document.hpp"

namespace ecn::graphql::execution {
class DocumentCache;
class ExecutableSchema;
}  // namespace ecn::graphql::execution

namespace ecn::gateway::subscriptions {

// A WebSocket operation's document, parsed and validated through the endpoint's document cache
// (the HTTP endpoint's limits and error codes), or the GraphQL errors for the protocol's
// `error` message.
using PreparedOperation =
    boost::system::result<std::shared_ptr<const graphql::Document>, boost::json::array>;
PreparedOperation prepare_operation(const graphql::execution::ExecutableSchema& schema,
                                    graphql::execution::DocumentCache& documents,
                                    std::string_view query);

}  // namespace ecn::gateway::subscriptions
