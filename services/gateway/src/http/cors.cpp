#include "http/cors.hpp"

#include <algorithm>

namespace ecn::gateway::http {
namespace {

constexpr std::string_view kAllowedMethods = "GET, POST, OPTIONS";
constexpr std::string_view kAllowedHeaders =
    "authorization, content-type, accept, x-api-key, x-request-id";
constexpr std::string_view kMaxAgeSeconds = "600";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins)
    : allowed_(std::move(allowed_origins)),
      any_(std::find(allowed_.begin(), allowed_.end(), "*") != allowed_.end()) {}

CorsPolicy CorsPolicy::parse(std::string_view list) {
  std::vector<std::string> origins;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) origins.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return CorsPolicy(std::move(origins));
}

bool CorsPolicy::allows(std::string_view origin) const {
  if (origin.empty()) return false;
  return any_ || std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

bool CorsPolicy::is_preflight(const HttpRequest& request) {
  return request.method == "OPTIONS" && request.has_header("access-control-request-method");
}

HttpResponse CorsPolicy::preflight(const HttpRequest& request) const {
  const auto origin = request.header("origin");
  if (!allows(origin)) {
    return make_response(403, "text/plain; charset=utf-8", "origin not allowed\n");
  }
  HttpResponse response;
  response.status = 204;
  response.set_header("access-control-allow-origin", std::string(origin));
  response.set_header("access-control-allow-methods", std::string(kAllowedMethods));
  response.set_header("access-control-allow-headers", std::string(kAllowedHeaders));
  response.set_header("access-control-max-age", std::string(kMaxAgeSeconds));
  response.set_header("vary", "Origin");
  return response;
}

void CorsPolicy::decorate(const HttpRequest& request, HttpResponse& response) const {
  const auto origin = request.header("origin");
  if (!allows(origin)) return;
  // The concrete origin rather than "*", because requests may carry credentials (Authorization).
  response.set_header("access-control-allow-origin", std::string(origin));
  response.set_header("access-control-expose-headers", "x-request-id");
  response.set_header("vary", "Origin");
}

}  // namespace ecn::gateway::http
