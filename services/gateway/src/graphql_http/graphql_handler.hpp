#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "auth/request_context.hpp"
#include "ecn/graphql/execution/execute.hpp"

namespace ecn::gateway::graphql_http {

// The GraphQL request parameters of one HTTP request, already checked for shape.
struct GraphqlRequest {
  std::string query;
  std::optional<std::string> operation_name;
  boost::json::object variables;
  boost::json::object extensions;
  // Came over GET: only query operations may run (a mutation answers 405).
  bool read_only = false;
};

// What the engine made of a request, for the HTTP layer to pick a status code.
struct GraphqlOutcome {
  enum class Kind {
    kExecuted,          // the execution result; no "data" entry means it failed before executing
    kRequestError,      // the document did not parse or validate: {"errors": [...]}
    kMethodNotAllowed,  // a mutation (or subscription) over GET
  };
  Kind kind = Kind::kExecuted;
  boost::json::object body;  // when `executed` is empty
  // The engine's response, in the arena it owns (freed without walking the tree).
  std::optional<ecn::graphql::execution::Response> executed;
  // The executed operation's name ("" when anonymous or not executed), for metrics.
  std::string operation_name;

  const boost::json::object& json() const { return executed ? executed->json() : body; }
};

// The GraphQL engine as the HTTP layer sees it: parse, validate, execute. The production one
// runs the real schema; tests may substitute their own.
class GraphqlHandler {
 public:
  virtual ~GraphqlHandler() = default;
  // `context` outlives the returned coroutine.
  virtual boost::asio::awaitable<GraphqlOutcome> handle(GraphqlRequest request,
                                                        auth::RequestContext& context) = 0;
};

}  // namespace ecn::gateway::graphql_http
