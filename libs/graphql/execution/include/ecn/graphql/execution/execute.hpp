#pragma once

#include <any>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string_view>

#include "ecn/graphql/document.hpp"
#include "ecn/graphql/execution/executable_schema.hpp"

namespace ecn::graphql::execution {

// One GraphQL request, already parsed (and validated: the executor trusts the document).
struct ExecutionRequest {
  std::shared_ptr<const ExecutableSchema> schema;
  std::shared_ptr<const Document> document;
  std::string_view operation_name;  // empty: the document's only operation
  boost::json::object variables;    // raw, coerced by the executor
  // Parent value of the root fields (null: a null root). Shared and immutable, so a root that
  // serves many requests is never copied per request.
  std::shared_ptr<const boost::json::value> root_value;
  std::any* context = nullptr;  // handed to every resolver
};

// Executes the request (spec 6): `{"data": ..., "errors": [...]}`, data first, errors only
// when there are some. Query root fields and all nested async resolvers run concurrently on a
// strand of the caller's executor; mutation root fields run one after another.
boost::asio::awaitable<boost::json::object> execute(ExecutionRequest request);

// The same, for callers without an event loop: synchronous resolvers run inline, and a private
// io_context runs any asynchronous ones.
boost::json::object execute_sync(ExecutionRequest request);

}  // namespace ecn::graphql::execution
