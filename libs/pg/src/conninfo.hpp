#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ecn::pg {

// Adds libpq's connect_timeout (whole seconds, rounded up) to a postgresql:// URL or a
// key=value connection string. A URL that sets connect_timeout itself keeps its value, so an
// operator can tune it through DATABASE_URL; a timeout of 0 or less adds nothing.
std::string with_connect_timeout(std::string_view url, std::chrono::milliseconds timeout);

}  // namespace ecn::pg
