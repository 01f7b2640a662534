#include "bench_env.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>

namespace ecn::bench {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::string(value);
}

std::int64_t env_count(const char* name, std::int64_t fallback) {
  const auto text = env_or(name, "");
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
    std::cerr << name << ": must be a positive integer, got '" << text << "'\n";
    std::exit(2);
  }
  return value;
}

Servers servers_from_env(const std::string& default_binary) {
  return {.pg_admin_url = env_or("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:25432/postgres"),
          .kafka_brokers = env_or("BENCH_KAFKA_BROKERS", "127.0.0.1:29092"),
          .redis_url = env_or("BENCH_REDIS_URL", "redis://127.0.0.1:26379"),
          .service_binary = env_or("NOTIFICATION_SERVICE_BINARY", default_binary)};
}

}  // namespace ecn::bench
