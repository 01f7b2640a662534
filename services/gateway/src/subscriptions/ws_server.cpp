#include "subscriptions/ws_server.hpp"

#include <spdlog/spdlog.h>

#include <any>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/serialize.hpp>
#include <deque>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "ecn/core/logging.hpp"
#include "ecn/graphql/execution/document_cache.hpp"
#include "ecn/graphql/execution/subscribe.hpp"
#include "graphql_http/prepared_documents.hpp"
#include "ratelimit/rate_limited.hpp"
#include "subscriptions/ws_operation.hpp"
#include "subscriptions/ws_protocol.hpp"

namespace ecn::gateway::subscriptions {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace bhttp = beast::http;
namespace json = boost::json;
namespace gql = ecn::graphql;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// RFC 6455: a close frame's reason fits in 123 bytes.
constexpr std::size_t kMaxCloseReason = 123;

using WsStream = websocket::stream<beast::tcp_stream>;

// Answers the upgrade request with plain HTTP instead, then the connection closes. A coroutine
// of its own: serve()'s frame lives as long as the socket, and would keep the response's room.
// Arguments by value: the coroutine starts when awaited, after the caller's temporaries.
asio::awaitable<void> refuse(asio::ip::tcp::socket& socket, bhttp::status status, unsigned version,
                             const char* content_type, std::string body,
                             std::string retry_after = {}) {
  bhttp::response<bhttp::string_body> response{status, version};
  response.set(bhttp::field::content_type, content_type);
  if (!retry_after.empty()) response.set(bhttp::field::retry_after, retry_after);
  response.body() = std::move(body);
  response.keep_alive(false);
  response.prepare_payload();
  co_await bhttp::async_write(socket, response, kNoThrow);  // best effort
}

// The access line of an upgrade request: the HTTP server hands upgrades over before it logs.
void log_upgrade(const http::HttpRequest& request, int status, std::string_view refused = {}) {
  core::RequestIdScope scope(request.request_id);
  if (refused.empty()) {
    spdlog::info("access method={} path={} status={} remote={} websocket", request.method,
                 request.path(), status, request.remote_address);
  } else {
    spdlog::info("access method={} path={} status={} remote={} websocket refused=\"{}\"",
                 request.method, request.path(), status, request.remote_address, refused);
  }
}

}  // namespace

// One WebSocket connection: reads client messages in order, answers on a write queue (one
// write at a time, as Beast requires), runs each operation as its own coroutine on the
// connection's strand.
class WsServer::Connection : public std::enable_shared_from_this<WsServer::Connection> {
 public:
  // `strand` serialises everything the connection does: the socket itself was accepted on the
  // shared io_context, so its own executor is no strand.
  Connection(WsServer& server, WsStream ws, std::string request_id, std::string remote_address,
             asio::any_io_executor strand)
      : server_(server),
        ws_(std::move(ws)),
        request_id_(std::move(request_id)),
        remote_address_(std::move(remote_address)),
        strand_(std::move(strand)),
        init_timer_(strand_),
        expiry_timer_(strand_) {}

  asio::awaitable<void> run() {
    server_.open_connections_.inc();
    asio::co_spawn(strand_, init_deadline(shared_from_this()), asio::detached);
    for (;;) {
      beast::flat_buffer buffer;
      auto [ec, bytes] = co_await ws_.async_read(buffer, kNoThrow);
      if (ec) break;
      if (close_with_) continue;  // closing: read on until the peer answers the close
      if (!ws_.got_text()) {
        close(CloseCode::kBadMessage, "Invalid message received: binary frame");
        continue;
      }
      auto parsed = parse_client_message(beast::buffers_to_string(buffer.data()));
      if (!parsed) {
        close(CloseCode::kBadMessage, parsed.error());
        continue;
      }
      handle(std::move(*parsed));
    }
    closed_ = true;
    init_timer_.cancel();
    expiry_timer_.cancel();
    for (auto& [id, operation] : operations_) cancel(*operation);
    operations_.clear();
    server_.open_connections_.dec();
  }

  void close(CloseCode code, std::string reason) {
    close_with(static_cast<websocket::close_code>(code), std::move(reason));
  }

  // From any thread: 1001, the server is going away.
  void go_away() {
    asio::post(strand_, [self = shared_from_this()] {
      self->close_with(websocket::close_code::going_away, "server shutting down");
    });
  }

