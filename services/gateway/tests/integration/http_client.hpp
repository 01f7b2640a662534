#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace ecn::gateway::testing {

// A response as the test client read it; header names lower case.
struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  bool keep_alive = false;

  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

// One blocking HTTP/1.1 connection to 127.0.0.1:<port>, reused across requests (keep-alive).
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();

  // Sends a request with Content-Length when `body` is not empty.
  ClientResponse request(const std::string& method, const std::string& target,
                         const std::map<std::string, std::string>& headers = {},
                         const std::string& body = {});
  // Sends bytes as they are, then reads one response.
  ClientResponse raw(const std::string& bytes);
  // True when the server closed the connection (a read returns end of stream).
  bool closed_by_server();

 private:
  ClientResponse read_response();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecn::gateway::testing
