#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "auth/authenticator.hpp"
#include "ecn/ops/metrics.hpp"
#include "graphql_http/engine_handler.hpp"
#include "http/http_types.hpp"
#include "ratelimit/rate_limiter.hpp"

namespace ecn::gateway::subscriptions {

// Limits of the WebSocket endpoint (WS_* settings).
struct WsOptions {
  // A connection that has not sent connection_init by then is closed with 4408.
  std::chrono::milliseconds init_timeout{3000};
  std::size_t max_subscriptions = 100;            // operations at once per connection
  std::size_t max_message_bytes = 64 * 1024;      // a larger frame closes with 1009
  std::chrono::milliseconds idle_timeout{60000};  // Beast pings a silent peer, then drops it
};

// GraphQL over WebSocket on /graphql (graphql-transport-ws): connection_init with the token
// in its payload, connection_ack, ping/pong, subscribe/next/error/complete, the protocol's
// close codes. Subscriptions, queries and mutations all run through the engine's subscribe().
// One per process; each connection is served by serve() on its HTTP connection's strand.
class WsServer {
 public:
  // Everything referenced must outlive the server and its connections. `make_context` makes
  // the resolvers' context of each operation (and of each event of a subscription).
  WsServer(std::shared_ptr<const graphql::execution::ExecutableSchema> schema,
           graphql_http::EngineLimits limits, const auth::Authenticator& authenticator,
           graphql_http::ContextFactory make_context, WsOptions options,
           ops::MetricsRegistry& metrics);
  ~WsServer();
  WsServer(const WsServer&) = delete;
  WsServer& operator=(const WsServer&) = delete;

  // Rate limits (may stay unset: nothing limited): the upgrade request takes a token from its
  // IP's bucket (else HTTP 429 with Retry-After, no socket), and each `subscribe` from the IP's
  // and the user's (else an `error` with RATE_LIMITED for that operation; the socket stays).
  // Set before serving; the limiter must outlive the server.
  void set_rate_limiter(ratelimit::RateLimiter* limiter) { rate_limiter_ = limiter; }

  // The HttpServer's upgrade handler: 404 for other paths, else the WebSocket session.
  boost::asio::awaitable<void> serve(
      boost::asio::ip::tcp::socket socket,
      boost::beast::http::request<boost::beast::http::string_body> upgrade,
      http::HttpRequest request);

  // For SIGTERM, before HttpServer::stop(): closes every connection with 1001 (going away) so
  // clients reconnect elsewhere, refuses new ones the same way, and waits up to `grace` for the
  // close handshakes.
  void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(2));

 private:
  class Connection;

  std::shared_ptr<const graphql::execution::ExecutableSchema> schema_;
  std::unique_ptr<graphql::execution::DocumentCache> documents_;  // parsed + validated queries
  const auth::Authenticator& authenticator_;
  graphql_http::ContextFactory make_context_;
  WsOptions options_;
  ratelimit::RateLimiter* rate_limiter_ = nullptr;
  ops::Gauge& open_connections_;
  ops::Gauge& active_operations_;
  std::mutex mutex_;  // guards connections_ and shutting_down_
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;
  bool shutting_down_ = false;
  std::atomic<int> open_{0};
};

}  // namespace ecn::gateway::subscriptions
