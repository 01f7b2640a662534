#include "app/metered_graphql_handler.hpp"

#include <chrono>

namespace ecn::gateway::app {

boost::asio::awaitable<graphql_http::GraphqlOutcome> MeteredGraphqlHandler::handle(
    graphql_http::GraphqlRequest request, auth::RequestContext& context) {
  const auto started = std::chrono::steady_clock::now();
  auto pending = inner_.handle(std::move(request), context);
  auto outcome = co_await std::move(pending);
  using Kind = graphql_http::GraphqlOutcome::Kind;
  auto result = OperationMetrics::Result::kOk;
  if (outcome.kind != Kind::kExecuted || !outcome.json().contains("data")) {
    result = OperationMetrics::Result::kRefused;
  } else if (outcome.json().contains("errors")) {
    result = OperationMetrics::Result::kFieldErrors;
  }
  metrics_.record(outcome.operation_name, result, std::chrono::steady_clock::now() - started);
  co_return outcome;
}

}  // namespace ecn::gateway::app
