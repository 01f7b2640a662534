#include "ecn/ops/ops_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

#include "readiness.hpp"

namespace ecn::ops {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::uint32_t kHeaderLimit = 8 * 1024;
constexpr std::uint64_t kBodyLimit = 8 * 1024;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response make_response(unsigned version, http::status status, std::string_view content_type,
                       std::string body) {
  Response response{status, version};
  response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-store");
  response.body() = std::move(body);
  return response;
}

// Errors that just mean the peer went away or stayed silent: nothing to answer.
bool is_disconnect(const boost::system::error_code& error) {
  return error == http::error::end_of_stream || error == beast::error::timeout ||
         error == asio::error::eof || error == asio::error::connection_reset ||
         error == asio::error::operation_aborted || error == asio::error::broken_pipe;
}

}  // namespace

struct OpsServer::Impl {
  Impl(core::HostPort address_in, MetricsRegistry& registry_in, OpsServerOptions options_in)
      : address(std::move(address_in)), registry(registry_in), options(options_in) {}

  asio::awaitable<Response> respond(const Request& request);
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> accept_loop();
  void bind();

  core::HostPort address;
  MetricsRegistry& registry;
  OpsServerOptions options;

  // Declared before everything that holds its handlers or I/O objects, so destroyed last.
  std::optional<asio::io_context> io{std::in_place, 1};
  std::optional<detail::ReadinessChecks> checks{std::in_place, io->get_executor()};
  std::optional<tcp::acceptor> acceptor;
  std::thread io_thread;
  std::atomic<std::uint16_t> bound_port{0};

  std::mutex lifecycle_mutex;
  bool started = false;
  bool stopped = false;
};

asio::awaitable<Response> OpsServer::Impl::respond(const Request& request) {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  const unsigned version = request.version();

  if (path != "/healthz" && path != "/readyz" && path != "/metrics") {
    co_return make_response(version, http::status::not_found, "text/plain", "not found\n");
  }
  if (request.method() != http::verb::get) {
    Response response = make_response(version, http::status::method_not_allowed, "text/plain",
                                      "method not allowed\n");
    response.set(http::field::allow, "GET");
    co_return response;
  }
  if (path == "/healthz") {
    co_return make_response(version, http::status::ok, "text/plain", "ok");
  }
  if (path == "/metrics") {
    co_return make_response(version, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                            registry.render());
  }
  const detail::ReadinessReport report = co_await checks->probe(options.check_timeout);
  co_return make_response(version,
                          report.ready ? http::status::ok : http::status::service_unavailable,
                          "application/json", report.to_json());
}

asio::awaitable<void> OpsServer::Impl::session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  try {
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(kBodyLimit);
      stream.expires_after(options.idle_timeout);
      const auto [read_error, read_bytes] =
          co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      if (read_error) {
        if (!is_disconnect(read_error)) {
          Response response =
              make_response(11, http::status::bad_request, "text/plain", "bad request\n");
          response.keep_alive(false);
          response.prepare_payload();
          stream.expires_after(options.idle_timeout);
          co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
        }
        break;
      }
      const Request request = parser.release();
      Response response = co_await respond(request);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      stream.expires_after(options.idle_timeout);
      const auto [write_error, written] =
          co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
      if (write_error || !response.keep_alive()) break;
    }
  } catch (const std::exception& e) {
    spdlog::warn("ops endpoint: connection failed: {}", e.what());
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> OpsServer::Impl::accept_loop() {
  for (;;) {
    auto [error, socket] = co_await acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
    if (error == asio::error::operation_aborted) co_return;
    if (error) {
      // Out of descriptors and the like: back off instead of spinning, then keep serving.
      spdlog::warn("ops endpoint: accept failed: {}", error.message());
      asio::steady_timer delay(*io, kAcceptRetryDelay);
      co_await delay.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    asio::co_spawn(*io, session(std::move(socket)), asio::detached);
  }
}

void OpsServer::Impl::bind() {
  const std::string where = address.to_string();
  const auto fail = [&](const boost::system::error_code& error, std::string_view step) {
    throw std::system_error(std::error_code(error),
                            "ops endpoint: cannot " + std::string(step) + " " + where);
  };
  boost::system::error_code error;
  tcp::resolver resolver(*io);
  const auto endpoints = resolver.resolve(
      address.host.empty() ? "0.0.0.0" : address.host, std::to_string(address.port),
      tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error) fail(error, "resolve");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();

  acceptor.emplace(*io);
  if (acceptor->open(endpoint.protocol(), error)) fail(error, "open a socket for");
  if (acceptor->set_option(tcp::acceptor::reuse_address(true), error)) {
    fail(error, "configure");
  }
  if (acceptor->bind(endpoint, error)) fail(error, "bind");
  if (acceptor->listen(asio::socket_base::max_listen_connections, error)) fail(error, "listen on");
  bound_port = acceptor->local_endpoint().port();
}

OpsServer::OpsServer(core::HostPort address, MetricsRegistry& registry, OpsServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(address), registry, options)) {}

OpsServer::~OpsServer() {
  stop();
}

void OpsServer::add_readiness_check(std::string name, ReadinessCheck check) {
  const std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->stopped) throw std::logic_error("ops endpoint: already stopped");
  impl_->checks->add(std::move(name), std::move(check));
}

void OpsServer::start() {
  const std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->started || impl_->stopped) {
    throw std::logic_error("ops endpoint: start() may be called once, before stop()");
  }
  impl_->started = true;
  impl_->bind();
  asio::co_spawn(*impl_->io, impl_->accept_loop(), asio::detached);
  impl_->io_thread = std::thread([impl = impl_.get()] { impl->io->run(); });
  spdlog::info("ops endpoint listening on {} (port {})", impl_->address.to_string(),
               impl_->bound_port.load());
}

void OpsServer::stop() {
  const std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->io->stop();
  if (impl_->io_thread.joinable()) impl_->io_thread.join();
  // With no I/O thread left, tear down in dependency order: check threads (which post to the
  // io_context), then the listener, then the io_context, whose destruction closes every
  // connection by destroying the coroutines that own them.
  impl_->checks.reset();
  impl_->acceptor.reset();
  impl_->io.reset();
  impl_->bound_port = 0;
}

std::uint16_t OpsServer::port() const {
  return impl_->bound_port.load();
}

}  // namespace ecn::ops
