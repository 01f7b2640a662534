#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.hpp"

namespace ecn::gateway::http {

// Which browser origins may call the gateway (CORS_ALLOWED_ORIGINS): exact origins, or "*"
// for any. An empty list sends no CORS headers at all, so browsers on other origins are
// refused by their own same-origin rule.
class CorsPolicy {
 public:
  CorsPolicy() = default;
  explicit CorsPolicy(std::vector<std::string> allowed_origins);
  // From a comma-separated list ("https://shop.example, http://localhost:5173" or "*").
  static CorsPolicy parse(std::string_view list);

  bool allows(std::string_view origin) const;
  // True for an OPTIONS request carrying Access-Control-Request-Method.
  static bool is_preflight(const HttpRequest& request);
  // The answer to a preflight: 204 with the allowed methods and headers, or 403 when the
  // origin is not allowed.
  HttpResponse preflight(const HttpRequest& request) const;
  // Adds Access-Control-Allow-Origin (and Vary, Expose-Headers) to an actual response.
  void decorate(const HttpRequest& request, HttpResponse& response) const;

 private:
  std::vector<std::string> allowed_;
  bool any_ = false;
};

}  // namespace ecn::gateway::http