 private:
  void close_with(websocket::close_code code, std::string reason) {
    if (close_with_ || closed_) return;
    if (reason.size() > kMaxCloseReason) reason.resize(kMaxCloseReason);
    spdlog::info("websocket: closing request_id={} code={} reason={}", request_id_,
                 static_cast<int>(code), reason);
    close_with_ = websocket::close_reason(code, reason);
    start_writing();
  }

  struct Operation {
    std::any context;
    std::shared_ptr<const gql::Document> document;
    std::string operation_name;
    std::optional<gql::execution::ResponseStream> stream;
    bool cancelled = false;
  };

  void handle(ClientMessage message) {
    if (auto* init = std::get_if<ConnectionInit>(&message)) {
      on_init(*init);
    } else if (auto* ping = std::get_if<Ping>(&message)) {
      json::object pong{{"type", "pong"}};
      if (!ping->payload.is_null()) pong["payload"] = ping->payload;
      send(std::move(pong));
    } else if (auto* subscribe = std::get_if<Subscribe>(&message)) {
      on_subscribe(std::move(*subscribe));
    } else if (auto* complete = std::get_if<Complete>(&message)) {
      const auto found = operations_.find(complete->id);
      if (found == operations_.end()) return;  // finished already: nothing to stop
      cancel(*found->second);
      operations_.erase(found);
    }
  }

  void on_init(const ConnectionInit& init) {
    if (init_received_) {
      close(CloseCode::kTooManyInits, "Too many initialisation requests");
      return;
    }
    init_received_ = true;
    init_timer_.cancel();
    http::HttpRequest credentials;
    credentials.request_id = request_id_;
    const auto authorization = authorization_of(init.payload);
    if (!authorization.empty()) credentials.headers.emplace_back("authorization", authorization);
    // The admin key as over HTTP: a wrong one is no error here, admin fields answer FORBIDDEN.
    if (auto api_key = api_key_of(init.payload); !api_key.empty()) {
      credentials.headers.emplace_back("x-api-key", std::move(api_key));
    }
    auth_ = server_.authenticator_.authenticate(credentials);
    if (auth_.auth_error) {
      // A token that does not verify is refused outright; no token at all is a guest, whose
      // JWT fields answer UNAUTHENTICATED.
      close(CloseCode::kForbidden, "Forbidden");
      return;
    }
    if (auth_.user_id) {
      if (const auto expiry = token_expiry(authorization)) {
        // The connection ends with its token: 4403, the client signs in again.
        expiry_timer_.expires_after(*expiry - std::chrono::system_clock::now());
        asio::co_spawn(strand_, expire(shared_from_this()), asio::detached);
      }
    }
    acked_ = true;
    send(json::object{{"type", "connection_ack"}});
  }

  void on_subscribe(Subscribe subscribe) {
    if (!acked_) {
      close(CloseCode::kUnauthorized, "Unauthorized");
      return;
    }
    if (operations_.contains(subscribe.id)) {
      close(CloseCode::kDuplicateSubscriber, "Subscriber for " + subscribe.id + " already exists");
      return;
    }
    if (operations_.size() >= server_.options_.max_subscriptions) {
      send_error(subscribe.id,
                 json::array{json::object{
                     {"message", "too many operations on this connection (at most " +
                                     std::to_string(server_.options_.max_subscriptions) + ")"},
                     {"extensions", json::object{{"code", "TOO_MANY_SUBSCRIPTIONS"}}}}});
      return;
    }
    auto operation = std::make_shared<Operation>();
    operations_.emplace(subscribe.id, operation);
    server_.active_operations_.inc();
    const std::string id = subscribe.id;
    asio::co_spawn(strand_,
                   run_operation(shared_from_this(), std::move(operation), std::move(subscribe)),
                   [self = shared_from_this(), id](const std::exception_ptr& failure) {
                     if (failure) self->operation_failed(id, failure);
                   });
  }

