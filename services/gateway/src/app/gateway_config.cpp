#include "app/gateway_config.hpp"

#ifndef ECN_GATEWAY_NODE_MODULES
#define ECN_GATEWAY_NODE_MODULES "node_modules"
#endif
#ifndef ECN_GATEWAY_WEB_DIST
#define ECN_GATEWAY_WEB_DIST ""
#endif

#include <stdexcept>

#include "ecn/kafka/admin.hpp"

namespace ecn::gateway::app {

GatewayConfig read_gateway_config(core::ConfigReader& reader) {
  GatewayConfig c;
  c.http.address = reader.address("GATEWAY_ADDR", "0.0.0.0:8080", "where the HTTP API listens");
  c.http.threads = static_cast<int>(
      reader.integer("GATEWAY_THREADS", 2, 1, 256, "threads running the HTTP event loop"));
  c.http.max_body_bytes = static_cast<std::size_t>(reader.integer(
      "MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20, "largest request body accepted (else 413)"));
  c.http.max_header_bytes = static_cast<std::size_t>(reader.integer(
      "MAX_HEADER_BYTES", 16 * 1024, 1024, 1 << 20, "largest request header block (else 431)"));
  c.http.request_timeout = reader.duration_ms("REQUEST_TIMEOUT_MS", std::chrono::seconds(30),
                                              "longest time a request may take (else 504)");
  c.http.idle_timeout = reader.duration_ms("KEEPALIVE_TIMEOUT_MS", std::chrono::seconds(60),
                                           "an idle keep-alive connection closes after this");
  const auto trusted_proxies = reader.string(
      "TRUSTED_PROXIES", "",
      "proxies (IPs or CIDR networks, comma-separated) whose X-Forwarded-For names the client; "
      "empty: none");
  try {
    c.http.trusted_proxies = http::TrustedProxies::parse(trusted_proxies);
  } catch (const std::invalid_argument& error) {
    reader.reject("TRUSTED_PROXIES", error.what());
  }
  c.ops_address =
      reader.address("OPS_ADDR", "0.0.0.0:9100", "where /healthz, /readyz and /metrics listen");
  c.cors_allowed_origins = reader.string(
      "CORS_ALLOWED_ORIGINS", "", "browser origins allowed, comma-separated, or *; empty: none");
  c.jwt_secret = reader.secret("JWT_SECRET", "", "HS256 key shared with user-service (required)");
  if (c.jwt_secret.size() < kMinJwtSecretBytes) {
    reader.reject("JWT_SECRET", "required, at least 32 bytes");
  }
  c.jwt_issuer = reader.string("JWT_ISSUER", "ecommerce-user-service",
                               "the `iss` every accepted token must carry");
  c.admin_secret_key =
      reader.secret("ADMIN_SECRET_KEY", "", "x-api-key value that grants admin (required)");
  if (c.admin_secret_key.empty()) reader.reject("ADMIN_SECRET_KEY", "required");
  c.graphiql_enabled =
      reader.boolean("GRAPHIQL_ENABLED", true, "serve GraphiQL on GET /graphql to browsers");
  c.graphiql_assets_dir = reader.string("GRAPHIQL_ASSETS_DIR", ECN_GATEWAY_NODE_MODULES,
                                        "node_modules holding graphiql, react and react-dom");
  c.web_assets_dir =
      reader.string("WEB_ASSETS_DIR", ECN_GATEWAY_WEB_DIST,
                    "the built web app served at / (index.html, assets/); empty: no web app");
  c.limits.max_depth = static_cast<std::uint32_t>(
      reader.integer("QUERY_MAX_DEPTH", 12, 1, 1000,
                     "deepest selection nesting accepted, introspection not counted"));
  c.limits.max_fields = static_cast<std::uint32_t>(
      reader.integer("QUERY_MAX_FIELDS", 500, 1, 100000, "most fields one operation may select"));
  c.upstreams.user_address =
      reader.address("USER_SERVICE_ADDR", "127.0.0.1:50051", "user-service gRPC").to_string();
  c.upstreams.product_address =
      reader.address("PRODUCT_SERVICE_ADDR", "127.0.0.1:50052", "product-service gRPC").to_string();
  c.upstreams.order_address =
      reader.address("ORDER_SERVICE_ADDR", "127.0.0.1:50053", "order-service gRPC").to_string();
  c.upstreams.notification_address =
      reader.address("NOTIFICATION_SERVICE_ADDR", "127.0.0.1:50054", "notification-service gRPC")
          .to_string();
  c.upstreams.timeout = reader.duration_ms("UPSTREAM_TIMEOUT_MS", std::chrono::seconds(2),
                                           "deadline of every call to a domain service");
  c.redis.command_timeout =
      reader.duration_ms("REDIS_COMMAND_TIMEOUT_MS", std::chrono::milliseconds(500),
                         "a Redis reply slower than this fails (the call falls back or errs)");
  const auto redis_url = reader.secret("REDIS_URL", "redis://127.0.0.1:6379",
                                       "Redis (live notifications, product cache, rate limits): "
                                       "redis://[[user]:pw@]host[:port][/db], "
                                       "default redis://127.0.0.1:6379");
  if (auto redis = redis::parse_redis_url(redis_url, c.redis)) {
    c.redis = std::move(*redis);
  } else {
    reader.reject("REDIS_URL", "expected redis://[[user]:password@]host[:port][/db]");
  }
  c.websocket.init_timeout =
      reader.duration_ms("WS_INIT_TIMEOUT_MS", std::chrono::seconds(3),
                         "a WebSocket without connection_init by then closes with 4408");
  c.websocket.max_subscriptions = static_cast<std::size_t>(
      reader.integer("WS_MAX_SUBSCRIPTIONS", 100, 1, 10000,
                     "operations one WebSocket connection may run at once"));
  c.websocket.max_message_bytes = static_cast<std::size_t>(
      reader.integer("WS_MAX_MESSAGE_BYTES", 64 * 1024, 1024, 16 << 20,
                     "largest WebSocket message accepted (else close 1009)"));
  c.websocket.idle_timeout =
      reader.duration_ms("WS_IDLE_TIMEOUT_MS", std::chrono::seconds(60),
                         "a silent WebSocket is pinged after this, and dropped if it stays silent");
  c.product_cache.enabled = reader.boolean("PRODUCT_CACHE_ENABLED", true,
                                           "cache product and products reads in Redis (REDIS_URL)");
  c.product_cache.ttl = std::chrono::seconds(
      reader.integer("PRODUCT_CACHE_TTL_SECONDS", 60, 1, 86400,
                     "how long a cached product read lives (invalidation is immediate)"));
  c.product_cache.key_prefix =
      reader.string("PRODUCT_CACHE_KEY_PREFIX", "gateway:products",
                    "Redis key prefix of the product cache (the same for every replica)");
  if (c.product_cache.key_prefix.empty()) {
    reader.reject("PRODUCT_CACHE_KEY_PREFIX", "must not be empty");
  }
  c.product_cache.local_ttl =
      reader.duration_ms("PRODUCT_CACHE_LOCAL_TTL_MS", std::chrono::milliseconds(1000),
                         "how long a replica keeps a product read in memory; 0: always ask Redis");
  c.product_events.brokers =
      reader.string("KAFKA_BROKERS", "127.0.0.1:9092",
                    "Kafka, for product-created events that invalidate the cache; empty: TTL only");
  c.product_events.topic =
      reader.string("PRODUCT_EVENTS_TOPIC", "product-events", "topic of product-created events");
  if (const auto problem = kafka::topic_name_problem(c.product_events.topic)) {
    reader.reject("PRODUCT_EVENTS_TOPIC", *problem);
  }
  c.rate_limit.enabled = reader.boolean("RATE_LIMIT_ENABLED", true,
                                        "token buckets per client IP and per user (429 beyond)");
  c.rate_limit.key_prefix =
      reader.string("RATE_LIMIT_KEY_PREFIX", "gateway:ratelimit",
                    "Redis key prefix of the rate limit buckets (the same for every replica)");
  if (c.rate_limit.key_prefix.empty()) reader.reject("RATE_LIMIT_KEY_PREFIX", "must not be empty");
  c.rate_limit.ip_per_second = static_cast<double>(reader.integer(
      "RATE_LIMIT_IP_PER_SECOND", 100, 1, 1000000, "requests a client IP may make per second"));
  c.rate_limit.ip_burst = static_cast<double>(
      reader.integer("RATE_LIMIT_IP_BURST", 200, 1, 10000000, "a client IP's bucket size"));
  c.rate_limit.user_per_second = static_cast<double>(reader.integer(
      "RATE_LIMIT_USER_PER_SECOND", 50, 1, 1000000, "requests a user may make per second"));
  c.rate_limit.user_burst = static_cast<double>(
      reader.integer("RATE_LIMIT_USER_BURST", 100, 1, 10000000, "a user's bucket size"));
  const auto level = reader.choice("LOG_LEVEL", "info",
                                   {"trace", "debug", "info", "warn", "error", "critical", "off"},
                                   "lowest severity logged");
  const auto format = reader.choice("LOG_FORMAT", "json", {"json", "text"},
                                    "json: one object per line; text: for a terminal");
  c.log_level = core::parse_log_level(level).value_or(core::LogLevel::kInfo);
  c.log_format = core::parse_log_format(format).value_or(core::LogFormat::kJson);
  return c;
}

}  // namespace ecn::gateway::app
