#pragma once

#include "app/operation_metrics.hpp"
#include "graphql_http/graphql_handler.hpp"

namespace ecn::gateway::app {

// A GraphqlHandler that times the one it wraps and counts each request under its operation
// name (see OperationMetrics).
class MeteredGraphqlHandler : public graphql_http::GraphqlHandler {
 public:
  // Both must outlive this object.
  MeteredGraphqlHandler(graphql_http::GraphqlHandler& inner, OperationMetrics& metrics)
      : inner_(inner), metrics_(metrics) {}

  boost::asio::awaitable<graphql_http::GraphqlOutcome> handle(
      graphql_http::GraphqlRequest request, auth::RequestContext& context) override;

 private:
  graphql_http::GraphqlHandler& inner_;
  OperationMetrics& metrics_;
};

}  // namespace ecn::gateway::app