  static asio::awaitable<void> run_operation(std::shared_ptr<Connection> self,
                                             std::shared_ptr<Operation> operation,
                                             Subscribe message) {
    const std::string id = message.id;
    auto& server = self->server_;
    if (server.rate_limiter_ != nullptr) {
      // Each operation counts like an HTTP request: a socket is no way around the limits.
      auto pending = server.rate_limiter_->check(self->remote_address_, self->auth_.user_id);
      const auto decision = co_await std::move(pending);
      if (operation->cancelled) co_return;
      if (!decision.allowed) {
        self->send_error(id, json::array{ratelimit::rate_limited_error(decision.retry_after)});
        self->forget(id, operation);
        co_return;
      }
    }
    auto prepared = prepare_operation(*server.schema_, *server.documents_, message.query);
    if (!prepared) {
      self->send_error(id, std::move(prepared.error()));
      self->forget(id, operation);
      co_return;
    }
    operation->document = std::move(*prepared);
    operation->operation_name = message.operation_name.value_or("");
    operation->context = server.make_context_(self->auth_);
    gql::execution::ExecutionRequest request;
    request.schema = server.schema_;
    request.document = operation->document;
    request.operation_name = operation->operation_name;
    request.variables = std::move(message.variables);
    request.context = &operation->context;
    auto subscribing = gql::execution::subscribe(std::move(request));
    auto subscribed = co_await std::move(subscribing);
    if (operation->cancelled) {
      if (subscribed) subscribed->close();
      co_return;
    }
    if (!subscribed) {
      const json::object failure = subscribed.error();  // a copy: error() returns by value
      const auto* errors = failure.if_contains("errors");
      self->send_error(
          id, errors != nullptr && errors->is_array() ? errors->get_array() : json::array{});
      self->forget(id, operation);
      co_return;
    }
    operation->stream.emplace(std::move(*subscribed));
    for (;;) {
      auto waiting = operation->stream->next();
      auto response = co_await std::move(waiting);
      if (!response || operation->cancelled) break;
      self->send(json::object{{"id", id}, {"type", "next"}, {"payload", std::move(*response)}});
      // Fresh DataLoaders for the next event: an order seen in one notification may have
      // changed by the next.
      operation->context = server.make_context_(self->auth_);
    }
    if (operation->cancelled) co_return;
    self->send(json::object{{"id", id}, {"type", "complete"}});
    self->forget(id, operation);
  }

  // An operation's coroutine threw (a bug, or memory): the client gets an error, not silence.
  void operation_failed(const std::string& id, const std::exception_ptr& failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      spdlog::error("websocket: operation failed request_id={}: {}", request_id_, error.what());
    }
    const auto found = operations_.find(id);
    if (found == operations_.end()) return;
    send_error(id, json::array{json::object{
                       {"message", "internal server error"},
                       {"extensions", json::object{{"code", "INTERNAL_SERVER_ERROR"}}}}});
    cancel(*found->second);
    operations_.erase(found);
  }

  void cancel(Operation& operation) {
    operation.cancelled = true;
    if (operation.stream) operation.stream->close();
    server_.active_operations_.dec();
  }

  // Removes a finished operation (unless a new one took its id meanwhile).
  void forget(const std::string& id, const std::shared_ptr<Operation>& operation) {
    const auto found = operations_.find(id);
    if (found == operations_.end() || found->second != operation) return;
    operations_.erase(found);
    server_.active_operations_.dec();
  }

  void send_error(const std::string& id, json::array errors) {
    send(json::object{{"id", id}, {"type", "error"}, {"payload", std::move(errors)}});
  }

  void send(const json::object& message) {
    if (closed_ || close_with_) return;
    outbox_.push_back(json::serialize(message));
    start_writing();
  }

  void start_writing() {
    if (writing_) return;
    writing_ = true;
    asio::co_spawn(strand_, write_loop(shared_from_this()), asio::detached);
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<Connection> self) {
    auto& ws = self->ws_;
    while (!self->closed_) {
      if (!self->outbox_.empty()) {
        const std::string text = std::move(self->outbox_.front());
        self->outbox_.pop_front();
        ws.text(true);
        auto [ec, written] = co_await ws.async_write(asio::buffer(text), kNoThrow);
        if (ec) break;
        continue;
      }
      if (self->close_with_) {
        self->closed_ = true;
        co_await ws.async_close(*self->close_with_, kNoThrow);  // errors: the peer is gone
      }
      break;
    }
    self->writing_ = false;
  }

  static asio::awaitable<void> expire(std::shared_ptr<Connection> self) {
    auto [ec] = co_await self->expiry_timer_.async_wait(kNoThrow);
    if (!ec) self->close(CloseCode::kForbidden, "Forbidden: token expired");
  }

  static asio::awaitable<void> init_deadline(std::shared_ptr<Connection> self) {
    self->init_timer_.expires_after(self->server_.options_.init_timeout);
    auto [ec] = co_await self->init_timer_.async_wait(kNoThrow);
    if (!ec && !self->init_received_) {
      self->close(CloseCode::kInitTimeout, "Connection initialisation timeout");
    }
  }

  WsServer& server_;
  WsStream ws_;
  std::string request_id_;
  std::string remote_address_;  // the client, for its rate-limit bucket
  asio::any_io_executor strand_;
  auth::RequestContext auth_;
  std::deque<std::string> outbox_;
  std::optional<websocket::close_reason> close_with_;
  bool writing_ = false;
  bool closed_ = false;
  bool init_received_ = false;
  bool acked_ = false;
  std::unordered_map<std::string, std::shared_ptr<Operation>> operations_;
  asio::steady_timer init_timer_;
  asio::steady_timer expiry_timer_;
};

