#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "ecn/core/host_port.hpp"
#include "http/client_address.hpp"
#include "http/http_types.hpp"

namespace ecn::gateway::http {

// Listening address, threads and the limits every connection is held to.
struct HttpServerOptions {
  core::HostPort address{"0.0.0.0", 8080};
  int threads = 2;
  std::size_t max_body_bytes = std::size_t{1} << 20;  // larger bodies get 413
  std::size_t max_header_bytes = 16 * 1024;           // larger header blocks get 431
  std::chrono::milliseconds request_timeout{30000};   // a handler running longer gets 504
  std::chrono::milliseconds idle_timeout{60000};  // a keep-alive connection silent this long closes
  std::chrono::milliseconds drain_timeout{8000};  // stop() waits this long for in-flight requests
  // Peers whose X-Forwarded-For names the client (HttpRequest::remote_address); empty: none.
  TrustedProxies trusted_proxies;
};

// Serves one request; runs on the connection's strand and may suspend on I/O. The request
// outlives the returned coroutine.
using HttpHandler = std::function<boost::asio::awaitable<HttpResponse>(const HttpRequest&)>;

// Takes over a connection whose request asks for a WebSocket upgrade: accepts (or refuses) it
// and serves it until it closes, on the connection's strand. `request` carries the request id
// and headers; `upgrade` is the raw request Beast's websocket accept needs. The socket comes
// bare: moving a beast::tcp_stream allocates a new one and leaves the old one's state allocated
// in a frame that lives as long as the connection.
using UpgradeHandler = std::function<boost::asio::awaitable<void>(
    boost::asio::ip::tcp::socket socket,
    boost::beast::http::request<boost::beast::http::string_body> upgrade, HttpRequest request)>;

// Observers of the server's traffic, for metrics and tests; any may be empty.
struct HttpServerHooks {
  std::function<void()> connection_opened;
  std::function<void()> connection_closed;
  // After each response is written (including the server's own 4xx), with the time taken.
  std::function<void(const HttpRequest&, const HttpResponse&, std::chrono::steady_clock::duration)>
      request_done;
};

// HTTP/1.1 server on Boost.Beast with C++20 coroutines: keep-alive, body and header limits,
// a per-request timeout, x-request-id honoured or assigned and echoed, and one JSON access log
// line per request. N threads run one io_context; each connection lives on its own strand.
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler, HttpServerHooks hooks = {});
  // Stops the server (see stop()).
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Without one (the default) upgrade requests are served as plain HTTP. Call before start().
  void set_upgrade_handler(UpgradeHandler handler);

  // Binds and starts the threads. Throws std::system_error when the address cannot be bound.
  void start();
  // Stops accepting, lets in-flight requests finish (up to drain_timeout), closes idle
  // connections and joins the threads. Idempotent.
  void stop();
  // The bound port after start() (the chosen one for port 0).
  std::uint16_t port() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// `candidate` when it is a usable request id (1..128 characters of [A-Za-z0-9._:-]), else a
// fresh UUIDv7: ids from clients are echoed into logs, so they must not carry anything else.
std::string choose_request_id(std::string_view candidate);

}  // namespace ecn::gateway::http
