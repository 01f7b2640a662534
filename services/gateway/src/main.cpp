// gateway: the shop's GraphQL API over HTTP. Wiring only: config, engine, auth, servers.
#include <spdlog/spdlog.h>

#include <any>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <memory>

#include "app/gateway_config.hpp"
#include "app/gateway_metrics.hpp"
#include "app/gateway_router.hpp"
#include "app/metered_graphql_handler.hpp"
#include "cache/product_cache.hpp"
#include "cache/product_events_listener.hpp"
#include "ecn/core/shutdown.hpp"
#include "ecn/ops/ops_server.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "readiness/readiness_checks.hpp"
#include "redis/redis_client.hpp"
#include "redis/redis_io_thread.hpp"
#include "redis/redis_pubsub.hpp"
#include "resolvers/request_scope.hpp"
#include "schema/gateway_schema.hpp"
#include "subscriptions/live_notifications.hpp"
#include "subscriptions/ws_server.hpp"
#include "upstream/upstream_failures.hpp"
#include "web/web_assets.hpp"

int main(int argc, char** argv) {
  using namespace ecn::gateway;
  ecn::core::ShutdownSignal shutdown;
  ecn::core::ConfigReader reader(argc, argv, "gateway", "The shop's GraphQL API over HTTP");
  const auto config = app::read_gateway_config(reader);
  reader.finish_or_exit();
  ecn::core::init_logging("gateway", config.log_format, config.log_level);
  try {
    auth::Authenticator authenticator(auth::JwtVerifier(config.jwt_secret, config.jwt_issuer),
                                      auth::AdminKey(config.admin_secret_key));
    ecn::ops::MetricsRegistry registry;
    upstream::UpstreamFailures upstream_failures(registry);
    const upstream::Upstreams upstreams(config.upstreams, &upstream_failures);
    const auto gateway_schema = schema::make_gateway_schema();
    redis::RedisIoThread redis_io;
    // Product cache and rate limits: one pipelined Redis connection for every request.
    redis::RedisClient redis_client(redis_io.executor(), config.redis);
    redis_client.start();
    cache::ProductCache product_cache(&redis_client, config.product_cache, registry);
    cache::ProductEventsListener product_events(
        config.product_events,
        [&product_cache, executor = redis_io.executor()] {
          // Waited for on the listener's thread (bounded by the Redis command timeout), so no
          // invalidation is in flight once the listener has stopped.
          boost::asio::co_spawn(executor, product_cache.invalidate(), boost::asio::use_future)
              .get();
        },
        registry);
    ratelimit::RateLimiter rate_limiter(&redis_client, config.rate_limit, registry);
    graphql_http::EngineGraphqlHandler graphql(
        gateway_schema, config.limits, [&upstreams, &product_cache](auth::RequestContext& context) {
          auto scope = std::make_shared<resolvers::RequestScope>(context, upstreams);
          scope->set_product_cache(&product_cache);
          return std::any(std::move(scope));
        });
    app::OperationMetrics operation_metrics(registry);
    app::MeteredGraphqlHandler metered_graphql(graphql, operation_metrics);
    std::unique_ptr<graphiql::GraphiqlAssets> graphiql;
    if (config.graphiql_enabled) {
      graphiql = std::make_unique<graphiql::GraphiqlAssets>(config.graphiql_assets_dir);
    }
    app::GatewayRouter router(metered_graphql, authenticator,
                              http::CorsPolicy::parse(config.cors_allowed_origins), graphiql.get());
    router.set_rate_limiter(&rate_limiter);

    app::GatewayMetrics metrics(registry);
    ecn::ops::OpsServer ops(config.ops_address, registry);
    readiness::add_readiness_checks(ops, upstreams, &redis_client, redis_io.executor(),
                                    std::chrono::milliseconds(1000));
    // Live notifications: one Redis pub/sub connection for every WebSocket subscriber.
    redis::RedisPubSub pubsub(redis_io.executor(), config.redis);
    pubsub.start();
    subscriptions::LiveNotifications live(pubsub, upstreams);
    subscriptions::WsServer websocket(
        gateway_schema, config.limits, authenticator,
        [&upstreams, &live](auth::RequestContext& context) {
          auto scope = std::make_shared<resolvers::RequestScope>(context, upstreams);
          scope->set_live_notifications(&live);
          return std::any(std::move(scope));
        },
        config.websocket, registry);
    websocket.set_rate_limiter(&rate_limiter);
    // The shop's web app at `/`: a missing build is not fatal, the API works without it.
    std::unique_ptr<web::WebAssets> web_app;
    if (!config.web_assets_dir.empty()) {
      try {
        web_app = std::make_unique<web::WebAssets>(config.web_assets_dir);
        router.set_web_app(web_app.get());
        spdlog::info("web app: {} files from WEB_ASSETS_DIR {}", web_app->file_count(),
                     config.web_assets_dir);
      } catch (const std::exception& error) {
        spdlog::warn("web app not served: WEB_ASSETS_DIR {}: {}", config.web_assets_dir,
                     error.what());
      }
    }
    http::HttpServer server(
        config.http, [&router](const http::HttpRequest& request) { return router.handle(request); },
        metrics.hooks());
    server.set_upgrade_handler([&websocket](auto socket, auto upgrade, auto request) {
      return websocket.serve(std::move(socket), std::move(upgrade), std::move(request));
    });
    ops.start();
    server.start();
    product_events.start();
    spdlog::info("gateway started: http {} (port {}), ops {} (port {})",
                 config.http.address.to_string(), server.port(), config.ops_address.to_string(),
                 ops.port());
    shutdown.on_shutdown([&] { ops.stop(); });
    shutdown.on_shutdown([&] { server.stop(); });
    // Runs before server.stop() (callbacks run in reverse): WebSockets get 1001, not a reset.
    shutdown.on_shutdown([&] { websocket.shutdown(); });
    shutdown.on_shutdown([&] { product_events.stop(); });
    shutdown.wait();
    spdlog::info("gateway stopped");
  } catch (const std::exception& error) {
    spdlog::critical("gateway failed: {}", error.what());
    return 1;
  }
  return 0;
}