WsServer::WsServer(std::shared_ptr<const graphql::execution::ExecutableSchema> schema,
                   graphql_http::EngineLimits limits, const auth::Authenticator& authenticator,
                   graphql_http::ContextFactory make_context, WsOptions options,
                   ops::MetricsRegistry& metrics)
    : schema_(std::move(schema)),
      documents_(graphql_http::make_document_cache(limits)),
      authenticator_(authenticator),
      make_context_(std::move(make_context)),
      options_(options),
      open_connections_(metrics.gauge("gateway_websocket_open_connections",
                                      "WebSocket connections currently open.")),
      active_operations_(metrics.gauge(
          "gateway_websocket_active_operations",
          "Subscriptions (and queries) running over WebSocket connections right now.")) {}

WsServer::~WsServer() = default;

asio::awaitable<void> WsServer::serve(asio::ip::tcp::socket socket,
                                      bhttp::request<bhttp::string_body> upgrade,
                                      http::HttpRequest request) {
  if (request.path() != "/graphql") {
    log_upgrade(request, 404, "no WebSocket endpoint at this path");
    // Named awaitables: GCC 12 refuses a string literal argument inside a co_await expression.
    auto refusing = refuse(socket, bhttp::status::not_found, upgrade.version(),
                           "text/plain; charset=utf-8", "not found\n");
    co_await std::move(refusing);
    co_return;
  }
  if (rate_limiter_ != nullptr) {
    auto pending = rate_limiter_->check(request.remote_address, std::nullopt);
    const auto decision = co_await std::move(pending);
    if (!decision.allowed) {
      log_upgrade(request, 429, "rate limited");
      auto refusing =
          refuse(socket, bhttp::status::too_many_requests, upgrade.version(),
                 "application/json; charset=utf-8",
                 json::serialize(json::object{
                     {"errors", json::array{ratelimit::rate_limited_error(decision.retry_after)}}}),
                 std::to_string(ratelimit::retry_after_seconds(decision.retry_after)));
      co_await std::move(refusing);
      co_return;
    }
  }
  const bool offered = offers_subprotocol(upgrade[bhttp::field::sec_websocket_protocol]);
  WsStream ws(std::move(socket));
  ws.set_option(websocket::stream_base::decorator([offered](websocket::response_type& response) {
    if (offered) response.set(bhttp::field::sec_websocket_protocol, kSubprotocol);
  }));
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = options_.idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(options_.max_message_bytes);
  auto [ec] = co_await ws.async_accept(upgrade, kNoThrow);
  if (ec) {
    log_upgrade(request, 400, "WebSocket handshake failed: " + ec.message());
    co_return;
  }
  log_upgrade(request, 101);
  // This frame lives as long as the connection: drop the upgrade request's headers now.
  upgrade = {};
  // The HTTP session's strand (the coroutine runs on it).
  const asio::any_io_executor strand = co_await asio::this_coro::executor;
  auto connection =
      std::make_shared<Connection>(*this, std::move(ws), std::move(request.request_id),
                                   std::move(request.remote_address), strand);
  request = {};
  bool refused = false;
  {
    std::lock_guard lock(mutex_);
    refused = shutting_down_;
    connections_.emplace(connection.get(), connection);
  }
  ++open_;
  if (refused) connection->go_away();
  if (!offered) {
    connection->close(CloseCode::kSubprotocolNotAcceptable, "Subprotocol not acceptable");
  }
  co_await connection->run();
  {
    std::lock_guard lock(mutex_);
    connections_.erase(connection.get());
  }
  --open_;
}

void WsServer::shutdown(std::chrono::milliseconds grace) {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    for (const auto& [key, weak] : connections_) {
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
  }
  for (const auto& connection : open) connection->go_away();
  open.clear();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (open_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace ecn::gateway::subscriptions
