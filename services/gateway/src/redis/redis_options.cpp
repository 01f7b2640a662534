#include "redis/redis_options.hpp"

#include <charconv>

#include "ecn/core/host_port.hpp"

namespace ecn::gateway::redis {
namespace {

core::Error invalid(std::string_view why) {
  return {core::ErrorCode::kInvalidArgument, "REDIS_URL: " + std::string(why)};
}

}  // namespace

core::Result<RedisOptions> parse_redis_url(std::string_view url, RedisOptions base) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) return invalid("expected redis://host:port");
  std::string_view rest = url.substr(kScheme.size());
  std::string_view path;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto credentials = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    const auto colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      base.password = std::string(credentials);
    } else {
      base.username = std::string(credentials.substr(0, colon));
      base.password = std::string(credentials.substr(colon + 1));
    }
  }
  if (rest.empty()) return invalid("missing host");
  const bool has_port = rest.back() != ']' && rest.find(':') != std::string_view::npos;
  const auto host_port =
      core::parse_host_port(has_port ? std::string(rest) : std::string(rest) + ":6379");
  if (!host_port || host_port->host.empty() || host_port->port == 0) {
    return invalid("expected redis://host:port");
  }
  base.host = host_port->host;
  base.port = host_port->port;
  if (!path.empty()) {
    int database = 0;
    const auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), database);
    if (ec != std::errc{} || end != path.data() + path.size() || database < 0) {
      return invalid("the database after / must be a number");
    }
    base.database = database;
  }
  return base;
}

}  // namespace ecn::gateway::redis
