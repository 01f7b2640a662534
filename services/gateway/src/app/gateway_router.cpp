#include "app/gateway_router.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cstdint>
#include <string>

#include "graphql_http/graphql_http.hpp"
#include "ratelimit/rate_limited.hpp"

namespace ecn::gateway::app {
namespace {

using http::HttpRequest;
using http::HttpResponse;

bool has_query_parameter(const HttpRequest& request) {
  const auto url = boost::urls::parse_origin_form(request.target);
  return url && url->params().contains("query");
}

HttpResponse not_found() {
  return http::make_response(404, "text/plain; charset=utf-8", "not found\n");
}

// 429 with Retry-After and a GraphQL-shaped body carrying the exact wait.
HttpResponse too_many_requests(std::chrono::milliseconds wait) {
  auto response = http::make_response(
      429, "application/json; charset=utf-8",
      boost::json::serialize(boost::json::object{
          {"errors", boost::json::array{ratelimit::rate_limited_error(wait)}}}));
  response.set_header("retry-after", std::to_string(ratelimit::retry_after_seconds(wait)));
  return response;
}

}  // namespace

GatewayRouter::GatewayRouter(graphql_http::GraphqlHandler& graphql,
                             const auth::Authenticator& authenticator, http::CorsPolicy cors,
                             const graphiql::GraphiqlAssets* graphiql)
    : graphql_(graphql),
      authenticator_(authenticator),
      cors_(std::move(cors)),
      graphiql_(graphiql) {}

boost::asio::awaitable<HttpResponse> GatewayRouter::handle(const HttpRequest& request) {
  if (http::CorsPolicy::is_preflight(request)) co_return cors_.preflight(request);
  HttpResponse response;
  const auto path = request.path();
  if (path == "/graphql") {
    response = co_await graphql(request);
  } else if (graphiql_ != nullptr && path.starts_with("/graphiql/") &&
             (request.method == "GET" || request.method == "HEAD")) {
    auto asset = graphiql_->asset(path, request.header("if-none-match"));
    response = asset ? std::move(*asset) : not_found();
  } else if (web_app_ != nullptr && (request.method == "GET" || request.method == "HEAD")) {
    auto file = web_app_->respond(path, request.header("if-none-match"));
    response = file ? std::move(*file) : not_found();
  } else {
    response = not_found();
  }
  cors_.decorate(request, response);
  co_return response;
}

boost::asio::awaitable<HttpResponse> GatewayRouter::graphql(const HttpRequest& request) {
  using graphql_http::MediaType;
  const bool is_get = request.method == "GET";
  if (!is_get && request.method != "POST") {
    auto response =
        http::make_response(405, "text/plain; charset=utf-8", "use GET for queries or POST\n");
    response.set_header("allow", "GET, POST, OPTIONS");
    co_return response;
  }
  auto context = authenticator_.authenticate(request);
  if (rate_limiter_ != nullptr) {
    // Before parsing, so malformed requests count too; the user bucket needs a valid token.
    auto pending = rate_limiter_->check(request.remote_address, context.user_id);
    const auto decision = co_await std::move(pending);
    if (!decision.allowed) co_return too_many_requests(decision.retry_after);
  }
  const auto accept = request.header("accept");
  if (is_get && graphiql_ != nullptr && graphql_http::wants_html(accept) &&
      !has_query_parameter(request)) {
    co_return graphiql_->page();
  }
  const auto media_type = graphql_http::negotiate(accept);
  if (!media_type) {
    co_return http::make_response(
        406, "application/json; charset=utf-8",
        R"({"errors":[{"message":"Accept: none of application/graphql-response+json, application/json is acceptable"}]})");
  }
  auto parsed = is_get ? graphql_http::parse_get(request, *media_type)
                       : graphql_http::parse_post(request, *media_type);
  if (auto* refusal = std::get_if<HttpResponse>(&parsed)) co_return std::move(*refusal);
  const auto outcome =
      co_await graphql_.handle(std::move(std::get<graphql_http::GraphqlRequest>(parsed)), context);
  co_return graphql_http::to_http_response(outcome, *media_type);
}

}  // namespace ecn::gateway::app
