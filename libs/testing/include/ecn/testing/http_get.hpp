#pragma once

#include <cstdint>
#include <string>

namespace ecn::testing {

// The answer of a plain HTTP/1.1 GET.
struct HttpAnswer {
  int status = 0;
  std::string body;
};

// GET http://127.0.0.1:<port><path> over a blocking socket, Connection: close. Throws
// std::runtime_error when the server cannot be reached. Enough for ops endpoints in tests.
HttpAnswer http_get(std::uint16_t port, const std::string& path);

}  // namespace ecn::testing
