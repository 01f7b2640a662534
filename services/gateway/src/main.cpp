// gateway: the shop's GraphQL API over HTTP. Wiring only: config, engine, auth, servers.
#include <spdlog/spdlog.h>

#include <any>
#include <memory>

#include "app/gateway_config.hpp"
#include "app/gateway_metrics.hpp"
#include "app/gateway_router.hpp"
#include "ecn/core/shutdown.hpp"
#include "ecn/ops/ops_server.hpp"
#include "redis/redis_io_thread.hpp"
#include "redis/redis_pubsub.hpp"
#include "resolvers/request_scope.hpp"
#include "schema/gateway_schema.hpp"
#include "subscriptions/live_notifications.hpp"
#include "subscriptions/ws_server.hpp"
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
    const upstream::Upstreams upstreams(config.upstreams);
    const auto gateway_schema = schema::make_gateway_schema();
    graphql_http::EngineGraphqlHandler graphql(
        gateway_schema, config.limits, [&upstreams](auth::RequestContext& context) {
          return std::any(std::make_shared<resolvers::RequestScope>(context, upstreams));
        });
    std::unique_ptr<graphiql::GraphiqlAssets> graphiql;
    if (config.graphiql_enabled) {
      graphiql = std::make_unique<graphiql::GraphiqlAssets>(config.graphiql_assets_dir);
    }
    app::GatewayRouter router(graphql, authenticator,
                              http::CorsPolicy::parse(config.cors_allowed_origins), graphiql.get());

    ecn::ops::MetricsRegistry registry;
    app::GatewayMetrics metrics(registry);
    ecn::ops::OpsServer ops(config.ops_address, registry);
    // Live notifications: one Redis pub/sub connection for every WebSocket subscriber.
    redis::RedisIoThread redis_io;
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
    server.set_upgrade_handler([&websocket](auto stream, auto upgrade, auto request) {
      return websocket.serve(std::move(stream), std::move(upgrade), std::move(request));
    });
    ops.start();
    server.start();
    spdlog::info("gateway started: http {} (port {}), ops {} (port {})",
                 config.http.address.to_string(), server.port(), config.ops_address.to_string(),
                 ops.port());
    shutdown.on_shutdown([&] { ops.stop(); });
    shutdown.on_shutdown([&] { server.stop(); });
    shutdown.wait();
    spdlog::info("gateway stopped");
  } catch (const std::exception& error) {
    spdlog::critical("gateway failed: {}", error.what());
    return 1;
  }
  return 0;
}
