#pragma once

#include <string_view>

namespace ecn::testing {

// Stops or starts one real test server through scripts/infra.sh, for fault tests:
// action is "start" or "stop", component is "postgres", "redis" or "kafka".
// Throws std::runtime_error with the script's output when it fails.
void infra(std::string_view action, std::string_view component);

}  // namespace ecn::testing
