#pragma once

#include <boost/json/array.hpp>
#include <memory>
#include <vector>

#include "graphql_http/engine_handler.hpp"

namespace ecn::graphql::execution {
struct DocumentError;
}  // namespace ecn::graphql::execution

namespace ecn::gateway::graphql_http {

// The parsed-and-validated documents of one endpoint (HTTP or WebSocket), checked against the
// gateway's depth and field limits: both endpoints make theirs here so they accept and refuse
// the same queries.
std::unique_ptr<graphql::execution::DocumentCache> make_document_cache(const EngineLimits& limits);

// A query's syntax or validation errors as a response's `errors`, each with its locations and
// the code clients switch on (GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED).
boost::json::array document_errors(const std::vector<graphql::execution::DocumentError>& errors);

}  // namespace ecn::gateway::graphql_http
