#pragma once

#include <cstdint>
#include <string>

// Settings of the service benchmarks, read from the environment (run.sh passes them on).
namespace ecn::bench {

// The variable's value, or `fallback` when unset or empty.
std::string env_or(const char* name, const std::string& fallback);
// A positive integer setting; exits with the variable's name on a bad value.
std::int64_t env_count(const char* name, std::int64_t fallback);

// Where the servers a benchmark uses listen (BENCH_PG_URL: an admin URL to the `postgres`
// database, BENCH_KAFKA_BROKERS, BENCH_REDIS_URL) and the binary under test
// (NOTIFICATION_SERVICE_BINARY, compiled in as the build's own).
struct Servers {
  std::string pg_admin_url;
  std::string kafka_brokers;
  std::string redis_url;
  std::string service_binary;
};
Servers servers_from_env(const std::string& default_binary);

}  // namespace ecn::bench
