#include "graphql_http/engine_handler.hpp"

#include <any>
#include <boost/json/array.hpp>
#include <stdexcept>

#include "ecn/graphql/execution/document_cache.hpp"
#include "ecn/graphql/execution/execute.hpp"
#include "ecn/graphql/parser.hpp"
#include "graphql_http/prepared_documents.hpp"

namespace ecn::gateway::graphql_http {
namespace {

namespace json = boost::json;
namespace gql = ecn::graphql;

GraphqlOutcome request_error(json::array errors) {
  return {GraphqlOutcome::Kind::kRequestError, json::object{{"errors", std::move(errors)}}};
}

// The operation the request would run, or null when the executor should report its absence.
const gql::ast::OperationDefinition* select_operation(const gql::Document& document,
                                                      const std::optional<std::string>& name) {
  const gql::ast::OperationDefinition* found = nullptr;
  for (const auto* definition : document.definitions()) {
    const auto* operation = gql::ast::as<gql::ast::OperationDefinition>(definition);
    if (operation == nullptr) continue;
    if (name ? operation->name.value == *name : found == nullptr) {
      found = operation;
    } else if (!name) {
      return nullptr;  // several operations and no name: ambiguous
    }
  }
  return found;
}

}  // namespace

EngineGraphqlHandler::EngineGraphqlHandler(
    std::shared_ptr<const graphql::execution::ExecutableSchema> schema, EngineLimits limits,
    ContextFactory make_context)
    : schema_(std::move(schema)),
      make_context_(std::move(make_context)),
      documents_(make_document_cache(limits)) {}

EngineGraphqlHandler::~EngineGraphqlHandler() = default;

boost::asio::awaitable<GraphqlOutcome> EngineGraphqlHandler::handle(GraphqlRequest request,
                                                                    auth::RequestContext& context) {
  // Parse and validate once per distinct query text: repeated queries (the common case: apps
  // send the same few documents) skip both stages.
  const auto prepared = documents_->get(schema_->shared_schema(), request.query);
  if (!prepared.ok()) co_return request_error(document_errors(*prepared.errors));
  auto document = prepared.document;
  const auto* selected = select_operation(*document, request.operation_name);
  if (request.read_only) {
    if (selected != nullptr && selected->operation != gql::ast::OperationType::kQuery) {
      co_return GraphqlOutcome{
          GraphqlOutcome::Kind::kMethodNotAllowed,
          json::object{
              {"errors", json::array{json::object{{"message",
                                                   "only query operations may be sent with GET; "
                                                   "use POST for mutations"}}}}}};
    }
  }
  if (selected != nullptr && selected->operation == gql::ast::OperationType::kSubscription) {
    co_return request_error(json::array{json::object{
        {"message", "subscriptions are served over WebSocket (graphql-transport-ws)"}}});
  }
  std::string executed_name(selected != nullptr ? selected->name.value : std::string_view());
  std::any resolver_context = make_context_ ? make_context_(context) : std::any(&context);
  gql::execution::ExecutionRequest execution;
  execution.schema = schema_;
  execution.document = std::move(document);
  const std::string operation_name = request.operation_name.value_or("");
  execution.operation_name = operation_name;
  execution.variables = std::move(request.variables);
  execution.context = &resolver_context;
  // Awaited into a named local: GCC 12 miscompiles co_await inside a braced initializer.
  auto response = co_await gql::execution::execute_in_arena(std::move(execution));
  GraphqlOutcome outcome;
  outcome.executed.emplace(std::move(response));
  outcome.operation_name = std::move(executed_name);
  co_return outcome;
}

std::shared_ptr<const graphql::execution::ExecutableSchema> make_health_schema() {
  auto schema = gql::build_schema("type Query { health: String! }");
  if (!schema) throw std::logic_error("health schema: " + schema.error().front().message);
  gql::execution::ResolverMap resolvers;
  resolvers.on("Query.health", [](const gql::execution::ResolveInfo&) {
    return gql::execution::ResolverResult(json::value("ok"));
  });
  return std::make_shared<const gql::execution::ExecutableSchema>(std::move(*schema),
                                                                  std::move(resolvers));
}

}  // namespace ecn::gateway::graphql_http
