#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

// Where the test servers started by `make test` listen, handed to tests by ctest (see
// cmake/EcnTargets.cmake). Each accessor fails the test loudly when the variable is missing.
namespace ecn::testing {

std::string pg_admin_url();
std::string kafka_brokers();
std::string redis_url();

// A name no other test run uses: "<prefix>_<16 hex chars>", lower case, valid as a
// PostgreSQL identifier and a Kafka topic name.
std::string unique_name(std::string_view prefix);

// Polls `condition` until it holds or `timeout` passes; returns whether it held. For awaiting
// an observable condition, never as a fixed sleep.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(20));

}  // namespace ecn::testing
