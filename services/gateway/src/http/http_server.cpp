#include "http/http_server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <stdexcept>
#include <thread>
#include <variant>

#include "ecn/core/logging.hpp"
#include "ecn/core/uuid.hpp"

namespace ecn::gateway::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxRequestIdLength = 128;
// After an early error reply (413, 431) the client may still be sending; reading a little of
// it before closing keeps the kernel from resetting the connection over our answer.
constexpr std::size_t kMaxDrainBytes = 4u << 20;
constexpr std::chrono::milliseconds kDrainWait{1000};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string json_error_body(std::string_view message, std::string_view code) {
  return fmt::format(R"({{"errors":[{{"message":"{}","extensions":{{"code":"{}"}}}}]}})", message,
                     code);
}

HttpResponse error_response(int status, std::string_view message, std::string_view code) {
  return make_response(status, "application/json; charset=utf-8", json_error_body(message, code));
}

// The server's own answer to a request it could not read, and why for the access log; nullopt
// to just close.
struct ReadRefusal {
  HttpResponse response;
  std::string reason;
};
std::optional<ReadRefusal> refuse_unreadable(const boost::system::error_code& ec,
                                             const HttpServerOptions& options) {
  if (ec == bhttp::error::body_limit) {
    return ReadRefusal{error_response(413, "request body too large", "PAYLOAD_TOO_LARGE"),
                       fmt::format("body over {} bytes", options.max_body_bytes)};
  }
  if (ec == bhttp::error::header_limit) {
    return ReadRefusal{error_response(431, "request header fields too large", "HEADERS_TOO_LARGE"),
                       fmt::format("header over {} bytes", options.max_header_bytes)};
  }
  // A client that closed its connection, between requests or inside one, hears nothing: Beast
  // reports both in its HTTP category, but they are no malformed request.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    return std::nullopt;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
    return ReadRefusal{error_response(400, "malformed HTTP request", "BAD_REQUEST"),
                       "malformed request: " + ec.message()};
  }
  return std::nullopt;
}

// What the access log shows of a part of the request line that was never read.
std::string_view or_unread(std::string_view text) {
  return text.empty() ? std::string_view("-") : text;
}

}  // namespace

