#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Plain request and response values that the gateway's handlers see, so routing, GraphQL over
// HTTP and auth are tested without sockets and Beast stays inside the server.
namespace ecn::gateway::http {

// Header fields in arrival order, names lower-cased; repeated names stay separate entries.
using Headers = std::vector<std::pair<std::string, std::string>>;

// One HTTP request as the server read it.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // origin form as sent: "/graphql?query=..."
  Headers headers;
  std::string body;
  std::string request_id;      // honoured x-request-id or a fresh one
  std::string remote_address;  // peer IP, for logs and rate limits

  // The first value of header `name` (lower case), or "" when absent.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // The target without its query string.
  std::string_view path() const;
};

// One HTTP response produced by a handler; the server adds Date-free framing headers
// (Content-Length, Connection) and x-request-id.
struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;

  // Replaces any value of `name` (lower case).
  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

// A response with a body and its content type.
HttpResponse make_response(int status, std::string content_type, std::string body);

}  // namespace ecn::gateway::http
