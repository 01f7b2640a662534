#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <memory>

#include "graphql_http/graphql_handler.hpp"

namespace ecn::graphql::execution {
class DocumentCache;
class ExecutableSchema;
}  // namespace ecn::graphql::execution

namespace ecn::gateway::graphql_http {

// Cost limits applied to every document before it runs.
struct EngineLimits {
  std::uint32_t max_depth = 12;    // QUERY_MAX_DEPTH
  std::uint32_t max_fields = 500;  // QUERY_MAX_FIELDS
};

// Makes the resolvers' context of one request (what `info.context` holds), e.g. its
// DataLoaders around the auth context; it lives until the request has executed.
using ContextFactory = std::function<std::any(auth::RequestContext&)>;

// GraphqlHandler over the real engine (parse -> validate -> execute). Without a context
// factory, resolvers find the request's auth::RequestContext as
// `std::any_cast<auth::RequestContext*>(*info.context)`.
class EngineGraphqlHandler : public GraphqlHandler {
 public:
  EngineGraphqlHandler(std::shared_ptr<const graphql::execution::ExecutableSchema> schema,
                       EngineLimits limits = {}, ContextFactory make_context = {});
  ~EngineGraphqlHandler() override;

  boost::asio::awaitable<GraphqlOutcome> handle(GraphqlRequest request,
                                                auth::RequestContext& context) override;

 private:
  std::shared_ptr<const graphql::execution::ExecutableSchema> schema_;
  ContextFactory make_context_;
  std::unique_ptr<graphql::execution::DocumentCache> documents_;  // parsed + validated queries
};

// The placeholder schema served until the real one is plugged in:
// `type Query { health: String! }`, resolving to "ok".
std::shared_ptr<const graphql::execution::ExecutableSchema> make_health_schema();

}  // namespace ecn::gateway::graphql_http
