#pragma once

#include <string>

#include "cache/product_cache.hpp"
#include "cache/product_events_listener.hpp"
#include "ecn/core/config.hpp"
#include "ecn/core/logging.hpp"
#include "graphql_http/engine_handler.hpp"
#include "http/http_server.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "redis/redis_options.hpp"
#include "subscriptions/ws_server.hpp"
#include "upstream/upstreams.hpp"

namespace ecn::gateway::app {

// Every setting of the gateway, declared in one place (see read_gateway_config).
struct GatewayConfig {
  http::HttpServerOptions http;
  core::HostPort ops_address;
  std::string cors_allowed_origins;
  std::string jwt_secret;
  std::string jwt_issuer;
  std::string admin_secret_key;
  bool graphiql_enabled = true;
  std::string graphiql_assets_dir;  // the node_modules holding graphiql, react, react-dom
  std::string web_assets_dir;       // the built web app (index.html, assets/); empty: none
  graphql_http::EngineLimits limits;
  upstream::UpstreamConfig upstreams;
  redis::RedisOptions redis;                    // REDIS_URL, REDIS_COMMAND_TIMEOUT_MS
  subscriptions::WsOptions websocket;           // WS_*
  cache::ProductCacheSettings product_cache;    // PRODUCT_CACHE_*
  cache::ProductEventsSettings product_events;  // KAFKA_BROKERS, PRODUCT_EVENTS_TOPIC
  ratelimit::RateLimitSettings rate_limit;      // RATE_LIMIT_*
  core::LogLevel log_level = core::LogLevel::kInfo;
  core::LogFormat log_format = core::LogFormat::kJson;
};

// The minimum JWT_SECRET length: HS256 keys shorter than its 32-byte output weaken it.
inline constexpr std::size_t kMinJwtSecretBytes = 32;

// Declares and reads the gateway's variables; problems are recorded on `reader` (call
// finish_or_exit() afterwards).
GatewayConfig read_gateway_config(core::ConfigReader& reader);

}  // namespace ecn::gateway::app
