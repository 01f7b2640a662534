#pragma once

#include <boost/asio/awaitable.hpp>

#include "auth/authenticator.hpp"
#include "graphiql/graphiql_assets.hpp"
#include "graphql_http/graphql_handler.hpp"
#include "http/cors.hpp"
#include "http/http_types.hpp"
#include "ratelimit/rate_limiter.hpp"

namespace ecn::gateway::app {

// The gateway's routes: /graphql (GraphQL over HTTP, and GraphiQL for browsers), the GraphiQL
// bundles under /graphiql/, CORS on every answer; anything else is 404.
class GatewayRouter {
 public:
  // Everything referenced must outlive the router; `graphiql` may be null (no GraphiQL).
  GatewayRouter(graphql_http::GraphqlHandler& graphql, const auth::Authenticator& authenticator,
                http::CorsPolicy cors, const graphiql::GraphiqlAssets* graphiql);

  boost::asio::awaitable<http::HttpResponse> handle(const http::HttpRequest& request);

  // Limits /graphql requests per client IP and user (429 beyond); null (the default): no
  // limits. The limiter must outlive the router.
  void set_rate_limiter(ratelimit::RateLimiter* limiter) { rate_limiter_ = limiter; }

 private:
  boost::asio::awaitable<http::HttpResponse> graphql(const http::HttpRequest& request);

  graphql_http::GraphqlHandler& graphql_;
  const auth::Authenticator& authenticator_;
  http::CorsPolicy cors_;
  const graphiql::GraphiqlAssets* graphiql_;
  ratelimit::RateLimiter* rate_limiter_ = nullptr;
};

}  // namespace ecn::gateway::app
