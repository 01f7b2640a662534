#include "ecn/testing/environment.hpp"

#include <cstdlib>
#include <random>
#include <thread>

namespace ecn::testing {
namespace {

// The build's value (the ports of `make test`) unless the environment names another server.
std::string setting(const char* name, const char* build_default) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : build_default;
}

}  // namespace

std::string pg_admin_url() {
  return setting("ECN_TEST_PG_URL", ECN_DEFAULT_TEST_PG_URL);
}
std::string kafka_brokers() {
  return setting("ECN_TEST_KAFKA_BROKERS", ECN_DEFAULT_TEST_KAFKA_BROKERS);
}
std::string redis_url() {
  return setting("ECN_TEST_REDIS_URL", ECN_DEFAULT_TEST_REDIS_URL);
}
std::string infra_script() {
  return setting("ECN_INFRA_SCRIPT", ECN_DEFAULT_INFRA_SCRIPT);
}
std::string infra_environment() {
  return setting("ECN_TEST_INFRA_ENV", ECN_DEFAULT_TEST_INFRA_ENV);
}

std::string unique_name(std::string_view prefix) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name(prefix);
  name += '_';
  auto bits = rng();
  for (int i = 0; i < 16; ++i) {
    name += kHex[bits & 0xf];
    bits >>= 4;
  }
  return name;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace ecn::testing
