#include "ecn/testing/environment.hpp"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

namespace ecn::testing {
namespace {

std::string required(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: run tests through ctest (make test) so they find the "
                             "test servers");
  }
  return value;
}

}  // namespace

std::string pg_admin_url() { return required("ECN_TEST_PG_URL"); }
std::string kafka_brokers() { return required("ECN_TEST_KAFKA_BROKERS"); }
std::string redis_url() { return required("ECN_TEST_REDIS_URL"); }

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
