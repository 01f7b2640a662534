#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

// Where the test servers started by `make test` listen: the values configured in CMake
// (cmake/EcnTargets.cmake), each overridable by the environment variable of the same name
// (ECN_TEST_PG_URL, ECN_TEST_KAFKA_BROKERS, ECN_TEST_REDIS_URL).
namespace ecn::testing {

std::string pg_admin_url();
std::string kafka_brokers();
std::string redis_url();
// scripts/infra.sh of this checkout (ECN_INFRA_SCRIPT) and the environment it needs to address
// the test servers (ECN_TEST_INFRA_ENV, e.g. "INFRA_PROFILE=test").
std::string infra_script();
std::string infra_environment();

// A name no other test run uses: "<prefix>_<16 hex chars>", lower case, valid as a
// PostgreSQL identifier and a Kafka topic name.
std::string unique_name(std::string_view prefix);

// Polls `condition` until it holds or `timeout` passes; returns whether it held. For awaiting
// an observable condition, never as a fixed sleep.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(20));

}  // namespace ecn::testing
