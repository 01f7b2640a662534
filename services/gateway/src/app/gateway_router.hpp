#pragma once

#include <boost/asio/awaitable.hpp>

#include "auth/authenticator.hpp"
#include "graphiql/graphiql_assets.hpp"
#include "graphql_http/graphql_handler.hpp"
#include "http/cors.hpp"
#include "http/http_types.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "web/web_assets.hpp"

namespace ecn::gateway::app {

// The gateway's routes: /graphql (GraphQL over HTTP, and GraphiQL for browsers), the GraphiQL
// bundles under /graphiql/, CORS on every answer; other GET paths serve the web app when one is
// set (set_web_app), anything else is 404.
class GatewayRouter {
 public:
  // Everything referenced must outlive the router; `graphiql` may be null (no GraphiQL).
  GatewayRouter(graphql_http::GraphqlHandler& graphql, const auth::Authenticator& authenticator,
                http::CorsPolicy cors, const graphiql::GraphiqlAssets* graphiql);

  boost::asio::awaitable<http::HttpResponse> handle(const http::HttpRequest& request);

  // Limits /graphql requests per client IP and user (429 beyond); null (the default): no
  // limits. The limiter must outlive the router.
  void set_rate_limiter(ratelimit::RateLimiter* limiter) { rate_limiter_ = limiter; }

  // Serves the shop's web app for GET/HEAD on every other path (index.html for the app's own
  // routes); null (the default): those paths are 404. The assets must outlive the router.
  void set_web_app(const web::WebAssets* web_app) { web_app_ = web_app; }

 private:
  boost::asio::awaitable<http::HttpResponse> graphql(const http::HttpRequest& request);

  graphql_http::GraphqlHandler& graphql_;
  const auth::Authenticator& authenticator_;
  http::CorsPolicy cors_;
  const graphiql::GraphiqlAssets* graphiql_;
  ratelimit::RateLimiter* rate_limiter_ = nullptr;
  const web::WebAssets* web_app_ = nullptr;
};

}  // namespace ecn::gateway::app
