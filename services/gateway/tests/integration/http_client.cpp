#include "http_client.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace ecn::gateway::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

struct HttpConnection::Impl {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  beast::flat_buffer buffer;
};

HttpConnection::HttpConnection(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect({asio::ip::make_address("127.0.0.1"), port});
}

HttpConnection::~HttpConnection() = default;

ClientResponse HttpConnection::request(const std::string& method, const std::string& target,
                                       const std::map<std::string, std::string>& headers,
                                       const std::string& body) {
  bhttp::request<bhttp::string_body> message{bhttp::string_to_verb(method), target, 11};
  message.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) message.set(name, value);
  message.body() = body;
  if (!body.empty() || method == "POST") message.prepare_payload();
  bhttp::write(impl_->socket, message);
  return read_response();
}

ClientResponse HttpConnection::raw(const std::string& bytes) {
  asio::write(impl_->socket, asio::buffer(bytes));
  return read_response();
}

bool HttpConnection::closed_by_server() {
  char byte;
  boost::system::error_code ec;
  impl_->socket.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

ClientResponse HttpConnection::read_response() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64u << 20);
  bhttp::read(impl_->socket, impl_->buffer, parser);
  const auto& message = parser.get();
  ClientResponse out;
  out.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.headers[name] = std::string(field.value());
  }
  out.body = message.body();
  out.keep_alive = message.keep_alive();
  return out;
}

}  // namespace ecn::gateway::testing