std::string choose_request_id(std::string_view candidate) {
  const bool usable = !candidate.empty() && candidate.size() <= kMaxRequestIdLength &&
                      std::all_of(candidate.begin(), candidate.end(), [](unsigned char c) {
                        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
                      });
  return usable ? std::string(candidate) : core::new_uuid_v7();
}

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  HttpServerHooks hooks;
  UpgradeHandler upgrade;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::atomic<std::uint16_t> bound_port{0};
  bool started = false;
  bool stopped = false;
  // Declared after everything the connection coroutines touch: destroying the io_context
  // destroys their frames, which still run their guards.
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;

  Impl(HttpServerOptions opts, HttpHandler h, HttpServerHooks k)
      : options(std::move(opts)),
        handler(std::move(h)),
        hooks(std::move(k)),
        ioc(std::max(1, options.threads)) {}

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        spdlog::warn("http: accept failed: {}", ec.message());
        continue;
      }
      asio::co_spawn(asio::make_strand(ioc), session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<HttpResponse> run_handler(const HttpRequest& request) {
    try {
      co_return co_await handler(request);
    } catch (const std::exception& error) {
      core::RequestIdScope scope(request.request_id);
      spdlog::error("http: handler failed: {}", error.what());
    }
    co_return error_response(500, "internal server error", "INTERNAL_SERVER_ERROR");
  }

  // The handler's response, or 504 when it outlives the request timeout (the handler is then
  // cancelled at its next suspension point).
  asio::awaitable<HttpResponse> respond(const HttpRequest& request) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(options.request_timeout);
    auto outcome = co_await (run_handler(request) || timer.async_wait(asio::use_awaitable));
    if (auto* response = std::get_if<HttpResponse>(&outcome)) co_return std::move(*response);
    co_return error_response(504, "request timed out", "TIMEOUT");
  }

  // `refused`: why a request was answered before it was read whole (its method and target are
  // logged as far as they were read, "-" where not at all).
  void finish(const HttpRequest& request, const HttpResponse& response, Clock::time_point start,
              std::string_view refused = {}) {
    const auto elapsed = Clock::now() - start;
    if (hooks.request_done) hooks.request_done(request, response, elapsed);
    core::RequestIdScope scope(request.request_id);
    const double duration_ms = std::chrono::duration<double, std::milli>(elapsed).count();
    if (refused.empty()) {
      spdlog::info("access method={} path={} status={} duration_ms={:.3f} bytes={} remote={}",
                   request.method, request.path(), response.status, duration_ms,
                   response.body.size(), request.remote_address);
    } else {
      spdlog::info(
          "access method={} path={} status={} duration_ms={:.3f} bytes={} remote={} refused=\"{}\"",
          or_unread(request.method), or_unread(request.path()), response.status, duration_ms,
          response.body.size(), request.remote_address, refused);
    }
  }

  static asio::awaitable<void> write(beast::tcp_stream& stream, const HttpResponse& response,
                                     unsigned version, bool keep_alive, std::string_view request_id,
                                     std::chrono::milliseconds timeout,
                                     boost::system::error_code& ec) {
    bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status),
                                                version};
    for (const auto& [name, value] : response.headers) message.insert(name, value);
    message.set("x-request-id", request_id);
    message.keep_alive(keep_alive);
    message.body() = response.body;
    message.prepare_payload();
    stream.expires_after(timeout);
    auto [write_ec, written] = co_await bhttp::async_write(stream, message, kNoThrow);
    ec = write_ec;
  }

  static asio::awaitable<void> close_gracefully(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16384> sink{};
    std::size_t drained = 0;
    stream.expires_after(kDrainWait);
    while (drained < kMaxDrainBytes) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kNoThrow);
      if (ec) break;
      drained += n;
    }
    stream.socket().close(ignored);
  }

  asio::awaitable<void> session(tcp::socket socket) {
    struct ConnectionGuard {
      const HttpServerHooks& hooks;
      explicit ConnectionGuard(const HttpServerHooks& h) : hooks(h) {
        if (hooks.connection_opened) hooks.connection_opened();
      }
      ~ConnectionGuard() {
        if (hooks.connection_closed) hooks.connection_closed();
      }
    } guard(hooks);
    boost::system::error_code endpoint_ec;
    const auto peer = socket.remote_endpoint(endpoint_ec);
    const std::string remote = endpoint_ec ? std::string() : peer.address().to_string();
    const bool behind_proxy = !endpoint_ec && options.trusted_proxies.contains(peer.address());
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      parser.body_limit(options.max_body_bytes);
      stream.expires_after(options.idle_timeout);
      auto [read_ec, read_bytes] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      const auto start = Clock::now();
      HttpRequest request;
      request.remote_address = remote;
      if (read_ec) {
        auto refusal = refuse_unreadable(read_ec, options);
        if (!refusal) co_return;  // end of stream, timeout, reset: nothing to answer
        // A body over the limit comes after a header that was read: its request id counts
        // (Beast keeps the fields it parsed; none when it stopped earlier).
        request.request_id = choose_request_id(parser.get()["x-request-id"]);
        // Beast fills these once the request line is read whole; before, they are empty.
        request.method = std::string(parser.get().method_string());
        request.target = std::string(parser.get().target());
        boost::system::error_code write_ec;
        co_await write(stream, refusal->response, parser.get().version() == 10 ? 10 : 11, false,
                       request.request_id, options.idle_timeout, write_ec);
        finish(request, refusal->response, start, refusal->reason);
        co_await close_gracefully(stream);
        co_return;
      }
      auto& message = parser.get();
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
      }
      request.body = std::move(message.body());
      request.request_id = choose_request_id(request.header("x-request-id"));
      if (behind_proxy) {
        std::vector<std::string_view> forwarded_for;
        for (const auto& [name, value] : request.headers) {
          if (name == "x-forwarded-for") forwarded_for.push_back(value);
        }
        request.remote_address =
            client_address(peer.address(), forwarded_for, options.trusted_proxies);
      }
      const bool keep_alive = message.keep_alive();
      if (upgrade && beast::websocket::is_upgrade(message)) {
        stream.expires_never();
        auto taking_over = upgrade(stream.release_socket(), parser.release(), std::move(request));
        // This frame lives as long as the WebSocket: keep no read buffer in it.
        buffer = beast::flat_buffer();
        co_await std::move(taking_over);
        co_return;
      }

      in_flight.fetch_add(1);
      stream.expires_never();
      HttpResponse response = co_await respond(request);
      const bool keep = keep_alive && !stopping.load();
      boost::system::error_code write_ec;
      co_await write(stream, response, message.version(), keep, request.request_id,
                     options.idle_timeout, write_ec);
      in_flight.fetch_sub(1);
      finish(request, response, start);
      if (write_ec || !keep) {
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
    }
  }
};

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler, HttpServerHooks hooks)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(handler), std::move(hooks))) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::set_upgrade_handler(UpgradeHandler handler) {
  if (impl_->started) throw std::logic_error("HttpServer::set_upgrade_handler after start");
  impl_->upgrade = std::move(handler);
}

void HttpServer::start() {
  if (impl_->started) throw std::logic_error("HttpServer::start called twice");
  impl_->started = true;
  const auto& address = impl_->options.address;
  tcp::resolver resolver(impl_->ioc);
  const auto endpoints = resolver.resolve(address.host.empty() ? "0.0.0.0" : address.host,
                                          std::to_string(address.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service);
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->bound_port = acceptor.local_endpoint().port();
  asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
  }
}

void HttpServer::stop() {
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  impl_->stopping = true;
  asio::post(impl_->ioc, [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
  });
  const auto deadline = Clock::now() + impl_->options.drain_timeout;
  while (impl_->in_flight.load() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->ioc.stop();
  for (auto& thread : impl_->threads) thread.join();
  impl_->threads.clear();
  impl_->bound_port = 0;
}

std::uint16_t HttpServer::port() const {
  return impl_->bound_port.load();
}

}  // namespace ecn::gateway::http
