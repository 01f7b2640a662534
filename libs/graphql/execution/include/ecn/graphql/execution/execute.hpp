#pragma once

#include <any>
#include <boost/asio/awaitable.hpp>
#include <boost/json/monotonic_resource.hpp>
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

// A response built in an arena it owns. Unlike execute()'s object, whose shared arena still
// walks the whole tree to destroy it, a Response is freed in one release: the faster choice
// for a caller that serialises the response and drops it (the gateway).
class Response {
 public:
  Response(Response&&) noexcept = default;
  // Not defaulted: the old body must go before the arena it lives in.
  Response& operator=(Response&& other) noexcept;
  ~Response() = default;

  const boost::json::object& json() const noexcept { return body_; }

 private:
  Response();
  friend boost::asio::awaitable<Response> execute_in_arena(ExecutionRequest request);
  friend Response execute_in_arena_sync(ExecutionRequest request);

  // Declared first: destroyed after the body that lives in it.
  std::unique_ptr<boost::json::monotonic_resource> arena_;
  boost::json::object body_;
};

// execute() and execute_sync() with the response in its own arena.
boost::asio::awaitable<Response> execute_in_arena(ExecutionRequest request);
Response execute_in_arena_sync(ExecutionRequest request);

}  // namespace ecn::graphql::execution
